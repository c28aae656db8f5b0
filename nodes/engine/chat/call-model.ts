import { performance } from 'node:perf_hooks';
import { FusionError, type FusionErrorKind } from '../errors/fusion-error';
import { PartialAnswerError } from '../errors/partial-answer-error';
import { redactSecrets, secretsOf } from '../errors/redact-secrets';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { ModelAnswer, ModelCallRequest, ProviderConnection, ProviderDefinition } from '../providers/provider-adapter';
import { credentialKeyOf } from '../providers/credential-key';
import { answerFromBody, fusionErrorFromResponse, readJsonBody } from '../providers/provider-response';
import type { UnifiedChatRequest } from '../request/unified-request';
import { DEFAULT_EXPECTED_COMPLETION_TOKENS, estimatePromptTokens } from '../strategies/expected-cost';
import { healthKeyOf, modelHealth, type ModelHealth } from '../strategies/model-health';
import { assertUsableConnection } from '../transport/check-connection';
import { rateLimiter as processRateLimiter, type RateLimiter, type RateLimits } from '../transport/rate-limiter';
import { discardBody } from '../transport/read-body';
import { readSseStream } from '../transport/read-sse-stream';
import { isRetryable, retryDelayMs, sleep, type RetryPolicy } from '../transport/retry-policy';
import {
	cancellationError,
	describeTarget,
	fusionErrorFromTransportFailure,
	sendUpstream,
	type UpstreamResponse,
} from '../transport/send-upstream';
import { timeoutsWithin, type CallTimeouts } from '../transport/timeouts';
import { modelStats as processModelStats, type ModelStats } from '../stats/model-stats';
import type { Attempt } from './chat-output';

/** Gives the engine a provider's connection; throws a FusionError('auth') that says which credential is missing. */
export type ConnectionResolver = (provider: ProviderDefinition) => Promise<ProviderConnection>;

export interface CallSettings {
	timeouts: CallTimeouts;
	retry: RetryPolicy;
	/** The execution's cancel signal: aborts in-flight calls and backoff waits. */
	signal?: AbortSignal;
	connectionFor: ConnectionResolver;
	/** Where outcomes are recorded for health and latency; the process-wide statistics by default. */
	stats?: ModelStats;
	/**
	 * Receives each piece of a streamed answer as it arrives (a chat or a streaming webhook). Once a piece has
	 * been handed over, a broken stream ends the item as partial instead of failing over.
	 */
	onDelta?: (text: string) => void;
	/** Per-credential limits (the node's options); none by default. */
	rateLimits?: RateLimits;
	/**
	 * A refusal or safety block (finish_reason content_filter) moves on to the next model, like a failure
	 * (the default); false makes it the answer, its text in `choices[0].message.refusal`.
	 */
	failOverOnRefusal?: boolean;
	/** The process-wide limiter by default; tests pass their own. */
	rateLimiter?: RateLimiter;
	/** Consecutive failures per credential and model; the process-wide tracker by default. */
	healthTracker?: ModelHealth;
}

export interface ModelCallResult {
	answer: ModelAnswer;
	warnings: string[];
	/** Streamed calls: ms from sending the request to the first content token. */
	ttftMs?: number;
}

export function toModelCallRequest(request: UnifiedChatRequest, upstreamModel: string): ModelCallRequest {
	return {
		model: upstreamModel,
		messages: request.messages,
		max_tokens: request.max_tokens,
		temperature: request.temperature,
		top_p: request.top_p,
		frequency_penalty: request.frequency_penalty,
		presence_penalty: request.presence_penalty,
		stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
		stream: request.stream === true,
	};
}

interface StreamProgress {
	text: string;
	ttftMs?: number;
}

async function readStreamedAnswer(
	response: UpstreamResponse,
	provider: ProviderDefinition,
	settings: CallSettings,
	startedAt: number,
	progress: StreamProgress,
): Promise<ModelAnswer> {
	const { firstTokenMs, idleMs } = settings.timeouts;
	const firstTokenTimer = setTimeout(
		() => response.abort(new FusionError({ kind: 'timeout', message: `${provider.displayName} sent no token within ${firstTokenMs / 1000} s (first-token timeout)` })),
		firstTokenMs,
	);
	const idleTimeout = () =>
		response.abort(new FusionError({ kind: 'timeout', message: `${provider.displayName} went silent for ${idleMs / 1000} s in the middle of its answer (idle timeout)` }));
	let idleTimer = setTimeout(idleTimeout, idleMs);
	const bodyMoved = () => {
		clearTimeout(idleTimer);
		idleTimer = setTimeout(idleTimeout, idleMs);
	};
	try {
		const assembler = provider.adapter.createStreamAssembler();
		const endedEarly = await readSseStream(
			response.body,
			(event) => {
				const delta = assembler.push(event);
				if (delta !== '') {
					if (progress.ttftMs === undefined) {
						progress.ttftMs = Math.round(performance.now() - startedAt);
						clearTimeout(firstTokenTimer);
					}
					progress.text += delta;
					settings.onDelta?.(delta);
				}
				return assembler.hasEnded();
			},
			bodyMoved,
		);
		// The answer is complete; whatever else the server sends, or however long it holds the connection, is not waited for.
		if (endedEarly) void discardBody(response.body);
		return assembler.finish();
	} finally {
		clearTimeout(firstTokenTimer);
		clearTimeout(idleTimer);
	}
}

