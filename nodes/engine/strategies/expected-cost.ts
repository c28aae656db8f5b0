import {
	DEFAULT_EXPECTED_COMPLETION_TOKENS,
	estimatePromptTokens,
} from '../request/estimate-tokens';
import { maxOutputTokens, type UnifiedChatRequest } from '../request/unified-request';
import type { Candidate } from './candidate';

/**
 * What this request is expected to cost on a candidate, in USD: prompt price × estimated prompt tokens +
 * completion price × expected completion tokens (max_tokens when set). Undefined for an unknown price. The
 * request's tokens are estimated once, here, and the returned function prices them for each candidate.
 */
export function expectedCostUsdOf(
	request: UnifiedChatRequest,
): (candidate: Candidate) => number | undefined {
	const promptTokens = estimatePromptTokens(request);
	const completionTokens = Math.min(
		maxOutputTokens(request) ?? DEFAULT_EXPECTED_COMPLETION_TOKENS,
		DEFAULT_EXPECTED_COMPLETION_TOKENS * 8,
	);
	return (candidate) =>
		candidate.pricing === undefined
			? undefined
			: (promptTokens / 1000) * candidate.pricing.prompt_tokens +
				(completionTokens / 1000) * candidate.pricing.completion_tokens;
}
