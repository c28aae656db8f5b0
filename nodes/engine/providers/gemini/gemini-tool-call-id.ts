import { randomUUID } from 'node:crypto';

/**
 * The id an OpenAI-shaped tool call carries for a Gemini function call. Gemini often gives a call no id of its own,
 * and Gemini 3 requires each call's thought signature back with the call on the next request; the chat/completions
 * format has no field for it, and a caller (an n8n agent) keeps nothing of a call but its id, name and arguments.
 * So the signature travels inside the id, base64url-encoded so the id stays letters, digits, `_` and `-` (what
 * Anthropic requires of a tool_use id, should a fallback hand the conversation to Claude).
 */
const SIGNATURE_MARK = '__thought__';

export interface GeminiCallReference {
	/** The functionCall / functionResponse id Gemini sees. */
	callId: string;
	thoughtSignature?: string;
}

/** The tool call id for a call Gemini made; a fresh `call_…` id where Gemini gave none. */
export function toolCallIdOfGeminiCall(
	callId: string | null | undefined,
	thoughtSignature: string | null | undefined,
): string {
	const id = callId ?? `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
	if (thoughtSignature === null || thoughtSignature === undefined || thoughtSignature === '')
		return id;
	return `${id}${SIGNATURE_MARK}${Buffer.from(thoughtSignature, 'utf8').toString('base64url')}`;
}

/** What a tool call id says to Gemini: its call id, and the thought signature it carried, if any. */
export function geminiCallOfToolCallId(toolCallId: string): GeminiCallReference {
	const at = toolCallId.indexOf(SIGNATURE_MARK);
	if (at < 0) return { callId: toolCallId };
	const encoded = toolCallId.slice(at + SIGNATURE_MARK.length);
	return {
		callId: toolCallId.slice(0, at),
		thoughtSignature: Buffer.from(encoded, 'base64url').toString('utf8'),
	};
}
