import type { ChatCompletionOutput } from '../../../nodes/engine';
import {
	closingChunksOf,
	fromChatCompletionOutput,
} from '../../../nodes/FusionChatModel/model/from-chat-completion-output';

function outputWith(
	message: Record<string, unknown>,
	finishReason: ChatCompletionOutput['choices'][0]['finish_reason'],
): ChatCompletionOutput {
	return {
		id: 'chatcmpl-1',
		object: 'chat.completion',
		created: 1,
		model: 'anthropic/claude-haiku-4-5',
		choices: [
			{
				index: 0,
				message: { role: 'assistant', content: null, refusal: null, ...message },
				logprobs: null,
				finish_reason: finishReason,
			},
		],
		usage: {
			prompt_tokens: 20,
			completion_tokens: 8,
			total_tokens: 28,
			prompt_tokens_details: { cached_tokens: 12 },
			completion_tokens_details: { reasoning_tokens: 3 },
		},
		fusion: {
			strategy: 'fallback',
			provider: 'anthropic',
			model: 'claude-haiku-4-5-20251001',
			attempts: [],
			latency_ms: 40,
			cost_usd: 0.00006,
			cached: false,
			warnings: [],
		},
	};
}

const toolCalls = [
	{ id: 'toolu_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } },
	{ id: 'toolu_2', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":1}' } },
];

describe('fromChatCompletionOutput', () => {
	it('gives the text, the usage with its details, the finish reason and fusion', () => {
		const output = outputWith({ content: 'Five.' }, 'stop');
		expect(fromChatCompletionOutput(output)).toEqual({
			id: 'chatcmpl-1',
			finishReason: 'stop',
			usage: {
				promptTokens: 20,
				completionTokens: 8,
				totalTokens: 28,
				inputTokenDetails: { cacheRead: 12 },
				outputTokenDetails: { reasoning: 3 },
			},
			message: { role: 'assistant', id: 'chatcmpl-1', content: [{ type: 'text', text: 'Five.' }] },
			providerMetadata: { fusion: output.fusion },
		});
	});

	it('gives tool calls as tool-call content with their ids and JSON text', () => {
		const result = fromChatCompletionOutput(outputWith({ tool_calls: toolCalls }, 'tool_calls'));
		expect(result.finishReason).toBe('tool-calls');
		expect(result.message.content).toEqual([
			{ type: 'tool-call', toolCallId: 'toolu_1', toolName: 'add', input: '{"a":2,"b":3}' },
			{ type: 'tool-call', toolCallId: 'toolu_2', toolName: 'add', input: '{"a":1,"b":1}' },
		]);
	});

	it('gives a refusal kept as the answer as its text', () => {
		const result = fromChatCompletionOutput(
			outputWith({ refusal: 'I cannot help' }, 'content_filter'),
		);
		expect(result.finishReason).toBe('content-filter');
		expect(result.message.content).toEqual([{ type: 'text', text: 'I cannot help' }]);
	});
});

describe('closingChunksOf', () => {
	it('sends the tool calls not streamed yet whole, each with its id, then the finish with usage', () => {
		const chunks = closingChunksOf(
			outputWith({ tool_calls: toolCalls }, 'tool_calls'),
			new Set(['toolu_1']),
		);
		expect(chunks).toEqual([
			{ type: 'tool-call-delta', id: 'toolu_2', name: 'add', argumentsDelta: '{"a":1,"b":1}' },
			{
				type: 'finish',
				finishReason: 'tool-calls',
				usage: expect.objectContaining({ promptTokens: 20, completionTokens: 8, totalTokens: 28 }),
			},
		]);
	});
});
