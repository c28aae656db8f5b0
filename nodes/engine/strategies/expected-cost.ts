import {
	DEFAULT_EXPECTED_COMPLETION_TOKENS,
	estimatePromptTokens,
} from '../request/estimate-tokens';
import { maxOutputTokens, type UnifiedChatRequest } from '../request/unified-request';
import type { Candidate } from './candidate';

/**
 * What this request is expected to cost on a candidate, in USD: prompt price × estimated prompt tokens +
 * completion price × expected completion tokens (max_tokens when set). Undefined for an unknown price.
 */
export function expectedCostUsd(
	candidate: Candidate,
	request: UnifiedChatRequest,
): number | undefined {
	if (candidate.pricing === undefined) return undefined;
	const completionTokens = Math.min(
		maxOutputTokens(request) ?? DEFAULT_EXPECTED_COMPLETION_TOKENS,
		DEFAULT_EXPECTED_COMPLETION_TOKENS * 8,
	);
	return (
		(estimatePromptTokens(request) / 1000) * candidate.pricing.prompt_tokens +
		(completionTokens / 1000) * candidate.pricing.completion_tokens
	);
}
