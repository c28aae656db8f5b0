import type { ModelStats } from '../stats/model-stats';

export interface HealthPolicy {
	/** Consecutive failures (after retries count each call) that put a model on cool-down. */
	failuresBeforeCooldown: number;
	/** How long later items skip it; then it is tried again, and one more failure cools it down again. */
	cooldownMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = { failuresBeforeCooldown: 3, cooldownMs: 30_000 };

/** Remaining cool-down in ms, or 0 when the model may be called. */
export function cooldownRemainingMs(stats: ModelStats, modelId: string, policy: HealthPolicy, now: number = Date.now()): number {
	const observed = stats.get(modelId);
	if (observed === undefined || observed.lastFailureAt === undefined) return 0;
	if (observed.consecutiveFailures < policy.failuresBeforeCooldown) return 0;
	return Math.max(0, observed.lastFailureAt + policy.cooldownMs - now);
}
