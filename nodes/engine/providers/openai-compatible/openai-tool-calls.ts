import { randomUUID } from 'node:crypto';
import type { ToolCall } from '../../request/unified-request';
import type { ModelAnswer } from '../provider-adapter';
import type { OpenAiToolCall } from './openai-api-schemas';

/** An id for a call the provider sent without one, in OpenAI's style, made once per call. */
export function generatedToolCallId(): string {
	return `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** Arguments as JSON text, whatever the server sent: text as is, an object written out, nothing as `{}`. */
function argumentsText(value: OpenAiToolCall['function']['arguments']): string {
	if (typeof value === 'string') return value === '' ? '{}' : value;
	return JSON.stringify(value ?? {});
}

export function toolCallsFromOpenAi(calls: readonly OpenAiToolCall[]): ToolCall[] {
	return calls.map((call) => ({
		id: call.id ?? generatedToolCallId(),
		type: 'function',
		function: { name: call.function.name, arguments: argumentsText(call.function.arguments) },
	}));
}

/**
 * The answer with its tool calls. OpenAI says `stop` when tool_choice named the function it called; such an
 * answer still waits for the tool's result, which is what `tool_calls` tells a workflow that routes on it.
 */
export function withToolCalls(answer: ModelAnswer, toolCalls: readonly ToolCall[]): ModelAnswer {
	if (toolCalls.length === 0) return answer;
	const finishReason = answer.finishReason === 'stop' ? 'tool_calls' : answer.finishReason;
	return { ...answer, toolCalls: [...toolCalls], finishReason };
}
