import type {
	CallOutcome,
	FusionState,
	ModelObservation,
	ModelRecord,
	RateLimits,
	RateLimitTake,
} from './fusion-state';
import { LruCache } from './memory/lru-cache';
import { ModelRecords } from './memory/model-records';
import { RateLimitBuckets } from './memory/rate-limit-buckets';
import { SmoothWeightedRoundRobin } from './memory/smooth-weighted-round-robin';

/** Answers kept at most, per process. */
const DEFAULT_CACHE_ENTRIES = 1_000;

/** The state of one process, in its memory: every item and execution of the process shares it, no other process does. */
export class MemoryFusionState implements FusionState {
	private readonly limits = new RateLimitBuckets();
	private readonly models = new ModelRecords();
	private readonly rotations = new Map<string, SmoothWeightedRoundRobin>();
	private readonly cache: LruCache;

	constructor(options: { cacheEntries?: number } = {}) {
		this.cache = new LruCache(options.cacheEntries ?? DEFAULT_CACHE_ENTRIES);
	}

	async takeRateLimit(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
	): Promise<RateLimitTake> {
		return this.limits.take(credential, limits, estimatedTokens, Date.now());
	}

	async settleRateLimit(
		credential: string,
		estimatedTokens: number,
		usedTokens: number,
	): Promise<void> {
		this.limits.settle(credential, estimatedTokens, usedTokens);
	}

	async giveBackRateLimit(credential: string, estimatedTokens: number): Promise<void> {
		this.limits.giveBack(credential, estimatedTokens);
	}

	async pauseRateLimit(credential: string, ms: number): Promise<void> {
		this.limits.pause(credential, ms, Date.now());
	}

	async recordOutcome(credential: string, model: string, outcome: CallOutcome): Promise<void> {
		this.models.record(credential, model, outcome, Date.now());
	}

	async readModels(credential: string): Promise<ReadonlyMap<string, ModelRecord>> {
		return this.models.ofCredential(credential);
	}

	async observedModels(): Promise<ReadonlyMap<string, ModelObservation>> {
		return this.models.busiest();
	}

	async advanceRotation(key: string, weights: readonly number[]): Promise<number> {
		let rotation = this.rotations.get(key);
		if (rotation === undefined) {
			rotation = new SmoothWeightedRoundRobin(weights);
			this.rotations.set(key, rotation);
		}
		return rotation.next();
	}

	async getCached(key: string): Promise<unknown> {
		return this.cache.get(key, Date.now());
	}

	async setCached(key: string, value: unknown, ttlMs: number): Promise<void> {
		this.cache.set(key, value, ttlMs, Date.now());
	}
}
