import type { ModelPricing } from '../providers/listed-model';
import type { ModelAnswer } from '../providers/provider-adapter';

/**
 * USD for one answer: the provider's own figure when it reports one, else usage × list price; null when unknown.
 * Reasoning tokens are priced as output, as every provider bills them: adapters count them in completion_tokens.
 */
export function costOfAnswer(
	answer: ModelAnswer,
	pricing: ModelPricing | undefined,
): number | null {
	if (answer.reportedCostUsd !== undefined) return answer.reportedCostUsd;
	if (answer.usage === undefined || pricing === undefined) return null;
	const cost =
		(answer.usage.prompt_tokens / 1000) * pricing.prompt_tokens +
		(answer.usage.completion_tokens / 1000) * pricing.completion_tokens;
	// Float noise (0.30000000000000004) helps nobody reading a cost column.
	return Math.round(cost * 1e10) / 1e10;
}
