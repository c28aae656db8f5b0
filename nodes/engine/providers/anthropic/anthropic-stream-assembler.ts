import { z } from 'zod';
import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { FusionError } from '../../errors/fusion-error';
import { parseEventJson } from '../parse-json';
import type { ServerSentEvent, StreamAssembler } from '../provider-adapter';
import {
	anthropicStreamEventSchema,
	isAnthropicInputJsonDelta,
	isAnthropicTextBlock,
	isAnthropicTextDelta,
	isAnthropicToolUseBlock,
	isKnownAnthropicStreamEventType,
} from './anthropic-api-schemas';
import { fusionErrorFromAnthropicStreamError } from './anthropic-error';
import { convertAnthropicUsage, type AnthropicUsageCounts } from './convert-anthropic-usage';
import { anthropicAnswerEnding, toolCallOfAnthropicBlock } from './from-anthropic-response';
import { ANTHROPIC_JSON_TOOL_NAME } from './to-anthropic-output';

const eventEnvelopeSchema = z.object({ type: z.string() });

function invalidStream(message: string): FusionError {
	return new FusionError({ kind: 'invalid_response', message });
}

/** A tool_use block being streamed: its input arrives as pieces of JSON text. */
interface StreamedToolUse {
	id: string;
	name: string;
	/** The input the block opened with, which counts when no input_json_delta follows. */
	initialInput: unknown;
	inputJson: string;
}

/** Assembles one streamed Messages API answer from its events; tool_use blocks are assembled per block index. */
export function createAnthropicStreamAssembler(): StreamAssembler {
	let id: string | undefined;
	let upstreamModel: string | undefined;
	let usage: AnthropicUsageCounts | undefined;
	let stopReason: string | null | undefined;
	let refusalExplanation: string | null | undefined;
	let content = '';
	/** The index of the forced JSON tool's block, whose input_json_delta pieces are the answer. */
	let jsonToolIndex: number | undefined;
	const toolUses = new Map<number, StreamedToolUse>();
	let stopped = false;

	function addText(text: string): string {
		content += text;
		return text;
	}

	return {
		push(event: ServerSentEvent): string {
			// The `type` inside the JSON decides, since the SSE `event:` line may be missing.
			const json = parseEventJson(event.data, 'the Anthropic stream');
			// One schema pass per event; only an event it refuses is looked at again, to tell why.
			const parsed = anthropicStreamEventSchema.safeParse(json);
			if (!parsed.success) {
				const envelope = eventEnvelopeSchema.safeParse(json);
				if (!envelope.success)
					throw invalidStream('the Anthropic stream sent an event without a "type"');
				// Anthropic may add event types; skipping them keeps older releases working.
				if (!isKnownAnthropicStreamEventType(envelope.data.type)) return '';
				throw invalidStream(
					`the Anthropic stream sent a malformed ${envelope.data.type} event (${describeSchemaIssues(parsed.error)})`,
				);
			}
			const data = parsed.data;
			switch (data.type) {
				case 'message_start':
					id = data.message.id;
					upstreamModel = data.message.model;
					usage = { ...data.message.usage };
					return addText(
						data.message.content
							.filter(isAnthropicTextBlock)
							.map((block) => block.text)
							.join(''),
					);
				case 'content_block_start': {
					const block = data.content_block;
					if (isAnthropicToolUseBlock(block) && block.name === ANTHROPIC_JSON_TOOL_NAME) {
						// The JSON answer replaces any words the model said before calling the tool.
						jsonToolIndex = data.index;
						content = '';
					} else if (isAnthropicToolUseBlock(block)) {
						const { id, name, input } = block;
						toolUses.set(data.index, { id, name, initialInput: input, inputJson: '' });
					}
					return isAnthropicTextBlock(block) && jsonToolIndex === undefined
						? addText(block.text)
						: '';
				}
				case 'content_block_delta': {
					const toolUse = toolUses.get(data.index);
					if (toolUse !== undefined) {
						if (isAnthropicInputJsonDelta(data.delta)) toolUse.inputJson += data.delta.partial_json;
						return '';
					}
					if (jsonToolIndex !== undefined) {
						return data.index === jsonToolIndex && isAnthropicInputJsonDelta(data.delta)
							? addText(data.delta.partial_json)
							: '';
					}
					return isAnthropicTextDelta(data.delta) ? addText(data.delta.text) : '';
				}
				case 'message_delta': {
					if (data.delta.stop_reason !== undefined) stopReason = data.delta.stop_reason;
					refusalExplanation = data.delta.stop_details?.explanation ?? refusalExplanation;
					// The counts are cumulative: each message_delta replaces what came before.
					const {
						output_tokens,
						input_tokens,
						cache_creation_input_tokens,
						cache_read_input_tokens,
						output_tokens_details,
					} = data.usage;
					const previous = usage ?? { input_tokens: 0, output_tokens: 0 };
					usage = {
						input_tokens: input_tokens ?? previous.input_tokens,
						output_tokens,
						cache_creation_input_tokens:
							cache_creation_input_tokens ?? previous.cache_creation_input_tokens,
						cache_read_input_tokens: cache_read_input_tokens ?? previous.cache_read_input_tokens,
						output_tokens_details: output_tokens_details ?? previous.output_tokens_details,
					};
					return '';
				}
				case 'message_stop':
					stopped = true;
					return '';
				case 'error':
					throw fusionErrorFromAnthropicStreamError(data);
				case 'content_block_stop':
				case 'ping':
					return '';
			}
		},

		hasEnded: () => stopped,

		finish() {
			if (!stopped) {
				throw new FusionError({
					kind: 'network',
					message: 'the Anthropic stream ended before message_stop; the answer is incomplete',
				});
			}
			const toolCalls = [...toolUses.entries()]
				.sort(([a], [b]) => a - b)
				.map(([, use]) =>
					toolCallOfAnthropicBlock(
						use.id,
						use.name,
						use.inputJson === '' ? JSON.stringify(use.initialInput ?? {}) : use.inputJson,
					),
				);
			return {
				...(toolCalls.length === 0 ? {} : { toolCalls }),
				id,
				upstreamModel,
				content,
				...anthropicAnswerEnding(
					stopReason,
					jsonToolIndex !== undefined,
					content,
					refusalExplanation,
				),
				usage: usage === undefined ? undefined : convertAnthropicUsage(usage),
			};
		},
	};
}
