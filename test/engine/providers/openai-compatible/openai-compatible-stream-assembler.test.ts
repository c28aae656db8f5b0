import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { createOpenAiCompatibleStreamAssembler } from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-stream-assembler';
import type { StreamAssembler } from '../../../../nodes/engine/providers/provider-adapter';
import {
	recordedChunks,
	recordedSseEvents,
	type RecordedProvider,
} from '../../../fixtures/recorded';

type OpenAiRecording = Extract<
	RecordedProvider,
	'openai' | 'mistral' | 'groq' | 'deepseek' | 'xai'
>;

function caught(action: () => unknown): FusionError {
	try {
		action();
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('expected a FusionError');
}

/** What the recording says the answer is: every `delta.content` string, in order. */
function concatenatedDeltas(provider: OpenAiRecording): string {
	return recordedChunks(provider)
		.map((line) => JSON.parse(line) as { choices?: Array<{ delta?: { content?: unknown } }> })
		.map((chunk) => chunk.choices?.[0]?.delta?.content)
		.filter((content): content is string => typeof content === 'string')
		.join('');
}

function replay(provider: OpenAiRecording): { assembler: StreamAssembler; added: string[] } {
	const assembler = createOpenAiCompatibleStreamAssembler();
	const added = recordedSseEvents(provider).map((event) => assembler.push(event));
	return { assembler, added };
}

function pushAll(assembler: StreamAssembler, payloads: unknown[]): string[] {
	return payloads.map((payload) =>
		assembler.push({ data: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
	);
}

const chunk = (
	delta: Record<string, unknown>,
	finishReason: string | null = null,
	extra: Record<string, unknown> = {},
) => ({
	id: 'chatcmpl-1',
	object: 'chat.completion.chunk',
	created: 1700000000,
	model: 'test-model',
	choices: [{ index: 0, delta, finish_reason: finishReason }],
	...extra,
});

describe('createOpenAiCompatibleStreamAssembler', () => {
	describe('recorded streams', () => {
		it('replays OpenAI, whose usage comes in a last chunk with no choices', () => {
			const { assembler, added } = replay('openai');
			const content = concatenatedDeltas('openai');
			expect(added.join('')).toBe(content);
			expect(content).toHaveLength(1724);
			expect(
				content.startsWith('**Holiday Name:** Harmony Day\n\n**Date:** Celebrated annually'),
			).toBe(true);
			expect(assembler.finish()).toStrictEqual({
				id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0',
				created: 1770933892,
				upstreamModel: 'gpt-4.1-nano-2025-04-14',
				content,
				finishReason: 'stop',
				usage: {
					prompt_tokens: 16,
					completion_tokens: 300,
					total_tokens: 316,
					completion_tokens_details: { reasoning_tokens: 0 },
					prompt_tokens_details: { cached_tokens: 0 },
				},
			});
		});

		it('replays Mistral, whose usage rides on the last content chunk', () => {
			const { assembler, added } = replay('mistral');
			expect(added.join('')).toBe('Hello, world! This is a test response.');
			expect(added.join('')).toBe(concatenatedDeltas('mistral'));
			expect(assembler.finish()).toStrictEqual({
				id: '5319bd0299614c679a0068a4f2c8ffd0',
				created: 1769088720,
				upstreamModel: 'mistral-small-latest',
				content: 'Hello, world! This is a test response.',
				finishReason: 'stop',
				usage: { prompt_tokens: 13, completion_tokens: 8, total_tokens: 21 },
			});
		});

		it('replays Groq, keeping the first chunk id and time', () => {
			const { assembler, added } = replay('groq');
			const content = concatenatedDeltas('groq');
			expect(added.join('')).toBe(content);
			expect(
				content.startsWith('Introducing "Luminaria" - a new holiday that celebrates the '),
			).toBe(true);
			expect(assembler.finish()).toStrictEqual({
				id: 'chatcmpl-7eb08824-fb8d-47af-a1f0-3aa786f2d1f3',
				created: 1770770839,
				upstreamModel: 'llama-3.3-70b-versatile',
				content,
				finishReason: 'stop',
				usage: { prompt_tokens: 45, completion_tokens: 662, total_tokens: 707 },
			});
		});

		it('replays DeepSeek, cut by the token limit', () => {
			const { assembler, added } = replay('deepseek');
			const content = concatenatedDeltas('deepseek');
			expect(added.join('')).toBe(content);
			expect(content.endsWith(' observe 15 minutes of silent looking at')).toBe(true);
			expect(assembler.finish()).toMatchObject({
				content,
				finishReason: 'length',
				usage: {
					prompt_tokens: 13,
					completion_tokens: 400,
					total_tokens: 413,
					prompt_tokens_details: { cached_tokens: 0 },
				},
			});
		});

		it('replays xAI: only content is the answer, its reasoning_content is not', () => {
			const { assembler, added } = replay('xai');
			expect(added).toStrictEqual(['', '', '', '', '', 'Hello', '', '', '']);
			expect(assembler.finish()).toStrictEqual({
				id: '7327b9f5-1c2f-0a15-3fef-c14a71c460d3',
				created: 1770774058,
				upstreamModel: 'grok-3-mini',
				content: 'Hello',
				finishReason: 'stop',
				usage: {
					prompt_tokens: 12,
					completion_tokens: 291,
					total_tokens: 303,
					completion_tokens_details: { reasoning_tokens: 290 },
					prompt_tokens_details: { cached_tokens: 11 },
				},
			});
		});
	});

	it('throws network on finish when the stream stopped before a finish reason', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		// The DeepSeek recording without its last chunk, the one that carries finish_reason.
		recordedChunks('deepseek')
			.slice(0, -1)
			.forEach((data) => assembler.push({ data }));
		const error = caught(() => assembler.finish());
		expect(error.kind).toBe('network');
		expect(error.message).toBe('the stream ended before a finish reason; the answer is incomplete');
	});

	it('throws network on finish for a stream with no chunk at all', () => {
		expect(caught(() => createOpenAiCompatibleStreamAssembler().finish()).kind).toBe('network');
	});

	it('throws the error an OpenRouter chunk reports mid-stream, as a server failure', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		pushAll(assembler, [chunk({ role: 'assistant', content: 'Par' })]);
		const error = caught(() =>
			pushAll(assembler, [
				{
					id: 'cmpl-abc123',
					object: 'chat.completion.chunk',
					created: 1234567890,
					model: 'openai/gpt-4o',
					provider: 'openai',
					error: { code: 'server_error', message: 'Provider disconnected unexpectedly' },
					choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
				},
			]),
		);
		expect(error.kind).toBe('server');
		expect(error.message).toBe(
			'the provider reported an error after answering HTTP 200: Provider disconnected unexpectedly',
		);
	});

	it('classifies an error chunk by its numeric code when it carries an HTTP status', () => {
		const error = caught(() =>
			pushAll(createOpenAiCompatibleStreamAssembler(), [
				{ error: { code: 429, message: 'Rate limit exceeded upstream' } },
			]),
		);
		expect(error.kind).toBe('rate_limit');
	});

	it('throws invalid_response for a chunk that is not JSON', () => {
		const error = caught(() =>
			createOpenAiCompatibleStreamAssembler().push({ data: '{"choices": [' }),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toBe('the stream sent an event that is not JSON: {"choices": [');
	});

	it('throws invalid_response for a chunk whose content is not text', () => {
		const error = caught(() =>
			pushAll(createOpenAiCompatibleStreamAssembler(), [chunk({ content: 42 })]),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toContain('choices[0].delta.content');
	});

	it('gathers a streamed refusal apart from the answer text and finishes as content_filter', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		const added = pushAll(assembler, [
			chunk({ role: 'assistant', content: null, refusal: '' }),
			chunk({ refusal: "I'm sorry, " }),
			chunk({ refusal: "I can't help." }),
			chunk({}, 'stop'),
		]);
		expect(added.join('')).toBe('');
		expect(assembler.finish()).toMatchObject({
			content: '',
			finishReason: 'content_filter',
			refusal: "I'm sorry, I can't help.",
		});
	});

	it('ignores [DONE] and blank keep-alive data', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		expect(assembler.push({ data: '[DONE]' })).toBe('');
		expect(assembler.push({ data: ' ' })).toBe('');
		expect(caught(() => assembler.finish()).kind).toBe('network');
	});

	it('has ended at [DONE], not at the finish reason: the usage chunk comes in between', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		const events = recordedSseEvents('openai');
		for (const event of events.slice(0, -1)) {
			assembler.push(event);
			expect(assembler.hasEnded()).toBe(false);
		}
		assembler.push(events[events.length - 1]);
		expect(assembler.hasEnded()).toBe(true);
	});

	it("keeps Mistral's thinking parts out of the answer and its text parts in", () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		const added = pushAll(assembler, [
			chunk({ role: 'assistant', content: '' }),
			chunk({
				content: [
					{ type: 'thinking', thinking: [{ type: 'text', text: 'Okay, the' }], closed: true },
				],
			}),
			chunk({
				content: [
					{ type: 'thinking', thinking: [{ type: 'text', text: '1.' }], closed: true },
					{ type: 'text', text: '3' },
				],
			}),
			chunk({ content: '91' }, 'stop', {
				usage: { prompt_tokens: 28, total_tokens: 167, completion_tokens: 139 },
			}),
		]);
		expect(added).toStrictEqual(['', '', '3', '91']);
		expect(assembler.finish()).toMatchObject({ content: '391', finishReason: 'stop' });
	});

	it("takes OpenRouter's usage.cost from the last chunk", () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		pushAll(assembler, [
			chunk({ content: 'Hi' }),
			chunk({}, 'stop'),
			{
				...chunk({}),
				choices: [],
				usage: { prompt_tokens: 194, completion_tokens: 2, total_tokens: 196, cost: 0.95 },
			},
		]);
		expect(assembler.finish()).toMatchObject({
			content: 'Hi',
			usage: { prompt_tokens: 194, completion_tokens: 2, total_tokens: 196 },
			reportedCostUsd: 0.95,
		});
	});

	it('maps the finish reason and leaves usage out when the stream had none', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		pushAll(assembler, [chunk({ content: 'call' }), chunk({}, 'function_call')]);
		expect(assembler.finish()).toStrictEqual({
			id: 'chatcmpl-1',
			created: 1700000000,
			upstreamModel: 'test-model',
			content: 'call',
			finishReason: 'tool_calls',
		});
	});
});

describe('streamed reasoning', () => {
	it("hands neither OpenRouter's delta.reasoning nor DeepSeek's reasoning_content on as answer text", () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
			data: JSON.stringify({ id: 'gen-1', choices: [{ index: 0, delta, finish_reason: finish }] }),
		});
		const texts = [
			chunk({ role: 'assistant', content: '', reasoning: 'Two and two' }),
			chunk({ content: '', reasoning_content: ' make four.' }),
			chunk({ content: '4' }),
			chunk({}, 'stop'),
			{ data: '[DONE]' },
		].map((event) => assembler.push(event));
		expect(texts.join('')).toBe('4');
		expect(assembler.finish().content).toBe('4');
	});
});
