import {
	MODEL_CAPABILITIES,
	type ListedModel,
	type ModelCapabilities,
	type ModelCapability,
} from '../providers/listed-model';
import {
	providerById,
	type ProviderDefinition,
	type ProviderId,
} from '../providers/provider-registry';
import type { ObservationLookup } from '../state/fusion-state';
import { QUALITY_BENCHMARK, type CatalogModel } from './catalog-types';
import { observationFor } from './estimate-latency';
import {
	listLiveModels,
	type ListingError,
	type LiveListing,
	type LiveListSettings,
} from './list-live-models';
import { CATALOG_MODELS, matchCatalogModel } from './model-catalog';

/** Each sort has the direction a user means by it: cheapest, largest, best, fastest first. */
export type ModelSortKey = 'catalog' | 'price' | 'context' | 'score' | 'latency';

export interface ModelQuery {
	/** Only these providers; empty or absent for all. */
	providers?: readonly ProviderId[];
	/** Models having every one of these. */
	capabilities?: readonly ModelCapability[];
	/** USD per 1K tokens; a model with an unknown price is left out when a maximum is set. */
	maxPromptPrice?: number;
	maxCompletionPrice?: number;
	/** Tokens; a model with an unknown context window is left out when a minimum is set. */
	minContextWindow?: number;
	/** Case-insensitive text in the id or the name. */
	search?: string;
	/** Retired and retiring models are listed unless this is false. */
	includeDeprecated?: boolean;
	/** Live source only: leaves out catalog models the provider no longer lists. */
	onlyAvailable?: boolean;
	sortBy?: ModelSortKey;
	/** The most models to return (after sorting). */
	limit?: number;
}

/**
 * One model as Fusion Models outputs it: the public output fields saved workflows read (prices USD per 1K tokens; `max_tokens` the
 * longest answer, `max_request_tokens` the context window), then what strategies and users filter on.
 */
export interface ModelListItem {
	id: string;
	object: 'model';
	owned_by: string;
	created: number | null;
	capabilities: ModelCapabilities;
	pricing: { prompt_tokens: number | null; completion_tokens: number | null };
	limits: { max_tokens: number | null; max_request_tokens: number | null };
	estimated_latency_ms: number | null;
	/** `observed`: this process's recent calls; `catalog`: the bundled estimate; null: neither. */
	latency_source: 'observed' | 'catalog' | null;
	provider: ProviderId;
	name: string;
	quality_score: number | null;
	quality_source: string | null;
	/** Share of this process's recent calls to the model that succeeded (decaying average); null before any. */
	success_rate: number | null;
	observed_calls: number;
	deprecated: boolean;
	/** Live source: whether the provider lists the model now; null when not asked (the offline catalog). */
	available: boolean | null;
	/** Where the entry came from: the bundled catalog, the provider's list, or both merged. */
	source: 'catalog' | 'live' | 'catalog+live';
	pricing_source: 'catalog' | 'live' | null;
	/** When the catalog's prices were last compared with the provider's page. */
	price_checked_at: string | null;
	/** The catalog entry merged in, when it goes by another id (a dated or aliased name). */
	catalog_id: string | null;
	/**
	 * When the catalog's capabilities were last checked against the provider's documentation; null when only the
	 * provider's list (or, lacking that, the id) describes the model. Flags a live list states override them.
	 */
	capabilities_checked_at: string | null;
}

export interface ProviderListingError {
	provider: ProviderId;
	error: ListingError;
}

export interface ModelQueryResult {
	models: ModelListItem[];
	/** Live source: the providers that could not list their models. */
	providerErrors: ProviderListingError[];
}

function qualitySource(model: CatalogModel): string | null {
	if (model.arena === null) return null;
	return `${QUALITY_BENCHMARK.name} ${model.arena.elo} as of ${model.arena.asOf}, ${QUALITY_BENCHMARK.normalization}`;
}

const NO_CAPABILITIES: ModelCapabilities = Object.fromEntries(
	MODEL_CAPABILITIES.map((capability) => [capability, false]),
) as ModelCapabilities;

/**
 * For a listed model neither the catalog nor the list describes: guessed from the id, because a list of bare
 * ids (OpenAI's) mixes chat models with embedding, moderation, image and audio ones.
 */
