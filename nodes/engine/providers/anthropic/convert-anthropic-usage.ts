import type { Usage } from '../provider-adapter';

export interface AnthropicUsageCounts {
	input_tokens: number;
	output_tokens: number;
	cache_creation_input_tokens?: number | null;
	cache_read_input_tokens?: number | null;
}

/**
 * Anthropic counts cached prompt tokens apart from input_tokens; OpenAI's prompt_tokens includes them, and
 * so must ours, or cost and comparisons across providers would undercount cached prompts.
 */
export function convertAnthropicUsage(usage: AnthropicUsageCounts): Usage {
	const promptTokens =
		usage.input_tokens +
		(usage.cache_creation_input_tokens ?? 0) +
		(usage.cache_read_input_tokens ?? 0);
	return {
		prompt_tokens: promptTokens,
		completion_tokens: usage.output_tokens,
		total_tokens: promptTokens + usage.output_tokens,
	};
}
