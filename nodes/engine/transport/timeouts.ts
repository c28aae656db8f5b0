import { FusionError } from '../errors/fusion-error';

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

/** What each limit's expiry says, about `who` (an address, or a provider by name) and the limit in seconds. */
const TIMEOUT_MESSAGES = {
	connect: (who: string, seconds: number) => `connecting to ${who} timed out after ${seconds} s`,
	firstByte: (who: string, seconds: number) =>
		`${who} sent no response within ${seconds} s (first-byte timeout)`,
	firstToken: (who: string, seconds: number) =>
		`${who} sent no token within ${seconds} s (first-token timeout)`,
	idle: (who: string, seconds: number) =>
		`${who} went silent for ${seconds} s in the middle of its answer (idle timeout)`,
	total: (who: string, seconds: number) =>
		`no complete answer from ${who} within ${seconds} s (timeout)`,
} as const;

/** A limit passed, whether our own timer or undici's noticed it first: the same message either way. */
export function timeoutError(
	limit: keyof typeof TIMEOUT_MESSAGES,
	who: string,
	limitMs: number,
	cause?: unknown,
): FusionError {
	return new FusionError({
		kind: 'timeout',
		message: TIMEOUT_MESSAGES[limit](who, limitMs / 1000),
		cause,
	});
}
