import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { fromOpenAiCompatibleResponse } from '../../../../nodes/engine/providers/openai-compatible/from-openai-compatible-response';
import { recordedBody, recordedResponse, type RecordedProvider } from '../../../fixtures/recorded';

function caught(action: () => unknown): FusionError {
	try {
		action();
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('expected a FusionError');
}

/** The recorded message content, read straight from the fixture. */
function recordedContent(provider: RecordedProvider): string {
	const body = recordedResponse(provider) as { choices: Array<{ message: { content: string } }> };
	return body.choices[0].message.content;
}

const minimal = (overrides: Record<string, unknown> = {}) => ({
	choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
	...overrides,
});

describe('fromOpenAiCompatibleResponse', () => {
	describe('recorded responses', () => {
		it('reads OpenAI', () => {
			const answer = fromOpenAiCompatibleResponse(recordedResponse('openai'));
			expect(answer).toStrictEqual({
				id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
				created: 1770933883,
				upstreamModel: 'gpt-4.1-nano-2025-04-14',
				content: recordedContent('openai'),
				finishReason: 'stop',
				usage: {
					prompt_tokens: 16,
					completion_tokens: 363,
					total_tokens: 379,
					completion_tokens_details: { reasoning_tokens: 0 },
					prompt_tokens_details: { cached_tokens: 0 },
				},
			});
			expect(
				answer.content.startsWith('**Holiday Name:** Galaxy Day  \n\n**Date:** October 31st'),
			).toBe(true);
			expect(answer.content).toHaveLength(1842);
		});

		it('reads Mistral', () => {
			const answer = fromOpenAiCompatibleResponse(recordedResponse('mistral'));
			expect(answer).toStrictEqual({
				id: '5319bd0299614c679a0068a4f2c8ffd0',
				created: 1769088720,
				upstreamModel: 'mistral-small-latest',
				content: recordedContent('mistral'),
				finishReason: 'stop',
				usage: { prompt_tokens: 13, completion_tokens: 434, total_tokens: 447 },
			});
			expect(
				answer.content.endsWith('Would you celebrate it? What would you share? \u{1F60A}'),
			).toBe(true);
		});

		it('reads Groq, ignoring x_groq and the timing fields of its usage', () => {
			const answer = fromOpenAiCompatibleResponse(recordedResponse('groq'));
			expect(answer).toStrictEqual({
				id: 'chatcmpl-09d64d2a-ed1c-4473-829f-78db43f45d13',
				created: 1770770798,
				upstreamModel: 'llama-3.3-70b-versatile',
				content: recordedContent('groq'),
				finishReason: 'stop',
				usage: { prompt_tokens: 45, completion_tokens: 607, total_tokens: 652 },
			});
			expect(answer.content.startsWith('I\'d like to introduce "Luminaria"')).toBe(true);
		});

		it('reads DeepSeek, whose answer was cut by the token limit', () => {
			const answer = fromOpenAiCompatibleResponse(recordedResponse('deepseek'));
			expect(answer).toStrictEqual({
				id: '00f10ecd-60b3-4707-b5db-e4bcadf7aea1',
				created: 1764656316,
				upstreamModel: 'deepseek-chat',
				content: recordedContent('deepseek'),
				finishReason: 'length',
				usage: {
					prompt_tokens: 13,
					completion_tokens: 300,
					total_tokens: 313,
					prompt_tokens_details: { cached_tokens: 0 },
				},
			});
			expect(answer.content.endsWith('Instead of lavish presents, people exchange')).toBe(true);
		});

		it('reads xAI: the answer without its reasoning_content, its reasoning counted into completion_tokens as OpenAI does, no cost from its ticks', () => {
			expect(fromOpenAiCompatibleResponse(recordedResponse('xai'))).toStrictEqual({
				id: '2af5c888-e886-6dcb-7844-95f8fe010b00',
				created: 1770774046,
				upstreamModel: 'grok-3-mini',
				content: 'Hello',
				finishReason: 'stop',
				// total_tokens counts the 228 reasoning tokens: kept as xAI reports it.
				usage: {
					prompt_tokens: 12,
					completion_tokens: 229,
					total_tokens: 241,
					completion_tokens_details: { reasoning_tokens: 228 },
					prompt_tokens_details: { cached_tokens: 2 },
				},
			});
		});
	});

	it('reads a null content (a refusal or a tool call) as an empty answer', () => {
		const answer = fromOpenAiCompatibleResponse({
			choices: [{ message: { role: 'assistant', content: null }, finish_reason: 'tool_calls' }],
		});
		expect(answer).toStrictEqual({ content: '', finishReason: 'tool_calls' });
	});

	it('reads a refusal as a content_filter answer that keeps what the model said', () => {
		const answer = fromOpenAiCompatibleResponse({
			choices: [
				{
					message: {
						role: 'assistant',
						content: null,
						refusal: "I'm sorry, I can't help with that.",
					},
					finish_reason: 'stop',
				},
			],
		});
		expect(answer).toStrictEqual({
			content: '',
			finishReason: 'content_filter',
			refusal: "I'm sorry, I can't help with that.",
		});
	});

	it("joins the text parts of Mistral's reasoning models and leaves the thinking out", () => {
		const answer = fromOpenAiCompatibleResponse({
			id: '6f23a5ac0e2d4ca3a1ccee9c2215fb63',
			model: 'mistral-small-latest',
			choices: [
				{
					finish_reason: 'stop',
					message: {
						role: 'assistant',
						content: [
							{
								type: 'thinking',
								thinking: [{ type: 'text', text: '17 times 23 is 391.' }],
								closed: true,
							},
							{ type: 'text', text: '391' },
						],
					},
				},
			],
			usage: { prompt_tokens: 28, total_tokens: 122, completion_tokens: 94 },
		});
		expect(answer.content).toBe('391');
		expect(answer.usage).toStrictEqual({
			prompt_tokens: 28,
			completion_tokens: 94,
			total_tokens: 122,
		});
	});

	it("takes OpenRouter's usage.cost as the reported cost in USD", () => {
		const answer = fromOpenAiCompatibleResponse(
			minimal({
				usage: { prompt_tokens: 194, completion_tokens: 2, total_tokens: 196, cost: 0.00095 },
			}),
		);
		expect(answer.reportedCostUsd).toBe(0.00095);
	});

	it('ignores a cost that is not a number', () => {
		const answer = fromOpenAiCompatibleResponse(
			minimal({ usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: '0.1' } }),
		);
		expect(answer).not.toHaveProperty('reportedCostUsd');
		expect(answer.usage).toStrictEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
	});

	it('adds the total when a server leaves it out', () => {
		expect(
			fromOpenAiCompatibleResponse(minimal({ usage: { prompt_tokens: 7, completion_tokens: 5 } }))
				.usage,
		).toStrictEqual({
			prompt_tokens: 7,
			completion_tokens: 5,
			total_tokens: 12,
		});
	});

	it("maps Mistral's model_length finish", () => {
		const body = { choices: [{ message: { content: 'cut' }, finish_reason: 'model_length' }] };
		expect(fromOpenAiCompatibleResponse(body).finishReason).toBe('length');
	});

	it('rejects a body without choices as invalid_response', () => {
		const error = caught(() => fromOpenAiCompatibleResponse({ id: 'x', choices: [] }));
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toBe(
			'the response is not a chat completion (choices: must hold at least one choice)',
		);
	});

	it('rejects a usage with a non-numeric token count', () => {
		const error = caught(() =>
			fromOpenAiCompatibleResponse(
				minimal({ usage: { prompt_tokens: 'ten', completion_tokens: 1, total_tokens: 1 } }),
			),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toContain('usage.prompt_tokens');
	});

	it('rejects something that is not an object', () => {
		expect(caught(() => fromOpenAiCompatibleResponse('<html>busy</html>')).kind).toBe(
			'invalid_response',
		);
	});

	it('turns an error inside a 200 body (OpenRouter) into the error it reports', () => {
		const error = caught(() =>
			fromOpenAiCompatibleResponse({
				error: { code: 502, message: 'Provider returned error', metadata: {} },
			}),
		);
		expect(error.kind).toBe('server');
		expect(error.message).toBe(
			'the provider reported an error after answering HTTP 200: Provider returned error',
		);
	});
});

describe('fromOpenAiCompatibleResponse on recorded reasoning and JSON answers', () => {
	it('keeps DeepSeek reasoning_content out of the answer and reports its reasoning tokens', () => {
		const answer = fromOpenAiCompatibleResponse(recordedBody('deepseek-reasoning'));
		expect(answer.content).toBe('There are **3** “r”s in **“strawberry”**.');
		expect(answer.usage).toStrictEqual({
			prompt_tokens: 97,
			completion_tokens: 131,
			total_tokens: 228,
			completion_tokens_details: { reasoning_tokens: 113 },
			prompt_tokens_details: { cached_tokens: 0 },
		});
	});

	it("keeps Mistral's thinking part out of the answer", () => {
		const answer = fromOpenAiCompatibleResponse(recordedBody('mistral-reasoning'));
		expect(answer.content).toBe('2 + 2 = 4');
	});

	it('returns a JSON answer as its text, for the engine to parse', () => {
		const answer = fromOpenAiCompatibleResponse(recordedBody('deepseek-json'));
		expect(answer.content).toBe(
			'{"location":"San Francisco","condition":"cloudy","temperature":7}',
		);
		expect(answer.finishReason).toBe('stop');
	});

	it("keeps OpenRouter's reasoning field out of the answer", () => {
		const answer = fromOpenAiCompatibleResponse({
			id: 'gen-1',
			choices: [
				{
					finish_reason: 'stop',
					message: { role: 'assistant', content: '4', reasoning: 'Two and two make four.' },
				},
			],
			usage: {
				prompt_tokens: 10,
				completion_tokens: 30,
				total_tokens: 40,
				completion_tokens_details: { reasoning_tokens: 29 },
			},
		});
		expect(answer.content).toBe('4');
		expect(answer.usage?.completion_tokens).toBe(30);
		expect(answer.usage?.completion_tokens_details).toStrictEqual({ reasoning_tokens: 29 });
	});
});
