import { FusionError } from '../../../nodes/engine/errors/fusion-error';
import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	retryAfterMsFromHeaders,
	retryDelayMs,
} from '../../../nodes/engine/transport/retry-policy';

const httpError = (httpStatus: number, retryAfterMs?: number) =>
	new FusionError({ kind: 'server', message: `HTTP ${httpStatus}`, httpStatus, retryAfterMs });

describe('isRetryable', () => {
	it.each([408, 409, 429, 500, 502, 503, 504, 529])('retries HTTP %i', (status) => {
		expect(isRetryable(httpError(status))).toBe(true);
	});

	it.each([400, 401, 403, 404, 422])('never retries HTTP %i', (status) => {
		expect(isRetryable(httpError(status))).toBe(false);
	});

	it('retries network failures but not timeouts, cancellation or auth problems', () => {
		expect(isRetryable(new FusionError({ kind: 'network', message: 'ECONNRESET' }))).toBe(true);
		expect(isRetryable(new FusionError({ kind: 'timeout', message: 'slow' }))).toBe(false);
		expect(isRetryable(new FusionError({ kind: 'cancelled', message: 'stop' }))).toBe(false);
		expect(isRetryable(new FusionError({ kind: 'auth', message: 'quota', httpStatus: 429 }))).toBe(
			false,
		);
	});
});

describe('retryDelayMs', () => {
	it('doubles the backoff ceiling with each retry, jittered between half and all of it', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
		expect(retryDelayMs(httpError(500), 0, policy, () => 0)).toBe(50);
		expect(retryDelayMs(httpError(500), 0, policy, () => 1)).toBe(100);
		expect(retryDelayMs(httpError(500), 2, policy, () => 1)).toBe(400);
		expect(retryDelayMs(httpError(500), 8, policy, () => 1)).toBe(1_000);
	});

	it('waits what the provider asked for, and not at all when that is beyond the cap', () => {
		expect(retryDelayMs(httpError(429, 1_000), 0, DEFAULT_RETRY_POLICY)).toBe(1_000);
		expect(retryDelayMs(httpError(429, 120_000), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
	});
});

describe('retryAfterMsFromHeaders', () => {
	it('prefers retry-after-ms, then reads seconds or an HTTP date', () => {
		expect(retryAfterMsFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
		expect(retryAfterMsFromHeaders({ 'retry-after': '1' })).toBe(1_000);
		expect(retryAfterMsFromHeaders({ 'retry-after': '0.5' })).toBe(500);
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(retryAfterMsFromHeaders({ 'retry-after': 'Mon, 23 Nov 2026 10:00:03 GMT' }, now)).toBe(
			3_000,
		);
		expect(retryAfterMsFromHeaders({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterMsFromHeaders({})).toBeUndefined();
	});
});
