import { performance } from 'node:perf_hooks';
import { FusionError, type FusionErrorKind } from '../errors/fusion-error';
import { redactSecrets, secretsOf } from '../errors/redact-secrets';
import type { ResolvedModel } from '../models/resolve-model-id';
import { credentialKeyOf } from '../providers/credential-key';
import type { ProviderConnection } from '../providers/provider-adapter';
import type { ProviderDefinition } from '../providers/provider-registry';
import { estimateRequestTokens } from '../request/estimate-tokens';
import type { UnifiedChatRequest } from '../request/unified-request';
import { acquireRateLimit } from '../transport/rate-limiter';
import { isRetryable, retryDelayMs, sleep } from '../transport/retry-policy';
import { cancellationError } from '../transport/send-upstream';
import { timeoutsWithin } from '../transport/timeouts';
import { writeInBackground } from '../state/write-in-background';
import { attemptFrom, notCalledAttempt, type Attempt } from './attempt';
import { callModelOnce } from './call-model-once';
import type { CallSettings, ModelCallResult } from './model-call';
import { PartialAnswerError } from './partial-answer-error';

/**
 * Failures that say something about the model's health. A rejected key, a missing model or a bad request say
 * something about the credential or the request instead, and cancelling says nothing at all.
 */
const COUNTS_AGAINST_MODEL: ReadonlySet<FusionErrorKind> = new Set([
	'rate_limit',
	'overloaded',
	'server',
	'timeout',
	'network',
	'invalid_response',
]);

function redacted(error: FusionError, secrets: readonly string[]): FusionError {
	const message = redactSecrets(error.message, secrets);
	if (message === error.message) return error;
	return new FusionError({
		kind: error.kind,
		message,
		httpStatus: error.httpStatus,
		retryAfterMs: error.retryAfterMs,
	});
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** Why a call was not made: the credential is paused after a Retry-After, or its rate limit is used up, for longer than the call may wait. */
function notAdmittedError(
	provider: ProviderDefinition,
	reason: 'paused' | 'limited',
	waitMs: number,
	allowedMs: number,
): FusionError {
	const why =
		reason === 'paused'
			? `${provider.displayName} asked this credential to wait (Retry-After) for another ${seconds(waitMs)}`
			: `this credential's rate limit (requests or tokens per minute) is used up for another ${seconds(waitMs)}`;
	return new FusionError({
		kind: 'rate_limit',
		message: `${why}, longer than this call may wait (${seconds(allowedMs)}): not called, so that the next model is tried at once`,
	});
}

/**
 * Calls one model under the credential's rate limit, retrying transient failures on it with backoff, and
 * records each outcome in the shared state; every call is appended to `attempts`. Throws the last FusionError
 * when the model cannot answer.
 */
export async function callModelWithRetries(
	target: ResolvedModel,
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
): Promise<ModelCallResult> {
	let connection: ProviderConnection;
	try {
		connection = await settings.connectionFor(target.provider);
	} catch (error) {
		const failure =
			error instanceof FusionError
				? error
				: new FusionError({ kind: 'auth', message: String(error) });
		attempts.push(notCalledAttempt(target, failure));
		throw failure;
	}
	const { state } = settings;
	const secrets = secretsOf(connection);
	const credential = credentialKeyOf(target.provider, connection);
	const estimatedTokens = estimateRequestTokens(request);
	for (let retryIndex = 0; ; retryIndex++) {
		// The call's time starts here: waiting for the rate limit is part of it, not an extra.
		const admission = await acquireRateLimit(
			state,
			credential,
			settings.rateLimits ?? {},
			estimatedTokens,
			{
				signal: settings.signal,
				maxWaitMs: settings.timeouts.totalMs,
				maxPauseWaitMs: settings.retry.maxRetryAfterMs,
				takenAhead: settings.takenAhead?.claim(credential, estimatedTokens),
			},
		);
		if (!admission.admitted) {
			if (admission.reason === 'cancelled') throw cancellationError(settings.signal);
			const notCalled = notAdmittedError(
				target.provider,
				admission.reason,
				admission.waitMs,
				admission.allowedMs,
			);
			attempts.push(notCalledAttempt(target, notCalled));
			throw notCalled;
		}
		const callSettings =
			admission.waitedMs === 0
				? settings
				: {
						...settings,
						timeouts: timeoutsWithin(
							settings.timeouts,
							settings.timeouts.totalMs - admission.waitedMs,
						),
					};
		const startedAt = performance.now();
		let result: ModelCallResult;
		try {
			result = await callModelOnce(target, request, connection, callSettings);
		} catch (thrown) {
			const partial = thrown instanceof PartialAnswerError ? thrown : undefined;
			const cause = partial?.cause ?? thrown;
			const error = redacted(
				cause instanceof FusionError
					? cause
					: new FusionError({ kind: 'network', message: String(cause) }),
				secrets,
			);
			attempts.push(attemptFrom(target, startedAt, error));
			// The whole credential waits, not just this item: every other item would hit the same 429.
			if (error.kind === 'rate_limit' && error.retryAfterMs !== undefined)
				await state.pauseRateLimit(credential, error.retryAfterMs);
			if (COUNTS_AGAINST_MODEL.has(error.kind))
				await state.recordOutcome(credential, target.fusionId, { ok: false });
			// Part of this answer has reached the user: neither a retry nor another model may follow it.
			if (partial) throw new PartialAnswerError(partial.model, partial.partialContent, error);
			if (retryIndex >= settings.retry.maxRetries || !isRetryable(error)) throw error;
			const delay = retryDelayMs(error, retryIndex, settings.retry);
			// A provider's Retry-After longer than a whole call may take is not waited for either: the next model is.
			if (
				delay === undefined ||
				(error.retryAfterMs !== undefined && delay > settings.timeouts.totalMs)
			)
				throw error;
			if (!(await sleep(delay, settings.signal))) throw cancellationError(settings.signal);
			continue;
		}
		const attempt = attemptFrom(target, startedAt);
		attempts.push(attempt);
		writeInBackground(
			state.recordOutcome(credential, target.fusionId, { ok: true, latencyMs: attempt.latency_ms }),
		);
		writeInBackground(
			state.settleRateLimit(
				credential,
				estimatedTokens,
				result.answer.usage?.total_tokens ?? estimatedTokens,
			),
		);
		return result;
	}
}
