import {
	catalogModelDataSchema,
	providerCatalogDataSchema,
} from '../../../nodes/engine/catalog/catalog-schema';
import { QUALITY_BENCHMARK } from '../../../nodes/engine/catalog/catalog-types';
import { MODEL_CAPABILITIES } from '../../../nodes/engine/providers/listed-model';
import {
	CATALOG_MODELS,
	findCatalogModel,
	PROVIDER_CATALOGS,
} from '../../../nodes/engine/catalog/model-catalog';
import { PROVIDERS } from '../../../nodes/engine/providers/provider-registry';

const SEED_IDS = [
	'openai/gpt-4-turbo',
	'anthropic/claude-3-opus',
	'google/gemini-pro',
	'mistralai/mixtral-8x7b-instruct-v01',
];

describe('the bundled catalog data', () => {
	it.each(PROVIDER_CATALOGS.map((catalog) => [catalog.provider, catalog]))(
		'%s: the file passes the schema',
		(_provider, catalog) => {
			const parsed = providerCatalogDataSchema.safeParse(catalog);
			expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
		},
	);

	it('validates every single entry, so a bad one is named', () => {
		for (const catalog of PROVIDER_CATALOGS) {
			for (const model of catalog.models) {
				const parsed = catalogModelDataSchema.safeParse(model);
				expect({ id: model.id, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
					id: model.id,
					issues: [],
				});
			}
		}
	});

	it('rejects an entry that breaks the schema, saying where', () => {
		const broken = {
			...PROVIDER_CATALOGS[0].models[0],
			pricePerMillion: { input: -1, output: 2 },
			capabilities: ['chat', 'telepathy'],
		};
		const parsed = catalogModelDataSchema.safeParse(broken);
		expect(parsed.success).toBe(false);
		expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))).toEqual(
			expect.arrayContaining(['pricePerMillion.input', 'capabilities.1']),
		);
	});

	it('has at least 60 models from at least 10 of the contract providers', () => {
		expect(CATALOG_MODELS.length).toBeGreaterThanOrEqual(60);
		const providers = new Set(CATALOG_MODELS.map((model) => model.provider));
		expect(providers.size).toBeGreaterThanOrEqual(10);
		const contractProviders = new Set(PROVIDERS.map((provider) => provider.id));
		for (const provider of providers) expect(contractProviders.has(provider)).toBe(true);
	});

	it('keeps one file per provider, each dated and pointing at a pricing page', () => {
		const providers = PROVIDER_CATALOGS.map((catalog) => catalog.provider);
		expect(new Set(providers).size).toBe(providers.length);
		for (const catalog of PROVIDER_CATALOGS) {
			expect(catalog.checkedAt).toMatch(/^20\d\d-\d\d-\d\d$/);
			expect(catalog.source).toMatch(/^https:\/\//);
		}
	});

	it('gives every id and alias to exactly one model', () => {
		const ids = CATALOG_MODELS.flatMap((model) => [model.id, ...model.aliases]);
		const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
		expect(duplicates).toEqual([]);
	});

	it('knows the seed ids, with the upstream names their providers expect', () => {
		for (const id of SEED_IDS) expect(findCatalogModel(id)?.id).toBe(id);
		expect(findCatalogModel('anthropic/claude-3-opus')?.upstreamModel).toBe(
			'claude-3-opus-20240229',
		);
		expect(findCatalogModel('mistralai/mixtral-8x7b-instruct-v01')?.upstreamModel).toBe(
			'open-mixtral-8x7b',
		);
		expect(findCatalogModel('openai/gpt-4-turbo')?.upstreamModel).toBe('gpt-4-turbo');
	});

	it.each([
		['anthropic/claude-3-opus', 0.015, 0.075],
		['openai/gpt-4-turbo', 0.01, 0.03],
		['openai/gpt-4o-mini', 0.00015, 0.0006],
		['google/gemini-2.5-pro', 0.00125, 0.01],
		['groq/llama-3.3-70b-versatile', 0.00059, 0.00079],
		['deepseek/deepseek-chat', 0.00028, 0.00042],
		['mistralai/mixtral-8x7b-instruct-v01', 0.0007, 0.0007],
	])(
		'%s costs %f / %f USD per 1K prompt / completion tokens (list price)',
		(id, prompt, completion) => {
			expect(findCatalogModel(id)?.pricing).toEqual({
				prompt_tokens: prompt,
				completion_tokens: completion,
			});
		},
	);

	it('pins a few limits', () => {
		expect(findCatalogModel('anthropic/claude-3-opus')).toMatchObject({
			contextWindow: 200_000,
			maxOutputTokens: 4096,
		});
		expect(findCatalogModel('openai/gpt-4-turbo')).toMatchObject({
			contextWindow: 128_000,
			maxOutputTokens: 4096,
		});
		expect(findCatalogModel('openai/gpt-4.1')).toMatchObject({
			contextWindow: 1_047_576,
			maxOutputTokens: 32_768,
		});
	});

	it('scores quality on 0–1 by the named benchmark, and only where the model is rated', () => {
		expect(QUALITY_BENCHMARK.url).toMatch(/^https:\/\/lmarena\.ai\//);
		for (const model of CATALOG_MODELS) {
			if (model.arena === null) {
				expect(model.qualityScore).toBeNull();
			} else {
				expect(model.qualityScore).toBeGreaterThanOrEqual(0);
				expect(model.qualityScore).toBeLessThanOrEqual(1);
			}
		}
		// Elo 1248 → (1248 - 1000) / 500 = 0.496
		expect(findCatalogModel('anthropic/claude-3-opus')?.qualityScore).toBe(0.5);
	});

	it('marks the seed models their providers retired as deprecated', () => {
		expect(findCatalogModel('anthropic/claude-3-opus')?.deprecated).toBe(true);
		expect(findCatalogModel('openai/gpt-4o')?.deprecated).toBe(false);
	});

	it('expands capabilities to every flag of the output schema', () => {
		for (const model of CATALOG_MODELS)
			expect(Object.keys(model.capabilities).sort()).toEqual([...MODEL_CAPABILITIES].sort());
		expect(findCatalogModel('openai/text-embedding-3-small')?.capabilities).toMatchObject({
			embeddings: true,
			chat: false,
		});
		expect(findCatalogModel('openai/gpt-4o')?.capabilities).toMatchObject({
			chat: true,
			vision: true,
			tools: true,
			json_output: true,
			pdf: true,
			json_schema: true,
			reasoning: false,
		});
	});

	it('dates the capabilities of every file and names the provider pages they were read from', () => {
		for (const catalog of PROVIDER_CATALOGS) {
			expect(catalog.capabilitiesCheckedAt).toMatch(/^20\d\d-\d\d-\d\d$/);
			expect(catalog.capabilitySources.length).toBeGreaterThan(0);
		}
		expect(findCatalogModel('openai/gpt-3.5-turbo')?.capabilitiesCheckedAt).toBe('2026-11-30');
	});

	it.each([
		['openai/gpt-5', { pdf: true, json_schema: true, reasoning: true }],
		['openai/gpt-4-turbo', { vision: true, pdf: true, json_schema: false, reasoning: false }],
		['anthropic/claude-opus-4-6', { pdf: true, json_schema: true, reasoning: true }],
		['anthropic/claude-3-opus', { pdf: false, json_schema: true, reasoning: false }],
		['google/gemini-2.5-pro', { pdf: true, json_schema: true, reasoning: true }],
		['google/gemini-2.0-flash', { pdf: true, json_schema: true, reasoning: false }],
		['deepseek/deepseek-reasoner', { json_output: true, json_schema: false, reasoning: false }],
		['xai/grok-3-mini', { json_schema: true, reasoning: true }],
		['groq/llama-3.3-70b-versatile', { json_output: true, json_schema: false }],
	])('records what the provider documents for %s', (id, capabilities) => {
		expect(findCatalogModel(id)?.capabilities).toMatchObject(capabilities);
	});

	it('marks no PDF, JSON Schema or reasoning control on a model that does not answer chat', () => {
		for (const model of CATALOG_MODELS.filter((entry) => !entry.capabilities.chat))
			expect([model.id, model.capabilities]).toEqual([
				model.id,
				expect.objectContaining({ pdf: false, json_schema: false, reasoning: false }),
			]);
	});
});
