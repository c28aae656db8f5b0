/** USD per 1,000 tokens, as the providers publish them (per million ÷ 1000). */
export interface ModelPricing {
	prompt_tokens: number;
	completion_tokens: number;
}

export interface KnownModel {
	/** The fusion id users write. */
	id: string;
	/** The name sent upstream when it differs from the part after `provider/`. */
	upstream?: string;
	pricing: ModelPricing;
}

/**
 * A small price table for cost per item until the full catalog lands: the contract's seed ids and a few
 * current models per provider, list prices checked 2026-11-23.
 */
export const KNOWN_MODELS: readonly KnownModel[] = [
	{ id: 'openai/gpt-4-turbo', pricing: { prompt_tokens: 0.01, completion_tokens: 0.03 } },
	{ id: 'openai/gpt-4o', pricing: { prompt_tokens: 0.0025, completion_tokens: 0.01 } },
	{ id: 'openai/gpt-4o-mini', pricing: { prompt_tokens: 0.00015, completion_tokens: 0.0006 } },
	{ id: 'openai/gpt-4.1', pricing: { prompt_tokens: 0.002, completion_tokens: 0.008 } },
	{ id: 'openai/gpt-4.1-mini', pricing: { prompt_tokens: 0.0004, completion_tokens: 0.0016 } },
	{ id: 'openai/gpt-4.1-nano', pricing: { prompt_tokens: 0.0001, completion_tokens: 0.0004 } },
	{ id: 'anthropic/claude-3-opus', upstream: 'claude-3-opus-20240229', pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 } },
	{ id: 'anthropic/claude-sonnet-4-5', pricing: { prompt_tokens: 0.003, completion_tokens: 0.015 } },
	{ id: 'anthropic/claude-haiku-4-5', pricing: { prompt_tokens: 0.001, completion_tokens: 0.005 } },
	{ id: 'anthropic/claude-opus-4-1', pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 } },
	{ id: 'google/gemini-pro', pricing: { prompt_tokens: 0.0005, completion_tokens: 0.0015 } },
	{ id: 'google/gemini-2.5-pro', pricing: { prompt_tokens: 0.00125, completion_tokens: 0.01 } },
	{ id: 'google/gemini-2.5-flash', pricing: { prompt_tokens: 0.0003, completion_tokens: 0.0025 } },
	{ id: 'google/gemini-2.5-flash-lite', pricing: { prompt_tokens: 0.0001, completion_tokens: 0.0004 } },
	{ id: 'mistralai/mixtral-8x7b-instruct-v01', upstream: 'open-mixtral-8x7b', pricing: { prompt_tokens: 0.0007, completion_tokens: 0.0007 } },
	{ id: 'mistral/mistral-large-latest', pricing: { prompt_tokens: 0.002, completion_tokens: 0.006 } },
	{ id: 'mistral/mistral-small-latest', pricing: { prompt_tokens: 0.0001, completion_tokens: 0.0003 } },
	{ id: 'groq/llama-3.3-70b-versatile', pricing: { prompt_tokens: 0.00059, completion_tokens: 0.00079 } },
	{ id: 'groq/llama-3.1-8b-instant', pricing: { prompt_tokens: 0.00005, completion_tokens: 0.00008 } },
	{ id: 'deepseek/deepseek-chat', pricing: { prompt_tokens: 0.00028, completion_tokens: 0.00042 } },
	{ id: 'deepseek/deepseek-reasoner', pricing: { prompt_tokens: 0.00028, completion_tokens: 0.00042 } },
	{ id: 'xai/grok-3-mini', pricing: { prompt_tokens: 0.0003, completion_tokens: 0.0005 } },
	{ id: 'xai/grok-4', pricing: { prompt_tokens: 0.003, completion_tokens: 0.015 } },
	{ id: 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo', pricing: { prompt_tokens: 0.00088, completion_tokens: 0.00088 } },
];
