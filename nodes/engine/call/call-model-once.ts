import { performance } from 'node:perf_hooks';
import { FusionError } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { ModelAnswer, ProviderConnection } from '../providers/provider-adapter';
import type { ProviderDefinition } from '../providers/provider-registry';
import {
	answerFromBody,
	fusionErrorFromResponse,
	readJsonBody,
} from '../providers/provider-response';
import type { UnifiedChatRequest } from '../request/unified-request';
import { assertUsableConnection } from '../transport/check-connection';
import { discardBody } from '../transport/read-body';
import { readSseStream } from '../transport/read-sse-stream';
import {
	describeTarget,
	fusionErrorFromTransportFailure,
	sendUpstream,
	type UpstreamResponse,
} from '../transport/send-upstream';
import { timeoutError } from '../transport/timeouts';
import { deliverWhole, hasLiveClient } from './deliver-answer';
import { parsedAnswerOf } from './json-answer';
import { toModelCallRequest, type CallSettings, type ModelCallResult } from './model-call';
import { PartialAnswerError } from './partial-answer-error';
import { providerPreferencesFor } from './provider-preferences';

/** What one exchange needs: no state, no retries; those are the policy's (call-model.ts). */
export type ExchangeSettings = Pick<
	CallSettings,
	'timeouts' | 'signal' | 'onDelta' | 'onToolCallDelta' | 'failOverOnRefusal'
>;

interface StreamProgress {
	text: string;
	/** Something, text or a piece of a tool call, has reached the live client. */
	delivered: boolean;
	ttftMs?: number;
}

async function readStreamedAnswer(
	response: UpstreamResponse,
	provider: ProviderDefinition,
	settings: ExchangeSettings,
	startedAt: number,
	progress: StreamProgress,
): Promise<ModelAnswer> {
	const { firstTokenMs, idleMs } = settings.timeouts;
	const firstTokenTimer = setTimeout(
		() => response.abort(timeoutError('firstToken', provider.displayName, firstTokenMs)),
		firstTokenMs,
	);
	const idleTimeout = () => response.abort(timeoutError('idle', provider.displayName, idleMs));
	let idleTimer = setTimeout(idleTimeout, idleMs);
	const bodyMoved = () => {
		clearTimeout(idleTimer);
		idleTimer = setTimeout(idleTimeout, idleMs);
	};
	const firstToken = () => {
		if (progress.ttftMs !== undefined) return;
		progress.ttftMs = Math.round(performance.now() - startedAt);
		clearTimeout(firstTokenTimer);
	};
	try {
		const assembler = provider.adapter.createStreamAssembler();
		const endedEarly = await readSseStream(
			response.body,
			(event) => {
				const delta = assembler.push(event);
				if (delta !== '') {
					firstToken();
					progress.text += delta;
					if (settings.onDelta !== undefined) progress.delivered = true;
					settings.onDelta?.(delta);
				}
				for (const piece of assembler.takeToolCallDeltas?.() ?? []) {
					firstToken();
					if (settings.onToolCallDelta !== undefined) progress.delivered = true;
					settings.onToolCallDelta?.(piece);
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

async function readAnswer(
	response: UpstreamResponse,
	provider: ProviderDefinition,
	url: string,
): Promise<ModelAnswer> {
	return answerFromBody(await readJsonBody(response, provider, url, 'answer'), provider);
}

/** A server that ignores `stream: true` answers with plain JSON: that is the answer (or the error), not a broken stream. */
function answeredWithJson(response: UpstreamResponse): boolean {
	const type = response.headers['content-type'];
	return typeof type === 'string' && /\bjson\b/i.test(type);
}

/** One upstream call: build, send, read, translate. Throws a FusionError (or a PartialAnswerError around one). */
async function exchange(
	target: ResolvedModel,
	request: UnifiedChatRequest,
	connection: ProviderConnection,
	settings: ExchangeSettings,
): Promise<ModelCallResult> {
	const { provider } = target;
	assertUsableConnection(connection, provider.displayName);
	const call = toModelCallRequest(request, target.upstreamModel, target.catalog?.capabilities);
	const preferences = providerPreferencesFor(request, target);
	const built = provider.adapter.toChatRequest({ ...call, ...preferences.fields }, connection);
	const warnings = [...built.warnings, ...preferences.warnings];
	const startedAt = performance.now();
	const response = await sendUpstream(built.http, {
		timeouts: settings.timeouts,
		signal: settings.signal,
	});
	const progress: StreamProgress = { text: '', delivered: false };
	try {
		if (response.status >= 300)
			throw await fusionErrorFromResponse(response, provider, built.http.url);
		const streamed = request.stream === true && !answeredWithJson(response);
		const answer = streamed
			? await readStreamedAnswer(response, provider, settings, startedAt, progress)
			: await readAnswer(response, provider, built.http.url);
		if (request.stream === true && !streamed) deliverWhole(answer, settings);
		if (answer.finishReason === 'content_filter') {
			const refusal =
				answer.refusal ??
				`${provider.displayName} declined to answer (finish_reason content_filter)`;
			// Another model may well answer what this one refused; the refusal says nothing about its health.
			if (settings.failOverOnRefusal !== false)
				throw new FusionError({
					kind: 'content_filter',
					message: `${provider.displayName} refused: ${refusal}`,
				});
			return { answer: { ...answer, refusal }, warnings, ttftMs: progress.ttftMs };
		}
		if (answer.content.trim() === '' && answer.toolCalls === undefined) {
			// An empty answer is useless to the next node; another model may well answer.
			throw new FusionError({
				kind: 'invalid_response',
				message: `${provider.displayName} answered with empty content (finish_reason ${answer.finishReason})`,
			});
		}
		return { answer, warnings, ttftMs: progress.ttftMs };
	} catch (error) {
		const failure = response.signal.aborted
			? response.abortReason()
			: fusionErrorFromTransportFailure(error, describeTarget(built.http.url), settings.timeouts);
		if (progress.delivered) throw new PartialAnswerError(target.fusionId, progress.text, failure);
		throw failure;
	} finally {
		response.done();
	}
}

/**
 * One upstream call, its answer checked against the request's response_format: an answer that is not the JSON
 * asked for throws a FusionError `invalid_output`, and the next model is asked. That check comes once the answer
 * is complete: streamed to a live client, the answer has reached it already, and as for a stream that breaks,
 * no other model's answer may follow it there, so the item ends with a PartialAnswerError holding the text sent.
 */
export async function callModelOnce(
	target: ResolvedModel,
	request: UnifiedChatRequest,
	connection: ProviderConnection,
	settings: ExchangeSettings,
): Promise<ModelCallResult> {
	const result = await exchange(target, request, connection, settings);
	// A refusal kept as the answer has no JSON to check, nor has a turn that calls tools: the JSON comes after.
	if (result.answer.finishReason === 'content_filter' || result.answer.toolCalls !== undefined)
		return result;
	try {
		const parsed = parsedAnswerOf(
			result.answer,
			request.response_format,
			target.provider.displayName,
		);
		return parsed === undefined ? result : { ...result, parsed };
	} catch (error) {
		const sentToClient = request.stream === true && hasLiveClient(settings);
		if (sentToClient && error instanceof FusionError)
			throw new PartialAnswerError(target.fusionId, result.answer.content, error);
		throw error;
	}
}
