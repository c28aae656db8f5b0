import { sleep } from './retry-policy';

export interface RateLimits {
	requestsPerMinute?: number;
	tokensPerMinute?: number;
}

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
		this.available = Math.min(this.rate, this.available + ((now - this.updatedAt) * this.rate) / 60_000);
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

export interface AcquireOptions {
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** The most this request may wait in all. */
	maxWaitMs?: number;
	/** The most it may wait for a pause a provider asked for (Retry-After). */
	maxPauseWaitMs?: number;
}

/** Whether a request may go out now; if not, why not, and how long it would have had to wait. */
export type Admission =
	| { admitted: true; waitedMs: number }
	| { admitted: false; reason: 'cancelled' }
	| { admitted: false; reason: 'paused' | 'limited'; waitMs: number; allowedMs: number };

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

interface ProviderLimitState {
	requests: SharedBudget;
	tokens: SharedBudget;
	pausedUntil: number;
}

const newState = (): ProviderLimitState => ({ requests: new SharedBudget(), tokens: new SharedBudget(), pausedUntil: 0 });

/**
 * Per-credential limits shared by every item and execution of the n8n process: a provider account has one
 * quota however many workflows use it. Keyed by credentialKeyOf, never by the API key itself.
 */
export class RateLimiter {
	private readonly states = new Map<string, ProviderLimitState>();

	private state(key: string): ProviderLimitState {
		let state = this.states.get(key);
		if (state === undefined) {
			state = newState();
			this.states.set(key, state);
		}
		return state;
	}

	/**
	 * Waits until one request of about `estimatedTokens` may go out, on a single timer per wait. A wait longer
	 * than the caller may spend is not started at all: the answer says why and for how long, so that the caller
	 * moves on at once instead of sitting past its own timeout.
	 */
	async acquire(key: string, limits: RateLimits, estimatedTokens: number, options: AcquireOptions = {}): Promise<Admission> {
		const state = this.state(key);
		const startedAt = Date.now();
		for (;;) {
			const now = Date.now();
			// Limits come from the node's options; every node using the credential is held to the strictest.
			const requests = state.requests.update(limits.requestsPerMinute, now);
			const tokens = state.tokens.update(limits.tokensPerMinute, now);
			const paused = state.pausedUntil > now;
			let wait = paused ? state.pausedUntil - now : 0;
			if (wait === 0 && requests) wait = requests.take(1, now);
			if (wait === 0 && tokens) {
				wait = tokens.take(estimatedTokens, now);
				if (wait > 0) requests?.adjust(1);
			}
			if (wait === 0) return { admitted: true, waitedMs: now - startedAt };
			const left = (options.maxWaitMs ?? Number.POSITIVE_INFINITY) - (now - startedAt);
			const allowed = paused ? Math.min(left, options.maxPauseWaitMs ?? Number.POSITIVE_INFINITY) : left;
			if (wait > allowed) return { admitted: false, reason: paused ? 'paused' : 'limited', waitMs: wait, allowedMs: Math.max(0, allowed) };
			if (!(await sleep(wait, options.signal))) return { admitted: false, reason: 'cancelled' };
		}
	}

	/** Settles a request's token charge once its real usage is known. */
	settle(key: string, estimatedTokens: number, usedTokens: number): void {
		this.states.get(key)?.tokens.bucket?.adjust(estimatedTokens - usedTokens);
	}

	/** After a 429 with Retry-After: nothing goes to that credential until then. */
	pause(key: string, ms: number, now: number = Date.now()): void {
		const state = this.state(key);
		state.pausedUntil = Math.max(state.pausedUntil, now + ms);
	}

	clear(): void {
		this.states.clear();
	}
}

export const rateLimiter = new RateLimiter();
