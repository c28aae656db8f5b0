import type { UnifiedChatRequest } from '../request/unified-request';
import type { Candidate } from './candidate';

/** Answer length assumed when the request sets no max_tokens: a typical short answer. */
export const DEFAULT_EXPECTED_COMPLETION_TOKENS = 500;

/** About four characters per token for English text, plus a few tokens of framing per message. */
export function estimatePromptTokens(request: Pick<UnifiedChatRequest, 'messages'>): number {
	return request.messages.reduce((tokens, message) => tokens + Math.ceil(message.content.length / 4) + 4, 0);
}

/**
 * What this request is expected to cost on a candidate, in USD: prompt price × estimated prompt tokens +
 * completion price × expected completion tokens (max_tokens when set). Undefined for an unknown price.
 */
export function expectedCostUsd(candidate: Candidate, request: UnifiedChatRequest): number | undefined {
	if (candidate.pricing === undefined) return undefined;
	const completionTokens = Math.min(request.max_tokens ?? DEFAULT_EXPECTED_COMPLETION_TOKENS, DEFAULT_EXPECTED_COMPLETION_TOKENS * 8);
	return (
		(estimatePromptTokens(request) / 1000) * candidate.pricing.prompt_tokens +
		(completionTokens / 1000) * candidate.pricing.completion_tokens
	);
}
