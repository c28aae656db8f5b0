import type { LiveListing } from '../../../nodes/engine/catalog/list-live-models';
import { CATALOG_MODELS } from '../../../nodes/engine/catalog/model-catalog';
import {
	queryCatalog,
	queryLiveModels,
	type ModelListItem,
} from '../../../nodes/engine/catalog/query-models';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from '../chat/engine-settings';

/** What Fusion Models reads from the state: per model, what the credential that called it most saw. */
const observationsIn = async (state: MemoryFusionState) => {
	const observed = await state.observedModels();
	return (modelId: string) => observed.get(modelId);
};
const byId = (models: ModelListItem[], id: string) => models.find((model) => model.id === id);

describe('queryCatalog on the bundled catalog', () => {
	it('lists every catalog model in the contract schema, in catalog order, with nothing set', () => {
		const { models, providerErrors } = queryCatalog({});
		expect(models.map((model) => model.id)).toEqual(CATALOG_MODELS.map((model) => model.id));
		expect(providerErrors).toEqual([]);
		expect(byId(models, 'anthropic/claude-3-opus')).toEqual({
			id: 'anthropic/claude-3-opus',
			object: 'model',
			owned_by: 'anthropic',
			created: 1709164800,
			capabilities: {
				chat: true,
				completions: false,
				embeddings: false,
				moderation: false,
				vision: true,
				tools: true,
				json_output: false,
				pdf: false,
				json_schema: true,
				reasoning: false,
			},
			pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 },
			limits: { max_tokens: 4096, max_request_tokens: 200_000 },
			estimated_latency_ms: 7000,
			latency_source: 'catalog',
			provider: 'anthropic',
			name: 'Claude Opus 3',
			quality_score: 0.5,
			quality_source:
				'LMArena text leaderboard (Elo) 1248 as of 2024-09-05, score = clamp((elo - 1000) / 500, 0, 1)',
			success_rate: null,
			observed_calls: 0,
			deprecated: true,
			available: null,
			source: 'catalog',
			pricing_source: 'catalog',
			price_checked_at: '2026-11-23',
			catalog_id: null,
			capabilities_checked_at: '2026-11-30',
		});
	});

	it('filters by provider, capability, prices and context window together', () => {
		const { models } = queryCatalog({
			providers: ['openai', 'google'],
			capabilities: ['vision', 'tools'],
			maxPromptPrice: 0.0005,
			maxCompletionPrice: 0.002,
			minContextWindow: 1_000_000,
		});
		expect(models.map((model) => model.id)).toEqual([
			'openai/gpt-4.1-mini',
			'openai/gpt-4.1-nano',
			'google/gemini-2.5-flash-lite',
			'google/gemini-2.0-flash',
		]);
		for (const model of models) {
			expect(model.pricing.prompt_tokens).toBeLessThanOrEqual(0.0005);
			expect(model.limits.max_request_tokens).toBeGreaterThanOrEqual(1_000_000);
		}
	});

	it('filters on the request-shaping capabilities: PDFs, a JSON Schema, a reasoning control', () => {
		const { models } = queryCatalog({
			providers: ['openai', 'anthropic', 'groq', 'deepseek'],
			capabilities: ['pdf', 'json_schema', 'reasoning'],
			maxPromptPrice: 0.001,
		});
		expect(models.map((model) => model.id)).toEqual([
			'openai/gpt-5-mini',
			'openai/gpt-5-nano',
			'anthropic/claude-haiku-4-5',
		]);
		const reasoning = queryCatalog({ providers: ['groq'], capabilities: ['reasoning'] }).models;
		expect(reasoning.map((model) => model.id)).toEqual([
			'groq/openai/gpt-oss-120b',
			'groq/openai/gpt-oss-20b',
			'groq/qwen/qwen3-32b',
		]);
	});

	it('leaves deprecated models out on request, and searches ids and names', () => {
		const { models } = queryCatalog({ search: 'OPUS', includeDeprecated: false });
		expect(models.map((model) => model.id)).toEqual([
			'anthropic/claude-opus-4-6',
			'anthropic/claude-opus-4-5',
			'anthropic/claude-opus-4-1',
			'anthropic/claude-opus-4-0',
		]);
	});

	it('sorts cheapest, largest, best and fastest first, unknown values last', () => {
		const sortedBy = (sortBy: 'price' | 'context' | 'score' | 'latency') =>
			queryCatalog({ sortBy, capabilities: ['chat'] }).models;
		const price = sortedBy('price').map(
			(model) => model.pricing.prompt_tokens! + model.pricing.completion_tokens!,
		);
		expect(price).toEqual([...price].sort((a, b) => a - b));
		const context = sortedBy('context').map((model) => model.limits.max_request_tokens!);
		expect(context).toEqual([...context].sort((a, b) => b - a));
		const scores = sortedBy('score').map((model) => model.quality_score);
		const rated = scores.filter((score): score is number => score !== null);
		expect(scores.slice(0, rated.length)).toEqual([...rated].sort((a, b) => b - a));
		expect(scores.slice(rated.length).every((score) => score === null)).toBe(true);
		const latency = sortedBy('latency').map((model) => model.estimated_latency_ms!);
		expect(latency).toEqual([...latency].sort((a, b) => a - b));
	});

	it('returns at most `limit` models, after sorting', () => {
		const { models } = queryCatalog({ sortBy: 'score', limit: 3 });
		expect(models.map((model) => model.id)).toEqual([
			'anthropic/claude-opus-4-6',
			'google/gemini-3.1-pro-preview',
			'openai/gpt-5.5',
		]);
	});

	it('uses observed latency and success once the process has seen the model, and says so', async () => {
		const state = new MemoryFusionState();
		await state.recordOutcome('openai:busy', 'openai/gpt-4o', { ok: true, latencyMs: 800 });
		await state.recordOutcome('openai:busy', 'openai/gpt-4o', { ok: true, latencyMs: 1300 });
		await state.recordOutcome('openai:busy', 'openai/gpt-4o', { ok: false });
		// With no credential of its own to look through, the list shows the credential that called the model most.
		await state.recordOutcome('openai:once', 'openai/gpt-4o', { ok: false });
		const observations = await observationsIn(state);
		const gpt4o = byId(
			queryCatalog({ providers: ['openai'] }, { observations }).models,
			'openai/gpt-4o',
		);
		expect(gpt4o).toMatchObject({
			estimated_latency_ms: 900,
			latency_source: 'observed',
			observed_calls: 3,
			success_rate: 0.8,
		});
		expect(
			byId(queryCatalog({ providers: ['openai'] }, { observations }).models, 'openai/gpt-4o-mini'),
		).toMatchObject({ latency_source: 'catalog', success_rate: null });
	});
});

