import type { ModelCapabilities, ModelCapability, ModelPricing } from '../providers/listed-model';
import type { ProviderId } from '../providers/provider-registry';

/**
 * The public benchmark behind every quality score: a model's Elo on the LMArena (formerly LMSYS Chatbot
 * Arena) text leaderboard, read from a dated snapshot, mapped linearly onto 0–1.
 */
export const QUALITY_BENCHMARK = {
	name: 'LMArena text leaderboard (Elo)',
	url: 'https://lmarena.ai/leaderboard/text',
	normalization: 'score = clamp((elo - 1000) / 500, 0, 1)',
} as const;

/** A model's place on the benchmark: its Elo and the date of the leaderboard snapshot it was read from. */
export interface ArenaRating {
	elo: number;
	/** YYYY-MM-DD. Elo drifts between snapshots, so older ratings compare only roughly with newer ones. */
	asOf: string;
}

/**
 * One model as a provider's catalog file writes it: figures copied from the provider's pages in the units
 * they are published in, so a pull request that updates a price is a one-number diff.
 */
export interface CatalogModelData {
	/** The fusion id users write: `provider/model`. */
	id: string;
	/** Other fusion ids meaning this model (dated snapshots, older names, another prefix's spelling). */
	aliases?: string[];
	/** The name sent upstream when it differs from the part after `provider/`. */
	upstream?: string;
	name: string;
	/** Who made the model (OpenAI, Meta, …), which differs from the provider for hosted open models. */
	ownedBy: string;
	/** Release date, YYYY-MM-DD. */
	released: string;
	capabilities: readonly ModelCapability[];
	/** USD per 1,000,000 tokens, as the provider's pricing page lists it (standard tier, shortest-context rate). */
	pricePerMillion: { input: number; output: number };
	/** Tokens: the whole context window (prompt and answer together) and the longest answer. */
	contextWindow: number;
	maxOutputTokens: number;
	/** Null where the model is not on the leaderboard (embeddings, moderation, small local models). */
	arena: ArenaRating | null;
	/**
	 * A typical wall-clock time for a short (≈200-token) non-streamed answer, ms: an estimate by model class
	 * (size, reasoning, the provider's serving speed), replaced by observed latency once the process has some.
	 */
	estimatedLatencyMs: number;
	/** Set once the provider has announced the model's retirement (or retired it). */
	deprecated?: boolean;
}

/** One provider's file in `providers/`. */
export interface ProviderCatalogData {
	provider: ProviderId;
	/** YYYY-MM-DD: when the prices and limits were last compared with `source`. */
	checkedAt: string;
	/** The provider's pricing page. */
	source: string;
	/** YYYY-MM-DD: when every model's `capabilities` were last compared with `capabilitySources`. */
	capabilitiesCheckedAt: string;
	/** The provider's own pages that say which model takes images, PDFs, a JSON Schema or a reasoning control. */
	capabilitySources: readonly string[];
	models: readonly CatalogModelData[];
}

/** A catalog model ready for use: fusion-ready pricing per 1K, expanded capabilities, a quality score. */
export interface CatalogModel {
	id: string;
	provider: ProviderId;
	aliases: readonly string[];
	/** What the provider is sent as `model`. */
	upstreamModel: string;
	name: string;
	ownedBy: string;
	/** Unix seconds. */
	created: number;
	capabilities: ModelCapabilities;
	pricing: ModelPricing;
	contextWindow: number;
	maxOutputTokens: number;
	/** 0–1 per QUALITY_BENCHMARK; null when the model has no rating. */
	qualityScore: number | null;
	arena: ArenaRating | null;
	estimatedLatencyMs: number;
	deprecated: boolean;
	priceCheckedAt: string;
	priceSource: string;
	/** When the capabilities were last checked against the provider's documentation (YYYY-MM-DD). */
	capabilitiesCheckedAt: string;
}
