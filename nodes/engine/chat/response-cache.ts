import { createHash } from 'node:crypto';
import { deliverWhole, type AnswerSink } from '../call/deliver-answer';
import { maxOutputTokens, type UnifiedChatRequest } from '../request/unified-request';
import type { FusionState } from '../state/fusion-state';
import { writeInBackground } from '../state/write-in-background';
import type { ChatCompletionOutput } from './chat-output';

export interface CacheSettings {
	ttlMs: number;
	/** Keys are scoped by the caller (a workflow's node), so one workflow's answers never serve another's. */
	scope: string;
}

/**
 * What makes two requests the same: model spec, messages whole (every part, so a one-byte change to an image is
 * another request), parameters and the tools offered, and the credentials they go out with (credentialKeyOf, never a key).
 * `stream` is left out (a streamed and a plain call give the same answer), `stop` is always a list and the
 * token limit counts under either name. A digest, so that no prompt text, image or file is kept in a key.
 */
export function cacheKeyOf(
	scope: string,
	request: UnifiedChatRequest,
	credentials: readonly string[],
): string {
	const identity = JSON.stringify([
		scope,
		credentials,
		request.model,
		request.messages,
		maxOutputTokens(request) ?? null,
		request.temperature ?? null,
		request.top_p ?? null,
		request.frequency_penalty ?? null,
		request.presence_penalty ?? null,
		typeof request.stop === 'string' ? [request.stop] : (request.stop ?? null),
		request.response_format ?? null,
		request.reasoning_effort ?? null,
		request.seed ?? null,
		request.user ?? null,
		request.provider ?? null,
		request.tools ?? null,
		request.tool_choice ?? null,
		request.parallel_tool_calls ?? null,
	]);
	return `answer:${createHash('sha256').update(identity).digest('base64url')}`;
}

/**
 * The cached answer to an identical request, with no attempt, no cost and `cached: true`; else `answer()`'s,
 * kept for `ttlMs`.
 */
export async function answerThroughCache(
	state: FusionState,
	cache: CacheSettings,
	key: string,
	sink: AnswerSink,
	answer: () => Promise<ChatCompletionOutput>,
): Promise<ChatCompletionOutput> {
	// Only answers are stored under these keys.
	const cached = (await state.getCached(key)) as ChatCompletionOutput | undefined;
	if (cached !== undefined) {
		const { content, tool_calls } = cached.choices[0].message;
		deliverWhole({ content: content ?? '', toolCalls: tool_calls }, sink);
		return {
			...cached,
			fusion: { ...cached.fusion, attempts: [], latency_ms: 0, cost_usd: 0, cached: true },
		};
	}
	const output = await answer();
	writeInBackground(state.setCached(key, output, cache.ttlMs));
	return output;
}
