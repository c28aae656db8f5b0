import type { RateLimits, RateLimitTake } from '../fusion-state';

/** A bucket refilled continuously at `perMinute`, holding at most one minute's worth. */
export class TokenBucket {
	private available: number;
	private updatedAt: number;
	private rate: number;

	constructor(perMinute: number, now: number) {
		this.rate = perMinute;
		this.available = perMinute;
		this.updatedAt = now;
	}

	get perMinute(): number {
		return this.rate;
	}

	/** Changes the rate from now on; what was taken in the last minute stays taken: a new limit is no fresh minute. */
	setRate(perMinute: number, now: number): void {
		this.refill(now);
		const taken = this.rate - this.available;
		this.rate = perMinute;
		this.available = perMinute - taken;
	}

	private refill(now: number): void {
		this.available = Math.min(
			this.rate,
			this.available + ((now - this.updatedAt) * this.rate) / 60_000,
		);
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

/** How long a limit a node set keeps applying after that node's last request: the minute a bucket spans. */
const LIMIT_MEMORY_MS = 60_000;

/**
 * One budget (requests or tokens) of a credential: a single bucket, at the strictest limit any node has set for
 * the credential within the last minute. Nodes that set different limits share it instead of each replacing
 * it with a full bucket of their own.
 */
class SharedBudget {
	bucket?: TokenBucket;
	/** Each limit set for this credential, and when a request last came with it. */
	private readonly limits = new Map<number, number>();

	/** Brings the bucket to the strictest limit still in force; `limit` is the asking node's, if it set one. */
	update(limit: number | undefined, now: number): TokenBucket | undefined {
		if (limit) this.limits.set(limit, now);
		if (this.limits.size === 0) return this.bucket;
		let strictest: number | undefined;
		for (const [value, seenAt] of this.limits) {
			if (now - seenAt > LIMIT_MEMORY_MS) this.limits.delete(value);
			else if (strictest === undefined || value < strictest) strictest = value;
		}
		if (strictest === undefined) this.bucket = undefined;
		else if (this.bucket === undefined) this.bucket = new TokenBucket(strictest, now);
		else if (this.bucket.perMinute !== strictest) this.bucket.setRate(strictest, now);
		return this.bucket;
	}
}

interface CredentialLimits {
	requests: SharedBudget;
	tokens: SharedBudget;
	pausedUntil: number;
}

/** Each credential's request and token buckets and its pause, in this process's memory. */
export class RateLimitBuckets {
	private readonly byCredential = new Map<string, CredentialLimits>();

	private limitsOf(credential: string): CredentialLimits {
		let limits = this.byCredential.get(credential);
		if (limits === undefined) {
			limits = { requests: new SharedBudget(), tokens: new SharedBudget(), pausedUntil: 0 };
			this.byCredential.set(credential, limits);
		}
		return limits;
	}

	take(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
		now: number,
	): RateLimitTake {
		const state = this.limitsOf(credential);
		// Limits come from the node's options; every node using the credential is held to the strictest.
		const requests = state.requests.update(limits.requestsPerMinute, now);
		const tokens = state.tokens.update(limits.tokensPerMinute, now);
		const paused = state.pausedUntil > now;
		let waitMs = paused ? state.pausedUntil - now : 0;
		if (waitMs === 0 && requests) waitMs = requests.take(1, now);
		if (waitMs === 0 && tokens) {
			waitMs = tokens.take(estimatedTokens, now);
			if (waitMs > 0) requests?.adjust(1);
		}
		return { waitMs, paused };
	}

	settle(credential: string, estimatedTokens: number, usedTokens: number): void {
		this.byCredential.get(credential)?.tokens.bucket?.adjust(estimatedTokens - usedTokens);
	}

	giveBack(credential: string, estimatedTokens: number): void {
		const state = this.byCredential.get(credential);
		state?.requests.bucket?.adjust(1);
		state?.tokens.bucket?.adjust(estimatedTokens);
	}

	pause(credential: string, ms: number, now: number): void {
		const state = this.limitsOf(credential);
		state.pausedUntil = Math.max(state.pausedUntil, now + ms);
	}
}
