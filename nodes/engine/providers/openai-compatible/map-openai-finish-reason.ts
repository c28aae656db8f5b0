import type { FinishReason } from '../provider-adapter';

/**
 * OpenAI's finish_reason from any OpenAI-style provider. `function_call` is the legacy name of `tool_calls`;
 * Mistral says `model_length` when the model's context ran out. Anything else, or none, reads as `stop`.
 */
export function mapOpenAiFinishReason(reason: string | null | undefined): FinishReason {
	switch (reason) {
		case 'stop':
		case 'length':
		case 'content_filter':
		case 'tool_calls':
			return reason;
		case 'function_call':
			return 'tool_calls';
		case 'model_length':
			return 'length';
		default:
			return 'stop';
	}
}
