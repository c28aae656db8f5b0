import type { Usage } from '../provider-adapter';

export interface AnthropicUsageCounts {
	input_tokens: number;
	output_tokens: number;
	cache_creation_input_tokens?: number | null;
	cache_read_input_tokens?: number | null;
	output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/**
 * Anthropic counts cached prompt tokens apart from input_tokens; OpenAI's prompt_tokens includes them, and
 * so must ours, or cost and comparisons across providers would undercount cached prompts. Thinking tokens are
 * already inside output_tokens, as OpenAI's reasoning tokens are inside completion_tokens.
 */
export function convertAnthropicUsage(usage: AnthropicUsageCounts): Usage {
	const promptTokens =
		usage.input_tokens +
		(usage.cache_creation_input_tokens ?? 0) +
		(usage.cache_read_input_tokens ?? 0);
	const converted: Usage = {
		prompt_tokens: promptTokens,
		completion_tokens: usage.output_tokens,
		total_tokens: promptTokens + usage.output_tokens,
	};
	const cached = usage.cache_read_input_tokens;
	if (cached !== null && cached !== undefined && cached > 0) {
		converted.prompt_tokens_details = { cached_tokens: cached };
	}
	const thinking = usage.output_tokens_details?.thinking_tokens;
	if (thinking !== null && thinking !== undefined) {
		converted.completion_tokens_details = { reasoning_tokens: thinking };
	}
	return converted;
}
