import type { FusionError } from '../errors/fusion-error';
import { onAbort } from './abort-listeners';

export interface RetryPolicy {
	/** Retries after the first call, on the same model. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A provider asking to wait longer than this is not waited for: the next model is tried instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 2,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 30_000,
};

const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/**
 * Transient failures are retried on the same model; a request the provider rejected (400, 401, 403, 404, 422)
 * would be rejected again, so it fails over at once. Our own timeouts fail over too: a model that was too slow
 * once is likely to be too slow again.
 */
export function isRetryable(error: FusionError): boolean {
	if (error.kind === 'cancelled' || error.kind === 'auth') return false;
	if (error.httpStatus !== undefined)
		return RETRYABLE_STATUSES.has(error.httpStatus) || error.httpStatus >= 500;
	return error.kind === 'network';
}

/**
 * How long to wait before retry number `retryIndex` (0-based): what the provider asked for when it said so,
 * else exponential backoff with full jitter so that parallel items do not retry in lockstep.
 * Undefined means "do not retry" (the provider asked for a wait longer than the policy allows).
 */
export function retryDelayMs(
	error: FusionError,
	retryIndex: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number | undefined {
	if (error.retryAfterMs !== undefined) {
		return error.retryAfterMs > policy.maxRetryAfterMs ? undefined : error.retryAfterMs;
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function headerValue(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Reads `retry-after-ms` (OpenAI, Azure) or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMsFromHeaders(
	headers: Record<string, string | string[] | undefined>,
	now: number = Date.now(),
): number | undefined {
	const milliseconds = headerValue(headers, 'retry-after-ms');
	if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds.trim()))
		return Math.ceil(Number(milliseconds));
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	if (retryAfter === undefined || retryAfter === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits, unless the execution is cancelled first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	return new Promise((resolve) => {
		if (signal?.aborted) {
			resolve(false);
			return;
		}
		const stopListening =
			signal === undefined
				? undefined
				: onAbort(signal, () => {
						clearTimeout(timer);
						resolve(false);
					});
		const timer = setTimeout(() => {
			stopListening?.();
			resolve(true);
		}, ms);
	});
}
