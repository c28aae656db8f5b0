import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { FusionError } from '../../errors/fusion-error';
import { parseEventJson } from '../parse-json';
import type { ModelAnswer, ServerSentEvent, StreamAssembler } from '../provider-adapter';
import { openAiChatChunkSchema, type OpenAiUsage } from './openai-api-schemas';
import { fusionErrorFromInBandError } from './openai-compatible-error';
import {
	convertOpenAiUsage,
	openAiContentText,
	reportedCostUsd,
	withRefusal,
} from './from-openai-compatible-response';
import { mapOpenAiFinishReason } from './map-openai-finish-reason';
import { collectToolCallPieces } from './openai-tool-call-pieces';
import { withToolCalls } from './openai-tool-calls';

/** OpenAI-style streams end with this sentinel instead of JSON. */
const DONE = '[DONE]';

/**
 * Assembles one streamed chat/completions answer from its chunks: content deltas appended (reasoning is not
 * answer text), tool-call pieces joined by index, the last finish_reason kept, usage taken from whichever chunk carries it (a separate
 * include_usage chunk with no choices, or the last content chunk as Mistral, DeepSeek and Groq send it).
 */
export function createOpenAiCompatibleStreamAssembler(): StreamAssembler {
	let id: string | undefined;
	let created: number | undefined;
	let upstreamModel: string | undefined;
	let usage: OpenAiUsage | undefined;
	let finishReason: string | undefined;
	let content = '';
	let refusal = '';
	let ended = false;
	const toolCalls = collectToolCallPieces();

	return {
		push(event: ServerSentEvent): string {
			const data = event.data.trim();
			if (data === DONE) {
				ended = true;
				return '';
			}
			// Blank data is a keep-alive, not a chunk.
			if (data === '') return '';
			const parsed = openAiChatChunkSchema.safeParse(parseEventJson(data, 'the stream'));
			if (!parsed.success) {
				throw new FusionError({
					kind: 'invalid_response',
					message: `the stream sent a malformed chunk (${describeSchemaIssues(parsed.error)})`,
				});
			}
			const chunk = parsed.data;
			if (chunk.error !== undefined) throw fusionErrorFromInBandError(chunk.error);
			id ??= chunk.id ?? undefined;
			created ??= chunk.created ?? undefined;
			upstreamModel ??= chunk.model ?? undefined;
			if (chunk.usage !== null && chunk.usage !== undefined) usage = chunk.usage;
			const choice = chunk.choices?.[0];
			if (choice === undefined) return '';
			if (choice.finish_reason !== null && choice.finish_reason !== undefined)
				finishReason = choice.finish_reason;
			// Refusal text is no answer, and is not handed to a live client as one.
			refusal += choice.delta?.refusal ?? '';
			toolCalls.add(choice.delta?.tool_calls ?? []);
			const text = openAiContentText(choice.delta?.content);
			content += text;
			return text;
		},

		takeToolCallDeltas: () => toolCalls.take(),

		hasEnded: () => ended,

		finish(): ModelAnswer {
			if (finishReason === undefined) {
				throw new FusionError({
					kind: 'network',
					message: 'the stream ended before a finish reason; the answer is incomplete',
				});
			}
			const answer = withRefusal(
				withToolCalls(
					{ content, finishReason: mapOpenAiFinishReason(finishReason) },
					toolCalls.calls(),
				),
				refusal,
			);
			if (id !== undefined) answer.id = id;
			if (created !== undefined) answer.created = created;
			if (upstreamModel !== undefined) answer.upstreamModel = upstreamModel;
			if (usage !== undefined) answer.usage = convertOpenAiUsage(usage);
			const cost = reportedCostUsd(usage);
			if (cost !== undefined) answer.reportedCostUsd = cost;
			return answer;
		},
	};
}
