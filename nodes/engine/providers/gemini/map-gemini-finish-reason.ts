import type { FinishReason } from '../provider-adapter';

/**
 * Gemini's finishReason in OpenAI's vocabulary. Everything that is neither a length cut nor a filter (OTHER,
 * LANGUAGE, MALFORMED_FUNCTION_CALL, values Google adds later) counts as a stop. Gemini has no reason of its own for
 * a turn that calls functions (it says STOP); geminiFinishReason makes that tool_calls from the answer's parts.
 */
export function mapGeminiFinishReason(finishReason: string | null | undefined): FinishReason {
	switch (finishReason) {
		case 'MAX_TOKENS':
			return 'length';
		case 'SAFETY':
		case 'RECITATION':
		case 'BLOCKLIST':
		case 'PROHIBITED_CONTENT':
		case 'SPII':
		case 'IMAGE_SAFETY':
		case 'IMAGE_PROHIBITED_CONTENT':
		case 'IMAGE_RECITATION':
			return 'content_filter';
		default:
			return 'stop';
	}
}
