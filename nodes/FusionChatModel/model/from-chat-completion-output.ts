import type {
	FinishReason,
	GenerateResult,
	MessageContent,
	StreamChunk,
	TokenUsage,
} from '@n8n/ai-node-sdk';
import type { ChatCompletionOutput } from '../../engine';

type UnifiedFinishReason = ChatCompletionOutput['choices'][0]['finish_reason'];

const FINISH_REASONS: Record<UnifiedFinishReason, FinishReason> = {
	stop: 'stop',
	length: 'length',
	content_filter: 'content-filter',
	tool_calls: 'tool-calls',
};

export function mapFinishReason(reason: UnifiedFinishReason): FinishReason {
	return FINISH_REASONS[reason];
}

export function fromUnifiedUsage(usage: ChatCompletionOutput['usage']): TokenUsage {
	return {
		promptTokens: usage.prompt_tokens,
		completionTokens: usage.completion_tokens,
		totalTokens: usage.total_tokens,
		...(usage.prompt_tokens_details && {
			inputTokenDetails: { cacheRead: usage.prompt_tokens_details.cached_tokens },
		}),
		...(usage.completion_tokens_details && {
			outputTokenDetails: { reasoning: usage.completion_tokens_details.reasoning_tokens },
		}),
	};
}

/** A refusal kept as the answer (Fail Over on Refusal off) reaches the agent as the answer's text. */
function answerTextOf(output: ChatCompletionOutput): string {
	const { content, refusal } = output.choices[0].message;
	return content ?? refusal ?? '';
}

/**
 * Fusion's answer as the SDK's result. `fusion` (the model that answered, the attempts, the cost) rides in the
 * provider metadata, which the SDK puts on the agent's message (`response_metadata`).
 */
export function fromChatCompletionOutput(output: ChatCompletionOutput): GenerateResult {
	const text = answerTextOf(output);
	const content: MessageContent[] = [
		...(text === '' ? [] : [{ type: 'text' as const, text }]),
		...(output.choices[0].message.tool_calls ?? []).map(
			(call): MessageContent => ({
				type: 'tool-call',
				toolCallId: call.id,
				toolName: call.function.name,
				input: call.function.arguments,
			}),
		),
	];
	return {
		id: output.id,
		finishReason: mapFinishReason(output.choices[0].finish_reason),
		usage: fromUnifiedUsage(output.usage),
		message: { role: 'assistant', id: output.id, content },
		providerMetadata: { fusion: output.fusion },
	};
}

/** The end of a stream: the tool calls no piece of which was streamed, whole, then the finish with usage. */
export function closingChunksOf(
	output: ChatCompletionOutput,
	streamedCallIds: ReadonlySet<string>,
): StreamChunk[] {
	const unsent = (output.choices[0].message.tool_calls ?? []).filter(
		(call) => !streamedCallIds.has(call.id),
	);
	return [
		...unsent.map(
			(call): StreamChunk => ({
				type: 'tool-call-delta',
				id: call.id,
				name: call.function.name,
				argumentsDelta: call.function.arguments,
			}),
		),
		{
			type: 'finish',
			finishReason: mapFinishReason(output.choices[0].finish_reason),
			usage: fromUnifiedUsage(output.usage),
		},
	];
}