function capabilitiesFromId(id: string): ModelCapabilities {
	const lower = id.toLowerCase();
	if (/embed/.test(lower)) return { ...NO_CAPABILITIES, embeddings: true };
	if (/moderation|guard/.test(lower)) return { ...NO_CAPABILITIES, moderation: true };
	if (/whisper|tts|dall-e|image|audio|transcribe|realtime|speech|sora|veo|imagen|lyria/.test(lower))
		return { ...NO_CAPABILITIES };
	return { ...NO_CAPABILITIES, chat: true };
}

function itemFromCatalog(
	model: CatalogModel,
	lookup: ObservationLookup,
	available: boolean | null,
): ModelListItem {
	const observed = observationFor([model.id, ...model.aliases], lookup);
	const observedLatency =
		observed?.latencyMs === undefined ? undefined : Math.round(observed.latencyMs);
	return {
		id: model.id,
		object: 'model',
		owned_by: model.ownedBy,
		created: model.created,
		capabilities: { ...model.capabilities },
		pricing: { ...model.pricing },
		limits: { max_tokens: model.maxOutputTokens, max_request_tokens: model.contextWindow },
		estimated_latency_ms: observedLatency ?? model.estimatedLatencyMs,
		latency_source: observedLatency === undefined ? 'catalog' : 'observed',
		provider: model.provider,
		name: model.name,
		quality_score: model.qualityScore,
		quality_source: qualitySource(model),
		success_rate: observed === undefined ? null : Math.round(observed.successRate * 1000) / 1000,
		observed_calls: observed?.calls ?? 0,
		deprecated: model.deprecated,
		available,
		source: 'catalog',
		pricing_source: 'catalog',
		price_checked_at: model.priceCheckedAt,
		catalog_id: null,
		capabilities_checked_at: model.capabilitiesCheckedAt,
	};
}

/** A listed model, with the catalog's metadata where the catalog knows it; what the list states wins. */
function itemFromListing(
	listed: ListedModel,
	provider: ProviderDefinition,
	lookup: ObservationLookup,
): ModelListItem {
	const id = `${provider.modelPrefixes[0]}${listed.id}`;
	const catalog = matchCatalogModel(id)?.model;
	const observed = observationFor(
		catalog === undefined ? [id] : [id, catalog.id, ...catalog.aliases],
		lookup,
	);
	const observedLatency =
		observed?.latencyMs === undefined ? undefined : Math.round(observed.latencyMs);
	const base: ModelCapabilities =
		catalog?.capabilities ??
		(listed.capabilities === undefined ? capabilitiesFromId(listed.id) : NO_CAPABILITIES);
	const catalogLatency = catalog?.estimatedLatencyMs;
	return {
		id,
		object: 'model',
		owned_by: catalog?.ownedBy ?? listed.ownedBy ?? provider.id,
		created: listed.created ?? catalog?.created ?? null,
		capabilities: { ...base, ...listed.capabilities },
		pricing: listed.pricing ?? catalog?.pricing ?? { prompt_tokens: null, completion_tokens: null },
		limits: {
			max_tokens: listed.maxOutputTokens ?? catalog?.maxOutputTokens ?? null,
			max_request_tokens: listed.contextWindow ?? catalog?.contextWindow ?? null,
		},
		estimated_latency_ms: observedLatency ?? catalogLatency ?? null,
		latency_source:
			observedLatency !== undefined ? 'observed' : catalogLatency !== undefined ? 'catalog' : null,
		provider: provider.id,
		name: listed.name ?? catalog?.name ?? listed.id,
		quality_score: catalog?.qualityScore ?? null,
		quality_source: catalog === undefined ? null : qualitySource(catalog),
		success_rate: observed === undefined ? null : Math.round(observed.successRate * 1000) / 1000,
		observed_calls: observed?.calls ?? 0,
		deprecated: listed.deprecated === true || catalog?.deprecated === true,
		available: true,
		source: catalog === undefined ? 'live' : 'catalog+live',
		pricing_source:
			listed.pricing !== undefined ? 'live' : catalog !== undefined ? 'catalog' : null,
		price_checked_at: listed.pricing !== undefined ? null : (catalog?.priceCheckedAt ?? null),
		catalog_id: catalog === undefined || catalog.id === id ? null : catalog.id,
		capabilities_checked_at: catalog?.capabilitiesCheckedAt ?? null,
	};
}