async function readAnswer(response: UpstreamResponse, provider: ProviderDefinition, url: string): Promise<ModelAnswer> {
	return answerFromBody(await readJsonBody(response, provider, url, 'answer'), provider);
}

/** A server that ignores `stream: true` answers with plain JSON: that is the answer (or the error), not a broken stream. */
function answeredWithJson(response: UpstreamResponse): boolean {
	const type = response.headers['content-type'];
	return typeof type === 'string' && /\bjson\b/i.test(type);
}

/** One upstream call: build, send, read, translate. Throws a FusionError whose message holds no secret. */
export async function callModelOnce(
	target: ResolvedModel,
	request: UnifiedChatRequest,
	connection: ProviderConnection,
	settings: CallSettings,
): Promise<ModelCallResult> {
	const { provider } = target;
	assertUsableConnection(connection, provider.displayName);
	const built = provider.adapter.toChatRequest(toModelCallRequest(request, target.upstreamModel), connection);
	const startedAt = performance.now();
	const response = await sendUpstream(built.http, { timeouts: settings.timeouts, signal: settings.signal });
	const progress: StreamProgress = { text: '' };
	try {
		if (response.status >= 300) throw await fusionErrorFromResponse(response, provider, built.http.url);
		const streamed = request.stream === true && !answeredWithJson(response);
		const answer = streamed
			? await readStreamedAnswer(response, provider, settings, startedAt, progress)
			: await readAnswer(response, provider, built.http.url);
		if (request.stream === true && !streamed && answer.content !== '') settings.onDelta?.(answer.content);
		if (answer.finishReason === 'content_filter') {
			const refusal = answer.refusal ?? `${provider.displayName} declined to answer (finish_reason content_filter)`;
			// Another model may well answer what this one refused; the refusal says nothing about its health.
			if (settings.failOverOnRefusal !== false) throw new FusionError({ kind: 'content_filter', message: `${provider.displayName} refused: ${refusal}` });
			return { answer: { ...answer, refusal }, warnings: built.warnings, ttftMs: progress.ttftMs };
		}
		if (answer.content.trim() === '') {
			// An empty answer is useless to the next node; another model may well answer.
			throw new FusionError({
				kind: 'invalid_response',
				message: `${provider.displayName} answered with empty content (finish_reason ${answer.finishReason})`,
			});
		}
		return { answer, warnings: built.warnings, ttftMs: progress.ttftMs };
	} catch (error) {
		const failure = response.signal.aborted
			? response.abortReason()
			: fusionErrorFromTransportFailure(error, describeTarget(built.http.url), settings.timeouts);
		if (settings.onDelta !== undefined && progress.text !== '') throw new PartialAnswerError(target.fusionId, progress.text, failure);
		throw failure;
	} finally {
		response.done();
	}
}

/**
 * Failures that say something about the model's health. A rejected key, a missing model or a bad request say
 * something about the credential or the request instead, and cancelling says nothing at all.
 */
const COUNTS_AGAINST_MODEL: ReadonlySet<FusionErrorKind> = new Set(['rate_limit', 'overloaded', 'server', 'timeout', 'network', 'invalid_response']);

function redacted(error: FusionError, secrets: readonly string[]): FusionError {
	const message = redactSecrets(error.message, secrets);
	if (message === error.message) return error;
	return new FusionError({ kind: error.kind, message, httpStatus: error.httpStatus, retryAfterMs: error.retryAfterMs });
}

