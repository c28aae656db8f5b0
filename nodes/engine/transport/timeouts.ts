/** Per-call time limits. LLM answers take seconds to minutes, so undici's 300 s defaults are far too lax. */
/** TCP + TLS handshake; one value for the shared connection pool. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface CallTimeouts {
	/** From sending the request to the response headers (for a non-streamed call, most of the generation). */
	firstByteMs: number;
	/** The whole call, body included. */
	totalMs: number;
	/** Longest silence between two chunks of a streamed body. */
	idleMs: number;
	/** A streamed call: longest wait for the first content token. */
	firstTokenMs: number;
}

export const DEFAULT_TIMEOUTS: CallTimeouts = {
	firstByteMs: 120_000,
	totalMs: 180_000,
	idleMs: 60_000,
	firstTokenMs: 60_000,
};

/** Builds the limits from a single user-facing "timeout" (the whole call), keeping the others within it. */
export function timeoutsFromTotal(totalMs: number): CallTimeouts {
	return {
		firstByteMs: Math.min(DEFAULT_TIMEOUTS.firstByteMs, totalMs),
		totalMs,
		idleMs: Math.min(DEFAULT_TIMEOUTS.idleMs, totalMs),
		firstTokenMs: Math.min(DEFAULT_TIMEOUTS.firstTokenMs, totalMs),
	};
}

/** The same limits within what is left of a call's time (after a wait in the rate limiter). */
export function timeoutsWithin(timeouts: CallTimeouts, remainingMs: number): CallTimeouts {
	return {
		firstByteMs: Math.min(timeouts.firstByteMs, remainingMs),
		totalMs: remainingMs,
		idleMs: Math.min(timeouts.idleMs, remainingMs),
		firstTokenMs: Math.min(timeouts.firstTokenMs, remainingMs),
	};
}
