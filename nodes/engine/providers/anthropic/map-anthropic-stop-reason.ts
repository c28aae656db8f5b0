import type { FinishReason } from '../provider-adapter';

/** Anthropic's stop_reason in OpenAI's finish_reason vocabulary; reasons added later read as a normal stop. */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
	switch (reason) {
		case 'max_tokens':
		case 'model_context_window_exceeded': // Cut by the context window rather than max_tokens: truncated all the same.
			return 'length';
		case 'tool_use':
			return 'tool_calls';
		case 'refusal':
			return 'content_filter';
		default:
			// end_turn, stop_sequence, pause_turn (a server tool paused a finished turn), null.
			return 'stop';
	}
}
