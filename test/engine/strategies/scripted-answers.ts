import type { MockReply } from '../../mock-provider/mock-provider-server';

/** An OpenAI chat.completion with this content and usage 100 prompt / 50 completion tokens. */
export function answer(content: string, delayMs = 0): MockReply {
	return {
		delayMs,
		json: {
			id: `chatcmpl-${content.length}`,
			object: 'chat.completion',
			created: 1,
			model: 'upstream',
			choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
			usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
		},
	};
}

/** What an `answer` costs at these list prices per 1K tokens (gpt-4o: 0.0025/0.01, gpt-4o-mini 0.00015/0.0006). */
export const costOf = (promptPer1k: number, completionPer1k: number) =>
	(100 / 1000) * promptPer1k + (50 / 1000) * completionPer1k;
