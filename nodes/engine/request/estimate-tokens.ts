import type { UnifiedChatRequest } from './unified-request';

/** Answer length assumed when the request sets no max_tokens: a typical short answer. */
export const DEFAULT_EXPECTED_COMPLETION_TOKENS = 500;

/** About four characters per token for English text, plus a few tokens of framing per message. */
export function estimatePromptTokens(request: Pick<UnifiedChatRequest, 'messages'>): number {
	return request.messages.reduce(
		(tokens, message) => tokens + Math.ceil(message.content.length / 4) + 4,
		0,
	);
}
