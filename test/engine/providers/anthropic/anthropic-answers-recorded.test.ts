import { fromAnthropicResponse } from '../../../../nodes/engine/providers/anthropic/from-anthropic-response';
import {
	anthropicRecordedResponse,
	anthropicStreamedRecording as streamed,
} from './anthropic-fixtures';

describe('Anthropic answers, replayed from recordings', () => {
	it('a forced JSON tool: the tool input is the content, as JSON text, and the call counts as a finished answer', () => {
		const answer = fromAnthropicResponse(anthropicRecordedResponse('json-tool'));
		expect(JSON.parse(answer.content)).toEqual({
			elements: [
				{ location: 'San Francisco', temperature: -5, condition: 'snowy' },
				{ location: 'London', temperature: 0, condition: 'snowy' },
				{ location: 'Paris', temperature: 23, condition: 'cloudy' },
				{ location: 'Berlin', temperature: -9, condition: 'snowy' },
			],
		});
		expect(answer.finishReason).toBe('stop');
	});

	it('a forced JSON tool, streamed: input_json_delta pieces assemble into the content', () => {
		const { added, answer } = streamed('json-tool');
		expect(answer.content).toBe(
			'{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}',
		);
		expect(added.filter((text) => text !== '')).toEqual([
			'{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]',
			'}',
		]);
		expect(answer.finishReason).toBe('stop');
		expect(answer.usage).toEqual({ prompt_tokens: 849, completion_tokens: 47, total_tokens: 896 });
	});

	it('structured outputs: the JSON text block is the content, whole or streamed', () => {
		const whole = fromAnthropicResponse(anthropicRecordedResponse('json-output-format'));
		const recipe = JSON.parse(whole.content) as { recipe: { name: string } };
		expect(recipe.recipe.name).toBe('Classic Lasagna');
		expect(whole.finishReason).toBe('stop');
		const { answer } = streamed('json-output-format');
		const story = JSON.parse(answer.content) as { characters: Array<{ name: string }> };
		expect(story.characters[0].name).toBe('Theron Ironheart');
	});

	it('extended thinking: the thinking block is never the answer', () => {
		const answer = fromAnthropicResponse(anthropicRecordedResponse('thinking'));
		expect(answer.content).toBe('925 ÷ 5 = 185');
	});

	it('extended thinking, streamed: thinking_delta and signature_delta add nothing to the content', () => {
		const { added, answer } = streamed('thinking');
		expect(answer.content).toBe('925 ÷ 5 = 185');
		expect(added.filter((text) => text !== '')).toEqual(['925', ' ÷ 5 ', '= 185']);
	});

	it('adaptive thinking: the answer leaves the thinking out and reports the thinking tokens', () => {
		const answer = fromAnthropicResponse(anthropicRecordedResponse('adaptive-thinking'));
		expect(answer.content.startsWith('## Step 1: Set up the problem')).toBe(true);
		expect(answer.content).not.toContain('Rational Root Theorem suggests');
		expect(answer.usage).toEqual({
			prompt_tokens: 51,
			completion_tokens: 1699,
			total_tokens: 1750,
			completion_tokens_details: { reasoning_tokens: 139 },
		});
	});

	it("a refusal: finish_reason content_filter with Anthropic's explanation, whole or streamed", () => {
		const explanation =
			"This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.";
		const whole = fromAnthropicResponse(anthropicRecordedResponse('refusal'));
		expect(whole).toMatchObject({
			content: '',
			finishReason: 'content_filter',
			refusal: explanation,
		});
		const { answer } = streamed('refusal');
		expect(answer).toMatchObject({
			content: '',
			finishReason: 'content_filter',
			refusal: explanation,
		});
	});
});
