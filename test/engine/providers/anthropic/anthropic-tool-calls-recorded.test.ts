import { fromAnthropicResponse } from '../../../../nodes/engine/providers/anthropic/from-anthropic-response';
import {
	anthropicRecordedResponse,
	anthropicStreamedRecording as streamed,
} from './anthropic-fixtures';

describe('Anthropic tool calls, replayed from recordings', () => {
	it('a tool_use block becomes an OpenAI tool call: id kept, input as JSON text, finish_reason tool_calls', () => {
		const answer = fromAnthropicResponse(anthropicRecordedResponse('tool-call'));
		expect(answer.toolCalls).toStrictEqual([
			{
				id: 'toolu_01PQjhxo3eirCdKNvCJrKc8f',
				type: 'function',
				function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
			},
		]);
		expect(answer.content).toBe('');
		expect(answer.finishReason).toBe('tool_calls');
	});

	it('streamed: input_json_delta pieces of the block assemble into the arguments, and none is content', () => {
		const { added, answer } = streamed('tool-call');
		expect(added.every((text) => text === '')).toBe(true);
		expect(answer.toolCalls).toStrictEqual([
			{
				id: 'toolu_019Zvehfe1XQWweT1pm7okyt',
				type: 'function',
				function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
			},
		]);
		expect(answer.finishReason).toBe('tool_calls');
		expect(answer.usage).toEqual({ prompt_tokens: 843, completion_tokens: 28, total_tokens: 871 });
	});

	it('words before a call without arguments: the words are the content, the call has "{}"', () => {
		const whole = fromAnthropicResponse(anthropicRecordedResponse('tool-no-args'));
		expect(whole.content).toContain('Okay, I will update the current issue list:');
		expect(whole.toolCalls).toStrictEqual([
			{
				id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1',
				type: 'function',
				function: { name: 'updateIssueList', arguments: '{}' },
			},
		]);
		const { answer } = streamed('tool-no-args');
		expect(answer.content).toBe("I'll update the issue list for you.");
		expect(answer.toolCalls?.[0].function).toStrictEqual({
			name: 'updateIssueList',
			arguments: '{}',
		});
		expect(answer.toolCalls?.[0].id).toBe('toolu_01QE1WLsSVp5hy5Q3GmGTmjP');
		expect(answer.finishReason).toBe('tool_calls');
	});
});