/** Merges live lists with the catalog: listed models first, then the catalog's models the provider no longer lists. */
function itemsFromListings(
	listings: readonly LiveListing[],
	lookup: ObservationLookup,
): ModelListItem[] {
	const items: ModelListItem[] = [];
	for (const listing of listings) {
		if (!listing.ok) continue;
		const provider = providerById(listing.provider);
		const listedItems = listing.models.map((listed) => itemFromListing(listed, provider, lookup));
		const matched = new Set(listedItems.map((item) => item.catalog_id ?? item.id));
		items.push(...listedItems);
		for (const model of CATALOG_MODELS) {
			if (model.provider === listing.provider && !matched.has(model.id))
				items.push(itemFromCatalog(model, lookup, false));
		}
	}
	return items;
}

function matches(item: ModelListItem, query: ModelQuery): boolean {
	if (
		query.providers !== undefined &&
		query.providers.length > 0 &&
		!query.providers.includes(item.provider)
	)
		return false;
	if (query.capabilities?.some((capability) => !item.capabilities[capability])) return false;
	if (
		query.maxPromptPrice !== undefined &&
		(item.pricing.prompt_tokens === null || item.pricing.prompt_tokens > query.maxPromptPrice)
	)
		return false;
	if (
		query.maxCompletionPrice !== undefined &&
		(item.pricing.completion_tokens === null ||
			item.pricing.completion_tokens > query.maxCompletionPrice)
	) {
		return false;
	}
	if (
		query.minContextWindow !== undefined &&
		(item.limits.max_request_tokens === null ||
			item.limits.max_request_tokens < query.minContextWindow)
	) {
		return false;
	}
	if (query.includeDeprecated === false && item.deprecated) return false;
	if (query.onlyAvailable === true && item.available === false) return false;
	const needle = query.search?.trim().toLowerCase();
	if (
		needle &&
		!item.id.toLowerCase().includes(needle) &&
		!item.name.toLowerCase().includes(needle)
	)
		return false;
	return true;
}

/** Sort keys, smaller first; undefined (unknown) always sorts last. */
const SORT_KEYS: Record<
	Exclude<ModelSortKey, 'catalog'>,
	(item: ModelListItem) => number | undefined
> = {
	price: (item) =>
		item.pricing.prompt_tokens === null || item.pricing.completion_tokens === null
			? undefined
			: item.pricing.prompt_tokens + item.pricing.completion_tokens,
	context: (item) =>
		item.limits.max_request_tokens === null ? undefined : -item.limits.max_request_tokens,
	score: (item) => (item.quality_score === null ? undefined : -item.quality_score),
	latency: (item) => item.estimated_latency_ms ?? undefined,
};

function sorted(items: ModelListItem[], sortBy: ModelSortKey | undefined): ModelListItem[] {
	if (sortBy === undefined || sortBy === 'catalog') return items;
	const key = SORT_KEYS[sortBy];
	// Array.prototype.sort is stable: ties keep the catalog's order.
	return [...items].sort((a, b) => {
		const left = key(a);
		const right = key(b);
		if (left === undefined || right === undefined)
			return left === undefined ? (right === undefined ? 0 : 1) : -1;
		return left - right;
	});
}

/** Nothing observed: every latency is the catalog's estimate. */
const noObservations: ObservationLookup = () => undefined;

export interface QueryCatalogOptions {
	/** Present for the live source: each queried provider's listing. */
	listings?: readonly LiveListing[];
	/** What was observed of each model (FusionState.observedModels); none by default. */
	observations?: ObservationLookup;
}

/**
 * Filters and sorts the bundled catalog, or with `listings` the providers' live lists merged with it. Pure:
 * the same query and listings give the same answer (observed latency aside).
 */
export function queryCatalog(
	query: ModelQuery,
	options: QueryCatalogOptions = {},
): ModelQueryResult {
	const lookup = options.observations ?? noObservations;
	const candidates =
		options.listings === undefined
			? CATALOG_MODELS.map((model) => itemFromCatalog(model, lookup, null))
			: itemsFromListings(options.listings, lookup);
	const models = sorted(
		candidates.filter((item) => matches(item, query)),
		query.sortBy,
	);
	const providerErrors = (options.listings ?? []).flatMap((listing) =>
		listing.ok ? [] : [{ provider: listing.provider, error: listing.error }],
	);
	return {
		models: query.limit === undefined ? models : models.slice(0, query.limit),
		providerErrors,
	};
}

/** The live source: lists each provider's models over the network, then queries them merged with the catalog. */
export async function queryLiveModels(
	query: ModelQuery,
	providers: readonly ProviderDefinition[],
	settings: LiveListSettings,
	observations?: ObservationLookup,
): Promise<ModelQueryResult> {
	const listings = await listLiveModels(providers, settings);
	return queryCatalog(query, { listings, observations });
}
