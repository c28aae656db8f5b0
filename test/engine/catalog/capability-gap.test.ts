import { capabilityGap } from '../../../nodes/engine/catalog/capability-gap';
import { findCatalogModel } from '../../../nodes/engine/catalog/model-catalog';

describe('capabilityGap', () => {
	it('names the model, what it lacks and the date of the catalog entry that says so', () => {
		expect(capabilityGap(findCatalogModel('openai/gpt-3.5-turbo'), { image: true })).toBe(
			'openai/gpt-3.5-turbo cannot take image input (catalog, 2026-11)',
		);
	});

	it('lists every need the model lacks, in one sentence', () => {
		expect(
			capabilityGap(findCatalogModel('openai/gpt-3.5-turbo'), {
				image: true,
				pdf: true,
				jsonSchema: true,
				reasoning: true,
			}),
		).toBe(
			'openai/gpt-3.5-turbo cannot take image input, take PDF input, answer to a JSON Schema or take a reasoning effort (catalog, 2026-11)',
		);
		expect(
			capabilityGap(findCatalogModel('openai/gpt-4-turbo'), { pdf: true, jsonSchema: true }),
		).toBe('openai/gpt-4-turbo cannot answer to a JSON Schema (catalog, 2026-11)');
	});

	it.each([
		['openai/gpt-5', { image: true, pdf: true, jsonSchema: true, reasoning: true }],
		['anthropic/claude-sonnet-4-5', { image: true, pdf: true, jsonSchema: true, reasoning: true }],
		['google/gemini-2.5-flash', { image: true, pdf: true, jsonSchema: true, reasoning: true }],
		// Claude 3 has no structured outputs, but a forced tool holds the answer to the schema.
		['anthropic/claude-3-haiku', { image: true, jsonSchema: true }],
		['groq/openai/gpt-oss-120b', { jsonSchema: true, reasoning: true }],
		['mistral/mistral-small-latest', { image: true, jsonSchema: true }],
	])('finds no gap when %s has what the request needs', (id, needs) => {
		expect(findCatalogModel(id)).toBeDefined();
		expect(capabilityGap(findCatalogModel(id), needs)).toBeUndefined();
	});

	it.each([
		['deepseek/deepseek-chat', { image: true }, 'take image input'],
		['google/gemini-2.0-flash', { reasoning: true }, 'take a reasoning effort'],
		['groq/llama-3.3-70b-versatile', { jsonSchema: true }, 'answer to a JSON Schema'],
		['anthropic/claude-3-haiku', { pdf: true }, 'take PDF input'],
		['xai/grok-4', { reasoning: true }, 'take a reasoning effort'],
	])('skips %s for %j', (id, needs, missing) => {
		expect(capabilityGap(findCatalogModel(id), needs)).toBe(
			`${id} cannot ${missing} (catalog, 2026-11)`,
		);
	});

	it('finds no gap in a request that needs nothing special', () => {
		expect(capabilityGap(findCatalogModel('openai/gpt-3.5-turbo'), {})).toBeUndefined();
		expect(
			capabilityGap(findCatalogModel('openai/gpt-3.5-turbo'), { image: false, pdf: false }),
		).toBeUndefined();
	});

	it('never skips a model the catalog does not know', () => {
		expect(findCatalogModel('openai/my-private-finetune')).toBeUndefined();
		expect(
			capabilityGap(findCatalogModel('openai/my-private-finetune'), {
				image: true,
				pdf: true,
				jsonSchema: true,
				reasoning: true,
			}),
		).toBeUndefined();
	});

	it('speaks of the id it is given, so a caller can name the model as the user wrote it', () => {
		const catalogEntry = findCatalogModel('openai/gpt-3.5-turbo-0125');
		expect(catalogEntry?.id).toBe('openai/gpt-3.5-turbo');
		expect(
			capabilityGap(catalogEntry && { ...catalogEntry, id: 'openai/gpt-3.5-turbo-0125' }, {
				image: true,
			}),
		).toBe('openai/gpt-3.5-turbo-0125 cannot take image input (catalog, 2026-11)');
	});
});
