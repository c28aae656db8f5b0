import { createHash } from 'node:crypto';
import type { ProviderConnection, ProviderDefinition } from '../providers/provider-adapter';
import { sleep } from './retry-policy';

export interface RateLimits {
	requestsPerMinute?: number;
	tokensPerMinute?: number;
}

/** A bucket refilled continuously at `perMinute`, holding at most one minute's worth. */
export class TokenBucket {
	private available: number;
	private updatedAt: number;

	constructor(readonly perMinute: number, now: number) {
		this.available = perMinute;
		this.updatedAt = now;
	}

	private refill(now: number): void {
		this.available = Math.min(this.perMinute, this.available + ((now - this.updatedAt) * this.perMinute) / 60_000);
		this.updatedAt = now;
	}

	/** Takes `amount` now (the balance may go negative for an amount above the capacity), or says how long to wait. */
	take(amount: number, now: number): number {
		this.refill(now);
		const needed = Math.min(amount, this.perMinute);
		if (this.available >= needed) {
			this.available -= amount;
			return 0;
		}
		return Math.ceil(((needed - this.available) * 60_000) / this.perMinute);
	}

	/** Gives back (or charges) the difference between an estimate and what was really used. */
	adjust(amount: number): void {
		this.available = Math.min(this.perMinute, this.available + amount);
	}
}

/** A connection is resolved once per execution and provider, so its digest is computed once too. */
const keysByConnection = new WeakMap<ProviderConnection, string>();

interface ProviderLimitState {
	requests?: TokenBucket;
	tokens?: TokenBucket;
	pausedUntil: number;
}

/**
 * Per-credential limits shared by every item and execution of the n8n process: a provider account has one
 * quota however many workflows use it. The key never holds the API key itself, only a short digest of it.
 */
export class RateLimiter {
	private readonly states = new Map<string, ProviderLimitState>();

	static keyOf(provider: ProviderDefinition, connection: ProviderConnection): string {
		let key = keysByConnection.get(connection);
		if (key === undefined) {
			const digest = createHash('sha256').update(connection.apiKey ?? '').digest('hex').slice(0, 16);
			key = `${provider.id}|${connection.baseUrl}|${digest}`;
			keysByConnection.set(connection, key);
		}
		return key;
	}

	private state(key: string, limits: RateLimits, now: number): ProviderLimitState {
		let state = this.states.get(key);
		if (state === undefined) {
			state = { pausedUntil: 0 };
			this.states.set(key, state);
		}
		// Limits come from the node's options; the first node to set one for a credential creates its bucket.
		if (limits.requestsPerMinute && state.requests?.perMinute !== limits.requestsPerMinute) state.requests = new TokenBucket(limits.requestsPerMinute, now);
		if (limits.tokensPerMinute && state.tokens?.perMinute !== limits.tokensPerMinute) state.tokens = new TokenBucket(limits.tokensPerMinute, now);
		return state;
	}

	/** Waits until one request of about `estimatedTokens` may go out; false when cancelled while waiting. */
	async acquire(key: string, limits: RateLimits, estimatedTokens: number, signal?: AbortSignal): Promise<boolean> {
		for (;;) {
			const now = Date.now();
			const state = this.state(key, limits, now);
			let wait = Math.max(0, state.pausedUntil - now);
			if (wait === 0 && state.requests) wait = state.requests.take(1, now);
			if (wait === 0 && state.tokens) {
				wait = state.tokens.take(estimatedTokens, now);
				if (wait > 0) state.requests?.adjust(1);
			}
			if (wait === 0) return true;
			if (!(await sleep(wait, signal))) return false;
		}
	}

	/** Settles a request's token charge once its real usage is known. */
	settle(key: string, estimatedTokens: number, usedTokens: number): void {
		this.states.get(key)?.tokens?.adjust(estimatedTokens - usedTokens);
	}

	/** After a 429 with Retry-After: nothing goes to that credential until then. */
	pause(key: string, ms: number, now: number = Date.now()): void {
		const state = this.states.get(key) ?? { pausedUntil: 0 };
		state.pausedUntil = Math.max(state.pausedUntil, now + ms);
		this.states.set(key, state);
	}

	clear(): void {
		this.states.clear();
	}
}

export const rateLimiter = new RateLimiter();
