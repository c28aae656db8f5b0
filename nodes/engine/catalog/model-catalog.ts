import { MODEL_CAPABILITIES, perThousand, type ModelCapabilities } from '../providers/listed-model';
import { PROVIDERS, providerForPrefix, type ProviderId } from '../providers/provider-registry';
import type { CatalogModel, CatalogModelData, ProviderCatalogData } from './catalog-types';
import { anthropicCatalog } from './providers/anthropic';
import { deepSeekCatalog } from './providers/deepseek';
import { googleCatalog } from './providers/google';
import { groqCatalog } from './providers/groq';
import { mistralCatalog } from './providers/mistral';
import { ollamaCatalog } from './providers/ollama';
import { openAiCatalog } from './providers/openai';
import { openRouterCatalog } from './providers/openrouter';
import { togetherCatalog } from './providers/together';
import { xaiCatalog } from './providers/xai';

const CATALOG_FILES: readonly ProviderCatalogData[] = [
	anthropicCatalog,
	deepSeekCatalog,
	googleCatalog,
	groqCatalog,
	mistralCatalog,
	ollamaCatalog,
	openAiCatalog,
	openRouterCatalog,
	togetherCatalog,
	xaiCatalog,
];

/** Every provider file, in the registry's provider order; a provider may have none (Azure, custom servers). */
export const PROVIDER_CATALOGS: readonly ProviderCatalogData[] = PROVIDERS.flatMap((provider) =>
	CATALOG_FILES.filter((file) => file.provider === provider.id),
);

/** The benchmark's normalization (QUALITY_BENCHMARK.normalization), to two decimals. */
export function qualityScoreFromElo(elo: number): number {
	return Math.round(Math.min(1, Math.max(0, (elo - 1000) / 500)) * 100) / 100;
}

function expandCapabilities(listed: CatalogModelData['capabilities']): ModelCapabilities {
	return Object.fromEntries(
		MODEL_CAPABILITIES.map((capability) => [capability, listed.includes(capability)]),
	) as ModelCapabilities;
}

function toCatalogModel(data: CatalogModelData, file: ProviderCatalogData): CatalogModel {
	return {
		id: data.id,
		provider: file.provider,
		aliases: data.aliases ?? [],
		upstreamModel: data.upstream ?? data.id.slice(data.id.indexOf('/') + 1),
		name: data.name,
		ownedBy: data.ownedBy,
		created: Math.floor(Date.parse(`${data.released}T00:00:00Z`) / 1000),
		capabilities: expandCapabilities(data.capabilities),
		pricing: {
			prompt_tokens: perThousand(data.pricePerMillion.input),
			completion_tokens: perThousand(data.pricePerMillion.output),
		},
		contextWindow: data.contextWindow,
		maxOutputTokens: data.maxOutputTokens,
		qualityScore: data.arena === null ? null : qualityScoreFromElo(data.arena.elo),
		arena: data.arena,
		estimatedLatencyMs: data.estimatedLatencyMs,
		deprecated: data.deprecated === true,
		priceCheckedAt: file.checkedAt,
		priceSource: file.source,
		capabilitiesCheckedAt: file.capabilitiesCheckedAt,
	};
}

/** The bundled catalog, in provider order and each provider's file order. */
export const CATALOG_MODELS: readonly CatalogModel[] = PROVIDER_CATALOGS.flatMap((file) =>
	file.models.map((model) => toCatalogModel(model, file)),
);

const byId = new Map<string, CatalogModel>();
const byAlias = new Map<string, CatalogModel>();
const byUpstream = new Map<string, CatalogModel>();
for (const model of CATALOG_MODELS) {
	byId.set(model.id, model);
	for (const alias of model.aliases) byAlias.set(alias, model);
	// The first entry wins where two ids send the same upstream name (a provider's own file order).
	const key = upstreamKey(model.provider, model.upstreamModel);
	if (!byUpstream.has(key)) byUpstream.set(key, model);
}

function upstreamKey(provider: ProviderId, upstreamModel: string): string {
	return `${provider}:${upstreamModel}`;
}

/**
 * The id in every spelling of its provider's prefixes (`mistral/…` and `mistralai/…` are the same model),
 * itself first.
 */
export function equivalentSpellings(fusionId: string): string[] {
	const slash = fusionId.indexOf('/');
	const prefix = fusionId.slice(0, slash + 1);
	const others =
		slash <= 0
			? []
			: (providerForPrefix(prefix)?.modelPrefixes ?? []).filter((other) => other !== prefix);
	return [fusionId, ...others.map((other) => other + fusionId.slice(prefix.length))];
}

export interface CatalogMatch {
	model: CatalogModel;
	/**
	 * `id`: the entry's own id, so its upstream name applies; `alias`: another id the entry lists, which names
	 * the model upstream itself; `upstream`: the provider's own name for the model.
	 */
	via: 'id' | 'alias' | 'upstream';
}

/**
 * Finds the catalog entry for a fusion id: by id or alias in any equivalent prefix spelling, else by the
 * provider's own model name (`anthropic/claude-3-opus-20240229`, `mistral/open-mixtral-8x7b`).
 */
export function matchCatalogModel(fusionId: string): CatalogMatch | undefined {
	for (const id of equivalentSpellings(fusionId)) {
		const model = byId.get(id);
		if (model !== undefined) return { model, via: 'id' };
		const aliased = byAlias.get(id);
		if (aliased !== undefined) return { model: aliased, via: 'alias' };
	}
	const slash = fusionId.indexOf('/');
	if (slash <= 0) return undefined;
	const provider = providerForPrefix(fusionId.slice(0, slash + 1).toLowerCase());
	if (provider === undefined) return undefined;
	const model = byUpstream.get(upstreamKey(provider.id, fusionId.slice(slash + 1)));
	return model === undefined ? undefined : { model, via: 'upstream' };
}

/** The catalog's entry for a fusion id (pricing, quality score, latency estimate, limits), if it knows the model. */
export function findCatalogModel(fusionId: string): CatalogModel | undefined {
	return matchCatalogModel(fusionId)?.model;
}
