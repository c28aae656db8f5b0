import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { FusionError } from '../../errors/fusion-error';
import type { ToolCall } from '../../request/unified-request';
import type { FinishReason, ModelAnswer } from '../provider-adapter';
import {
	anthropicMessagesResponseSchema,
	isAnthropicTextBlock,
	isAnthropicToolUseBlock,
	type AnthropicContentBlock,
} from './anthropic-api-schemas';
import { convertAnthropicUsage } from './convert-anthropic-usage';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { ANTHROPIC_JSON_TOOL_NAME } from './to-anthropic-output';

/**
 * The answer text: the forced JSON tool's input where the request asked for JSON that way, else the text
 * blocks. Thinking and redacted_thinking blocks never count.
 */
function answerText(blocks: AnthropicContentBlock[]): { text: string; viaJsonTool: boolean } {
	const jsonTool = blocks
		.filter(isAnthropicToolUseBlock)
		.find((block) => block.name === ANTHROPIC_JSON_TOOL_NAME);
	if (jsonTool !== undefined) return { text: JSON.stringify(jsonTool.input), viaJsonTool: true };
	const text = blocks
		.filter(isAnthropicTextBlock)
		.map((block) => block.text)
		.join('');
	return { text, viaJsonTool: false };
}

/** One tool_use block as an OpenAI tool call: Anthropic's id kept, the input object as JSON text. */
export function toolCallOfAnthropicBlock(id: string, name: string, inputJson: string): ToolCall {
	return { id, type: 'function', function: { name, arguments: inputJson } };
}

/** The calls the model asks the caller to make: every tool_use block but the forced JSON tool's. */
function toolCallsOf(blocks: AnthropicContentBlock[]): ToolCall[] {
	return blocks
		.filter(isAnthropicToolUseBlock)
		.filter((block) => block.name !== ANTHROPIC_JSON_TOOL_NAME)
		.map((block) =>
			toolCallOfAnthropicBlock(block.id, block.name, JSON.stringify(block.input ?? {})),
		);
}

/**
 * The answer's finish reason. A forced JSON tool stops with tool_use, which for the caller is a finished
 * answer, not a call for it to make; a refusal keeps what Anthropic said, or the words it got out.
 */
export function anthropicAnswerEnding(
	stopReason: string | null | undefined,
	viaJsonTool: boolean,
	content: string,
	explanation: string | null | undefined,
): { finishReason: FinishReason; refusal?: string } {
	const finishReason = mapAnthropicStopReason(stopReason);
	if (viaJsonTool && finishReason === 'tool_calls') return { finishReason: 'stop' };
	if (finishReason !== 'content_filter') return { finishReason };
	const refusal = explanation ?? (content === '' ? undefined : content);
	return refusal === undefined ? { finishReason } : { finishReason, refusal };
}

/** Validates a non-streamed Messages API body and translates it into the unified answer. */
export function fromAnthropicResponse(body: unknown): ModelAnswer {
	const parsed = anthropicMessagesResponseSchema.safeParse(body);
	if (!parsed.success) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `the Anthropic response is not a Messages API answer (${describeSchemaIssues(parsed.error)})`,
		});
	}
	const response = parsed.data;
	const { text, viaJsonTool } = answerText(response.content);
	const toolCalls = toolCallsOf(response.content);
	return {
		...(toolCalls.length === 0 ? {} : { toolCalls }),
		id: response.id,
		upstreamModel: response.model,
		content: text,
		...anthropicAnswerEnding(
			response.stop_reason,
			viaJsonTool,
			text,
			response.stop_details?.explanation,
		),
		usage: convertAnthropicUsage(response.usage),
	};
}
