import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { CATALOG_MODELS } from '../../../../nodes/engine';
import {
	modelListEntryName,
	searchModels,
} from '../../../../nodes/FusionChat/methods/search-models';

const search = (filter?: string) => searchModels.call({} as ILoadOptionsFunctions, filter);

describe('the model picker', () => {
	it('shows the id, the name, the price per 1M prompt / completion tokens and the context window', () => {
		const model = CATALOG_MODELS.find((entry) => entry.id === 'openai/gpt-4o-mini');
		expect(model && modelListEntryName(model)).toBe(
			'openai/gpt-4o-mini · GPT-4o mini · $0.15/$0.60 per 1M · 128K',
		);
	});

	it('keeps the id as the value, lists chat models only, and filters by id or name', async () => {
		const { results } = await search('haiku');
		expect(results.length).toBeGreaterThan(0);
		expect(
			results.every(
				(result) =>
					String(result.value).startsWith('anthropic/') &&
					result.name.startsWith(`${String(result.value)} · `),
			),
		).toBe(true);
		const all = await search();
		const ids = new Set(all.results.map((result) => result.value));
		expect(
			CATALOG_MODELS.filter((entry) => !entry.capabilities.chat).every(
				(entry) => !ids.has(entry.id),
			),
		).toBe(true);
	});
});
