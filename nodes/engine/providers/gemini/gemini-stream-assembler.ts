import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { FusionError } from '../../errors/fusion-error';
import { parseEventJson } from '../parse-json';
import type {
	FinishReason,
	ModelAnswer,
	ServerSentEvent,
	StreamAssembler,
} from '../provider-adapter';
import {
	geminiErrorBodySchema,
	geminiResponseSchema,
	type GeminiResponse,
	type GeminiUsageMetadata,
} from './gemini-api-schemas';
import { fusionErrorFromGeminiStreamError } from './gemini-error';
import type { ToolCall } from '../../request/unified-request';
import {
	convertGeminiUsage,
	geminiFinishReason,
	geminiPromptBlockReason,
	geminiRefusal,
	textOfGeminiParts,
	toolCallsOfGeminiParts,
} from './from-gemini-response';

function invalidChunk(message: string): FusionError {
	return new FusionError({ kind: 'invalid_response', message });
}

/** One `data:` payload: a whole GenerateContentResponse, or an error body when the call failed mid-answer. */
function parseChunk(data: string): GeminiResponse {
	const json = parseEventJson(data, 'the Gemini stream');
	if (json !== null && typeof json === 'object' && 'error' in json) {
		const errorBody = geminiErrorBodySchema.safeParse(json);
		if (!errorBody.success) {
			throw invalidChunk(
				`the Gemini stream sent an unreadable error (${describeSchemaIssues(errorBody.error)})`,
			);
		}
		throw fusionErrorFromGeminiStreamError(errorBody.data);
	}
	const chunk = geminiResponseSchema.safeParse(json);
	if (!chunk.success) {
		throw invalidChunk(
			`the Gemini stream sent a chunk that is not a generateContent answer (${describeSchemaIssues(chunk.error)})`,
		);
	}
	return chunk.data;
}

/**
 * Assembles `streamGenerateContent?alt=sse`. Each chunk carries new text only, and function calls whole, but its
 * usageMetadata is the running total so far, so the latest one wins rather than being summed.
 */
export function createGeminiStreamAssembler(): StreamAssembler {
	let content = '';
	let finishReason: FinishReason | undefined;
	let blockReason: string | undefined;
	let rawFinishReason: string | undefined;
	let usage: GeminiUsageMetadata | undefined;
	let id: string | undefined;
	let upstreamModel: string | undefined;
	const toolCalls: ToolCall[] = [];

	return {
		push(event: ServerSentEvent): string {
			const chunk = parseChunk(event.data);
			if (chunk.usageMetadata) usage = chunk.usageMetadata;
			if (chunk.responseId) id = chunk.responseId;
			if (chunk.modelVersion) upstreamModel = chunk.modelVersion;
			// A blocked prompt's only chunk carries a block reason and no candidate: that is the end of the answer.
			blockReason ??= geminiPromptBlockReason(chunk);
			if (blockReason !== undefined) finishReason = 'content_filter';
			const candidate = chunk.candidates?.[0];
			toolCalls.push(...toolCallsOfGeminiParts(candidate?.content?.parts));
			if (candidate?.finishReason) {
				rawFinishReason = candidate.finishReason;
				finishReason = geminiFinishReason(candidate.finishReason, toolCalls.length > 0);
			}
			const text = textOfGeminiParts(candidate?.content?.parts);
			content += text;
			return text;
		},
		// The chunk with the finish reason is Gemini's last; it also carries the final usage.
		hasEnded: () => finishReason !== undefined,

		finish(): ModelAnswer {
			if (finishReason === undefined) {
				throw new FusionError({
					kind: 'network',
					message: 'the Gemini stream ended before a finish reason; the answer is incomplete',
				});
			}
			const answer: ModelAnswer = {
				id,
				upstreamModel,
				content,
				...(toolCalls.length === 0 ? {} : { toolCalls }),
				finishReason,
				usage: convertGeminiUsage(usage),
			};
			if (finishReason === 'content_filter')
				answer.refusal = geminiRefusal(blockReason, rawFinishReason);
			return answer;
		},
	};
}
