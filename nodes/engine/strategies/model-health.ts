
export interface HealthPolicy {
	/** Consecutive failed calls (retries count each) that put a model on cool-down. */
	failuresBeforeCooldown: number;
	/** How long later items skip it; then it is tried again, and one more failure cools it down again. */
	cooldownMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = { failuresBeforeCooldown: 3, cooldownMs: 30_000 };

/**
 * A model's health is per credential: one user's failing proxy or exhausted account must not make every
 * other workflow of the process skip the model.
 */
export function healthKeyOf(credentialKey: string, modelId: string): string {
	return `${credentialKey}|${modelId}`;
}

/** Consecutive failures per credential and model, shared by the items and executions of the process. */
export class ModelHealth {
	private readonly failures = new Map<string, { consecutive: number; lastFailureAt: number }>();

	recordSuccess(key: string): void {
		this.failures.delete(key);
	}

	recordFailure(key: string, now: number = Date.now()): void {
		const current = this.failures.get(key);
		this.failures.set(key, { consecutive: (current?.consecutive ?? 0) + 1, lastFailureAt: now });
	}

	/** Remaining cool-down in ms, or 0 when the model may be called. */
	cooldownRemainingMs(key: string, policy: HealthPolicy, now: number = Date.now()): number {
		const current = this.failures.get(key);
		if (current === undefined || current.consecutive < policy.failuresBeforeCooldown) return 0;
		return Math.max(0, current.lastFailureAt + policy.cooldownMs - now);
	}

	clear(): void {
		this.failures.clear();
	}
}

export const modelHealth = new ModelHealth();