function attemptFrom(target: ResolvedModel, startedAt: number, error?: FusionError): Attempt {
	const attempt: Attempt = {
		model: target.fusionId,
		provider: target.provider.id,
		status: error ? 'error' : 'ok',
		latency_ms: Math.round(performance.now() - startedAt),
	};
	if (error) {
		attempt.error = { type: error.kind, message: error.message };
		if (error.httpStatus !== undefined) attempt.error.http_status = error.httpStatus;
	}
	return attempt;
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** Why a call was not made: the credential is paused after a Retry-After, or its rate limit is used up, for longer than the call may wait. */
function notAdmittedError(provider: ProviderDefinition, reason: 'paused' | 'limited', waitMs: number, allowedMs: number): FusionError {
	const why =
		reason === 'paused'
			? `${provider.displayName} asked this credential to wait (Retry-After) for another ${seconds(waitMs)}`
			: `this credential's rate limit (requests or tokens per minute) is used up for another ${seconds(waitMs)}`;
	return new FusionError({ kind: 'rate_limit', message: `${why}, longer than this call may wait (${seconds(allowedMs)}): not called, so that the next model is tried at once` });
}

/**
 * Calls one model, retrying transient failures on it with backoff; every call is appended to `attempts`.
 * Throws the last FusionError when the model cannot answer.
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
		const failure = error instanceof FusionError ? error : new FusionError({ kind: 'auth', message: String(error) });
		attempts.push({ ...attemptFrom(target, performance.now(), failure), status: 'skipped', latency_ms: 0 });
		throw failure;
	}
	const secrets = secretsOf(connection);
	const limiter = settings.rateLimiter ?? processRateLimiter;
	const credential = credentialKeyOf(target.provider, connection);
	const estimatedTokens = estimatePromptTokens(request) + (request.max_tokens ?? DEFAULT_EXPECTED_COMPLETION_TOKENS);
	const stats = settings.stats ?? processModelStats;
	const health = settings.healthTracker ?? modelHealth;
	const healthKey = healthKeyOf(credential, target.fusionId);
	for (let retryIndex = 0; ; retryIndex++) {
		// The call's time starts here: waiting for the rate limit is part of it, not an extra.
		const admission = await limiter.acquire(credential, settings.rateLimits ?? {}, estimatedTokens, {
			signal: settings.signal,
			maxWaitMs: settings.timeouts.totalMs,
			maxPauseWaitMs: settings.retry.maxRetryAfterMs,
		});
		if (!admission.admitted) {
			if (admission.reason === 'cancelled') throw cancellationError(settings.signal);
			const notCalled = notAdmittedError(target.provider, admission.reason, admission.waitMs, admission.allowedMs);
			attempts.push({ ...attemptFrom(target, performance.now(), notCalled), status: 'skipped', latency_ms: 0 });
			throw notCalled;
		}
		const callSettings = admission.waitedMs === 0 ? settings : { ...settings, timeouts: timeoutsWithin(settings.timeouts, settings.timeouts.totalMs - admission.waitedMs) };
		const startedAt = performance.now();
		try {
			const result = await callModelOnce(target, request, connection, callSettings);
			const attempt = attemptFrom(target, startedAt);
			attempts.push(attempt);
			stats.recordSuccess(target.fusionId, credential, attempt.latency_ms);
			health.recordSuccess(healthKey);
			limiter.settle(credential, estimatedTokens, result.answer.usage?.total_tokens ?? estimatedTokens);
			return result;
		} catch (thrown) {
			const partial = thrown instanceof PartialAnswerError ? thrown : undefined;
			const cause = partial?.cause ?? thrown;
			const error = redacted(cause instanceof FusionError ? cause : new FusionError({ kind: 'network', message: String(cause) }), secrets);
			attempts.push(attemptFrom(target, startedAt, error));
			// The whole credential waits, not just this item: every other item would hit the same 429.
			if (error.kind === 'rate_limit' && error.retryAfterMs !== undefined) limiter.pause(credential, error.retryAfterMs);
			if (COUNTS_AGAINST_MODEL.has(error.kind)) {
				stats.recordFailure(target.fusionId, credential);
				health.recordFailure(healthKey);
			}
			// Part of this answer has reached the user: neither a retry nor another model may follow it.
			if (partial) throw new PartialAnswerError(partial.model, partial.partialContent, error);
			if (retryIndex >= settings.retry.maxRetries || !isRetryable(error)) throw error;
			const delay = retryDelayMs(error, retryIndex, settings.retry);
			// A provider's Retry-After longer than a whole call may take is not waited for either: the next model is.
			if (delay === undefined || (error.retryAfterMs !== undefined && delay > settings.timeouts.totalMs)) throw error;
			if (!(await sleep(delay, settings.signal))) throw cancellationError(settings.signal);
		}
	}
}
