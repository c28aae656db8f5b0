/**
 * The one way to state that outlives a request: rate limits, what each credential has seen of each model (its
 * latency, success and health), round-robin rotations and the response cache. Each operation is one atomic
 * step, so that a store shared by several processes can do each as one script and give every process the same
 * answer; all are asynchronous for that reason. Keys are built by the engine and never hold an API key or
 * prompt text: credentials are hashes (credentialKeyOf), cache keys are digests.
 */
export interface FusionState {
	/**
	 * Takes one request, and `estimatedTokens`, from the credential's buckets at the strictest limit any node set
	 * for it in the last minute; or, when the credential is paused or a bucket is short, takes nothing and says
	 * how long to wait.
	 */
	takeRateLimit(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
	): Promise<RateLimitTake>;
	/** Gives back (or charges) the difference between a request's estimated and real token use. */
	settleRateLimit(credential: string, estimatedTokens: number, usedTokens: number): Promise<void>;
	/**
	 * Gives back a request taken and then not made (taken ahead of the call, and the answer came from the cache or
	 * from another credential), with its estimated tokens.
	 */
	giveBackRateLimit(credential: string, estimatedTokens: number): Promise<void>;
	/** After a 429 with Retry-After: nothing goes to the credential for `ms` (an earlier, longer pause stays). */
	pauseRateLimit(credential: string, ms: number): Promise<void>;

	/** One call's outcome for a model used with a credential: its statistics and its health in one step. */
	recordOutcome(credential: string, model: string, outcome: CallOutcome): Promise<void>;
	/** Everything the credential has seen, by model id. */
	readModels(credential: string): Promise<ReadonlyMap<string, ModelRecord>>;
	/** For a view without a credential (Fusion Models): per model id, what the credential that called it most saw. */
	observedModels(): Promise<ReadonlyMap<string, ModelObservation>>;

	/** The index to start at in the smooth weighted rotation kept under `key`, advancing it by one pick. */
	advanceRotation(key: string, weights: readonly number[]): Promise<number>;

	/** A copy of the value cached under `key`, unless it has expired. */
	getCached(key: string): Promise<unknown>;
	setCached(key: string, value: unknown, ttlMs: number): Promise<void>;

	/** Why the state is, for now, not what it should be (a shared store out of reach); for the output's warnings. */
	degraded?(): string | undefined;
}

export interface RateLimits {
	requestsPerMinute?: number;
	tokensPerMinute?: number;
}

/** `waitMs` 0: taken. Otherwise how long until a request could go, and whether a provider's pause is the reason. */
export interface RateLimitTake {
	waitMs: number;
	paused: boolean;
}

export type CallOutcome = { ok: true; latencyMs: number } | { ok: false };

/** What calls with one credential saw of one model; recent calls weigh more than old ones. */
export interface ModelObservation {
	/** Decaying mean latency of successful calls, ms. */
	latencyMs?: number;
	/** Decaying success rate, 0–1. */
	successRate: number;
	calls: number;
}

export interface ModelRecord extends ModelObservation {
	/** Failed calls since the last success (retries count each). */
	consecutiveFailures: number;
	/** Epoch ms of the last failure, when there is one. */
	lastFailureAt?: number;
}

/** One model id (any of its spellings) to what was seen of it. */
export type ObservationLookup = (modelId: string) => ModelObservation | undefined;
