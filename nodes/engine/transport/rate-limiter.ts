import type { FusionState, RateLimits, RateLimitTake } from '../state/fusion-state';
import { sleep } from './retry-policy';

export interface AcquireOptions {
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** The most this request may wait in all. */
	maxWaitMs?: number;
	/** The most it may wait for a pause a provider asked for (Retry-After). */
	maxPauseWaitMs?: number;
	/** This request's take, already sent (TakenAhead): the first one the wait starts from. */
	takenAhead?: Promise<RateLimitTake>;
}

/** Whether a request may go out now; if not, why not, and how long it would have had to wait. */
export type Admission =
	| { admitted: true; waitedMs: number }
	| { admitted: false; reason: 'cancelled' }
	| { admitted: false; reason: 'paused' | 'limited'; waitMs: number; allowedMs: number };

/**
 * Waits until one request of about `estimatedTokens` may go out under the credential's limits, on a single timer
 * per wait. A wait longer than the caller may spend is not started at all: the answer says why and for how long,
 * so that the caller moves on at once instead of sitting past its own timeout.
 */
export async function acquireRateLimit(
	state: FusionState,
	credential: string,
	limits: RateLimits,
	estimatedTokens: number,
	options: AcquireOptions = {},
): Promise<Admission> {
	const startedAt = Date.now();
	let ahead = options.takenAhead;
	for (;;) {
		const { waitMs, paused } = await (ahead ??
			state.takeRateLimit(credential, limits, estimatedTokens));
		ahead = undefined;
		const waited = Date.now() - startedAt;
		if (waitMs === 0) return { admitted: true, waitedMs: waited };
		const left = (options.maxWaitMs ?? Number.POSITIVE_INFINITY) - waited;
		const allowed = paused
			? Math.min(left, options.maxPauseWaitMs ?? Number.POSITIVE_INFINITY)
			: left;
		if (waitMs > allowed)
			return {
				admitted: false,
				reason: paused ? 'paused' : 'limited',
				waitMs,
				allowedMs: Math.max(0, allowed),
			};
		if (!(await sleep(waitMs, options.signal))) return { admitted: false, reason: 'cancelled' };
	}
}
