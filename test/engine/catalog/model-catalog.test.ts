import { findCatalogModel, matchCatalogModel } from '../../../nodes/engine/catalog/model-catalog';
import { resolveModelId } from '../../../nodes/engine/models/resolve-model-id';

describe('findCatalogModel', () => {
	it.each([
		['mistral/mixtral-8x7b-instruct-v01', 'mistralai/mixtral-8x7b-instruct-v01'],
		['mistralai/mistral-large-latest', 'mistral/mistral-large-latest'],
		['x-ai/grok-4', 'xai/grok-4'],
		['gemini/gemini-2.5-pro', 'google/gemini-2.5-pro'],
		['xai/grok-4-0709', 'xai/grok-4'],
	])('finds %s as %s', (written, catalogId) => {
		expect(findCatalogModel(written)?.id).toBe(catalogId);
	});

	it("finds a model by the provider's own name for it", () => {
		expect(matchCatalogModel('mistral/open-mixtral-8x7b')).toMatchObject({
			via: 'alias',
			model: { id: 'mistralai/mixtral-8x7b-instruct-v01' },
		});
		expect(matchCatalogModel('anthropic/claude-3-haiku-20240307')).toMatchObject({
			via: 'alias',
			model: { id: 'anthropic/claude-3-haiku' },
		});
		expect(matchCatalogModel('google/gemini-2.5-flash')).toMatchObject({ via: 'id' });
	});

	it('knows nothing of other models', () => {
		expect(findCatalogModel('openai/some-private-finetune')).toBeUndefined();
		expect(findCatalogModel('not-a-provider/gpt-4o')).toBeUndefined();
		expect(findCatalogModel('gpt-4o')).toBeUndefined();
	});

	it('gives strategies what they weigh: price, quality score and latency estimate', () => {
		expect(findCatalogModel('openai/gpt-4.1')).toMatchObject({
			pricing: { prompt_tokens: 0.002, completion_tokens: 0.008 },
			qualityScore: 0.77,
			estimatedLatencyMs: expect.any(Number),
		});
	});
});

describe('resolveModelId with the catalog', () => {
	it('sends the dated name for the seed alias and keeps the price', () => {
		expect(resolveModelId('anthropic/claude-3-opus')).toMatchObject({
			upstreamModel: 'claude-3-opus-20240229',
			pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 },
			catalog: { id: 'anthropic/claude-3-opus' },
		});
		expect(resolveModelId('mistralai/mixtral-8x7b-instruct-v01').upstreamModel).toBe(
			'open-mixtral-8x7b',
		);
		expect(resolveModelId('mistral/mixtral-8x7b-instruct-v01').upstreamModel).toBe(
			'open-mixtral-8x7b',
		);
	});

	it('sends an alias as written: it already names the model upstream', () => {
		expect(resolveModelId('anthropic/claude-sonnet-4-5-20250929')).toMatchObject({
			upstreamModel: 'claude-sonnet-4-5-20250929',
			pricing: { prompt_tokens: 0.003, completion_tokens: 0.015 },
		});
		expect(resolveModelId('mistral/mistral-large-2512').upstreamModel).toBe('mistral-large-2512');
	});

	it('sends the rest of the id for a model the catalog does not know, without a price', () => {
		const resolved = resolveModelId('openrouter/some-lab/new-model');
		expect(resolved.upstreamModel).toBe('some-lab/new-model');
		expect(resolved.pricing).toBeUndefined();
		expect(resolved.catalog).toBeUndefined();
	});

	it("prices OpenRouter's ids from the catalog's OpenRouter file", () => {
		expect(resolveModelId('openrouter/anthropic/claude-3-opus')).toMatchObject({
			upstreamModel: 'anthropic/claude-3-opus',
			pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 },
		});
	});
});
