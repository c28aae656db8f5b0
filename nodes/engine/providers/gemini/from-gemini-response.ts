import { FusionError } from '../../errors/fusion-error';
import type { ToolCall } from '../../request/unified-request';
import type { FinishReason, ModelAnswer, Usage } from '../provider-adapter';
import {
	geminiResponseSchema,
	type GeminiPart,
	type GeminiResponse,
	type GeminiUsageMetadata,
} from './gemini-api-schemas';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { toolCallIdOfGeminiCall } from './gemini-tool-call-id';

/** The answer text of a candidate's parts; thought summaries are reasoning, not answer. */
export function textOfGeminiParts(parts: readonly GeminiPart[] | null | undefined): string {
	return (parts ?? [])
		.filter((part) => part.thought !== true)
		.map((part) => part.text ?? '')
		.join('');
}

/** The functionCall parts as OpenAI tool calls, each with its thought signature in its id (gemini-tool-call-id.ts). */
export function toolCallsOfGeminiParts(
	parts: readonly GeminiPart[] | null | undefined,
): ToolCall[] {
	return (parts ?? []).flatMap((part) => {
		const call = part.functionCall;
		if (call === null || call === undefined || !call.name) return [];
		return [
			{
				id: toolCallIdOfGeminiCall(call.id, part.thoughtSignature),
				type: 'function' as const,
				function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
			},
		];
	});
}

/** Gemini ends a turn that calls functions with STOP; in OpenAI's vocabulary the caller has calls to make. */
export function geminiFinishReason(
	finishReason: string | null | undefined,
	hasToolCalls: boolean,
): FinishReason {
	const mapped = mapGeminiFinishReason(finishReason);
	return hasToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}

/**
 * Thinking tokens are billed as output and OpenAI counts reasoning tokens in completion_tokens, so they are added
 * to the candidates' tokens (candidatesTokenCount leaves them out) and reported again as reasoning_tokens.
 * totalTokenCount is kept as Gemini reports it: it also holds tool-use prompt tokens.
 */
export function convertGeminiUsage(
	usage: GeminiUsageMetadata | null | undefined,
): Usage | undefined {
	if (usage === null || usage === undefined) return undefined;
	const promptTokens = usage.promptTokenCount ?? 0;
	const reasoningTokens = usage.thoughtsTokenCount ?? 0;
	const completionTokens = (usage.candidatesTokenCount ?? 0) + reasoningTokens;
	const converted: Usage = {
		prompt_tokens: promptTokens,
		completion_tokens: completionTokens,
		total_tokens: usage.totalTokenCount ?? promptTokens + completionTokens,
	};
	if (reasoningTokens > 0)
		converted.completion_tokens_details = { reasoning_tokens: reasoningTokens };
	const cachedTokens = usage.cachedContentTokenCount ?? 0;
	if (cachedTokens > 0) converted.prompt_tokens_details = { cached_tokens: cachedTokens };
	return converted;
}

/** The reason Gemini blocked the prompt, if it did; the enum's default value means "not blocked". */
export function geminiPromptBlockReason(response: GeminiResponse): string | undefined {
	const reason = response.promptFeedback?.blockReason;
	return reason && reason !== 'BLOCK_REASON_UNSPECIFIED' ? reason : undefined;
}

/** Gemini gives a reason, not a text, when it blocks a prompt or stops an answer. */
export function geminiRefusal(
	blockReason: string | undefined,
	finishReason: string | null | undefined,
): string {
	return blockReason !== undefined
		? `Gemini blocked the prompt (blockReason ${blockReason})`
		: `Gemini stopped the answer (finishReason ${finishReason ?? 'unknown'})`;
}

/**
 * Validates a non-streamed generateContent body and translates it into the unified answer.
 *
 * A blocked prompt comes back as a 200 with `promptFeedback.blockReason` and no candidate. It becomes an empty
 * answer finished by content_filter rather than an error: the call did succeed and is billed for its prompt tokens,
 * and content_filter is how OpenAI's vocabulary says "the provider's filter stopped this".
 */
export function fromGeminiResponse(body: unknown): ModelAnswer {
	const parsed = geminiResponseSchema.safeParse(body);
	if (!parsed.success) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `the Gemini response is not a generateContent answer (${describeSchemaIssues(parsed.error)})`,
		});
	}
	const response = parsed.data;
	const candidate = response.candidates?.[0];
	const common = {
		id: response.responseId ?? undefined,
		upstreamModel: response.modelVersion ?? undefined,
		usage: convertGeminiUsage(response.usageMetadata),
	};
	const blocked = geminiPromptBlockReason(response);
	if (candidate !== undefined) {
		const toolCalls = toolCallsOfGeminiParts(candidate.content?.parts);
		const finishReason = geminiFinishReason(candidate.finishReason, toolCalls.length > 0);
		const answer: ModelAnswer = {
			...common,
			content: textOfGeminiParts(candidate.content?.parts),
			...(toolCalls.length === 0 ? {} : { toolCalls }),
			finishReason,
		};
		if (finishReason === 'content_filter')
			answer.refusal = geminiRefusal(blocked, candidate.finishReason);
		return answer;
	}
	if (blocked !== undefined) {
		return {
			...common,
			content: '',
			finishReason: 'content_filter',
			refusal: geminiRefusal(blocked, undefined),
		};
	}
	throw new FusionError({
		kind: 'invalid_response',
		message: 'the Gemini response has no candidate and no block reason',
	});
}