describe('queryCatalog merging live listings', () => {
	const listings: LiveListing[] = [
		{
			provider: 'anthropic',
			ok: true,
			models: [
				{
					id: 'claude-3-opus-20240229',
					name: 'Claude Opus 3',
					created: 1709164800,
					ownedBy: 'anthropic',
				},
				{
					id: 'claude-new-model-20270101',
					name: 'Claude New',
					created: 1798761600,
					ownedBy: 'anthropic',
				},
			],
		},
		{
			provider: 'openrouter',
			ok: true,
			models: [
				{
					id: 'anthropic/claude-3-opus',
					pricing: { prompt_tokens: 0.02, completion_tokens: 0.08 },
					contextWindow: 200_000,
				},
			],
		},
		{
			provider: 'groq',
			ok: false,
			error: { type: 'auth', message: 'Groq answered HTTP 401', http_status: 401 },
		},
	];

	it("merges the catalog's metadata into a listed model found under its dated name", () => {
		const opus = byId(queryCatalog({}, { listings }).models, 'anthropic/claude-3-opus-20240229');
		expect(opus).toMatchObject({
			catalog_id: 'anthropic/claude-3-opus',
			source: 'catalog+live',
			available: true,
			pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 },
			pricing_source: 'catalog',
			quality_score: 0.5,
			deprecated: true,
		});
	});

	it('lists a model the catalog does not know with what the provider said, price unknown', () => {
		const model = byId(
			queryCatalog({}, { listings }).models,
			'anthropic/claude-new-model-20270101',
		);
		expect(model).toMatchObject({
			source: 'live',
			available: true,
			owned_by: 'anthropic',
			created: 1798761600,
			pricing: { prompt_tokens: null, completion_tokens: null },
			pricing_source: null,
			limits: { max_tokens: null, max_request_tokens: null },
			estimated_latency_ms: null,
			latency_source: null,
			quality_score: null,
			capabilities: { chat: true, embeddings: false },
		});
	});

	it("prefers OpenRouter's live prices to the catalog's", () => {
		const model = byId(queryCatalog({}, { listings }).models, 'openrouter/anthropic/claude-3-opus');
		expect(model).toMatchObject({
			pricing: { prompt_tokens: 0.02, completion_tokens: 0.08 },
			pricing_source: 'live',
			price_checked_at: null,
			source: 'catalog+live',
		});
	});

	it('marks catalog models the provider no longer lists, and drops them on request', () => {
		const { models } = queryCatalog({}, { listings });
		expect(byId(models, 'anthropic/claude-sonnet-4-5')).toMatchObject({
			available: false,
			source: 'catalog',
		});
		expect(models.filter((model) => model.provider === 'groq')).toEqual([]);
		const onlyAvailable = queryCatalog({ onlyAvailable: true }, { listings }).models;
		expect(onlyAvailable.every((model) => model.available === true)).toBe(true);
	});

	it('reports the providers that could not list', () => {
		expect(queryCatalog({}, { listings }).providerErrors).toEqual([
			{
				provider: 'groq',
				error: { type: 'auth', message: 'Groq answered HTTP 401', http_status: 401 },
			},
		]);
	});
});

describe('queryLiveModels against the mock server', () => {
	let server: MockProviderServer;
	beforeAll(async () => {
		server = await MockProviderServer.start();
	});
	afterAll(async () => server.close());

	it('lists, merges and filters in one call', async () => {
		const settings = settingsFor({
			openai: { baseUrl: `${server.url}/v1`, apiKey: 'sk-test-0123456789' },
			mistral: { baseUrl: `${server.url}/mistral/v1`, apiKey: 'test-mistral-key' },
		});
		const { models, providerErrors } = await queryLiveModels(
			{ capabilities: ['chat'], sortBy: 'price' },
			[providerById('openai'), providerById('mistral')],
			settings,
		);
		expect(providerErrors).toEqual([]);
		expect(byId(models, 'openai/gpt-4o-mini-2024-07-18')).toMatchObject({
			catalog_id: 'openai/gpt-4o-mini',
			available: true,
		});
		expect(byId(models, 'mistral/open-mixtral-8x7b')).toMatchObject({
			catalog_id: 'mistralai/mixtral-8x7b-instruct-v01',
			deprecated: true,
			available: true,
		});
		expect(byId(models, 'openai/gpt-4-turbo')).toMatchObject({ available: false });
		expect(byId(models, 'openai/dall-e-3')).toBeUndefined();
		expect(byId(models, 'openai/ft:gpt-4o-mini-2024-07-18:acme::9abcDEF1')).toMatchObject({
			source: 'live',
			capabilities: { chat: true },
		});
	});
});
