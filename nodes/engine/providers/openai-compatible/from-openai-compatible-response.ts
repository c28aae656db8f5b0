import { FusionError } from '../../errors/fusion-error';
import type { ModelAnswer, Usage } from '../provider-adapter';
import {
	openAiChatResponseSchema,
	openAiErrorFieldSchema,
	type OpenAiContent,
	type OpenAiUsage,
} from './openai-api-schemas';
import { fusionErrorFromInBandError } from './openai-compatible-error';
import { mapOpenAiFinishReason } from './map-openai-finish-reason';
import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { toolCallsFromOpenAi, withToolCalls } from './openai-tool-calls';

/** The answer text of a message or delta: the string, or the `text` parts (Mistral's thinking parts are not answer). */
export function openAiContentText(content: OpenAiContent): string {
	if (content === null || content === undefined) return '';
	if (typeof content === 'string') return content;
	return content
		.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
		.join('');
}

/** The token counts, with the reasoning and cached parts where the provider reports them. */
export function convertOpenAiUsage(usage: OpenAiUsage): Usage {
	const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
	const total = usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens;
	// OpenAI's completion_tokens include the reasoning; xAI's do not, which its total shows.
	const reasoningOutside =
		typeof reasoningTokens === 'number' &&
		reasoningTokens > 0 &&
		usage.prompt_tokens + usage.completion_tokens + reasoningTokens === total;
	const converted: Usage = {
		prompt_tokens: usage.prompt_tokens,
		completion_tokens: usage.completion_tokens + (reasoningOutside ? reasoningTokens : 0),
		total_tokens: total,
	};
	if (typeof reasoningTokens === 'number') {
		converted.completion_tokens_details = { reasoning_tokens: reasoningTokens };
	}
	const cachedTokens = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens;
	if (typeof cachedTokens === 'number') {
		converted.prompt_tokens_details = { cached_tokens: cachedTokens };
	}
	return converted;
}

/** OpenRouter's `usage.cost`, in USD; other providers send none (xAI's `cost_in_usd_ticks` is not in USD). */
export function reportedCostUsd(usage: OpenAiUsage | null | undefined): number | undefined {
	const cost = usage?.cost;
	return typeof cost === 'number' && Number.isFinite(cost) ? cost : undefined;
}

/** A refusal is a content_filter outcome, whatever finish_reason came with it ("stop", usually). */
export function withRefusal(answer: ModelAnswer, refusal: string | null | undefined): ModelAnswer {
	return refusal ? { ...answer, finishReason: 'content_filter', refusal } : answer;
}

/** Validates and translates a non-streamed chat.completion body. */
export function fromOpenAiCompatibleResponse(body: unknown): ModelAnswer {
	// OpenRouter answers some failures met after routing with a 200 whose body holds only an error.
	if (typeof body === 'object' && body !== null && !('choices' in body) && 'error' in body) {
		const error = openAiErrorFieldSchema.safeParse(body.error);
		if (error.success) throw fusionErrorFromInBandError(error.data);
	}
	const parsed = openAiChatResponseSchema.safeParse(body);
	if (!parsed.success) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `the response is not a chat completion (${describeSchemaIssues(parsed.error)})`,
		});
	}
	const { id, created, model, choices, usage } = parsed.data;
	const [choice] = choices;
	const answer = withRefusal(
		withToolCalls(
			{
				content: openAiContentText(choice.message.content),
				finishReason: mapOpenAiFinishReason(choice.finish_reason),
			},
			toolCallsFromOpenAi(choice.message.tool_calls ?? []),
		),
		choice.message.refusal,
	);
	if (id !== null && id !== undefined) answer.id = id;
	if (created !== null && created !== undefined) answer.created = created;
	if (model !== null && model !== undefined) answer.upstreamModel = model;
	if (usage !== null && usage !== undefined) answer.usage = convertOpenAiUsage(usage);
	const cost = reportedCostUsd(usage);
	if (cost !== undefined) answer.reportedCostUsd = cost;
	return answer;
}
