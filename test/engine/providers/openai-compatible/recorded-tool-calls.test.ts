import { fromOpenAiCompatibleResponse } from '../../../../nodes/engine/providers/openai-compatible/from-openai-compatible-response';
import { createOpenAiCompatibleStreamAssembler } from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-stream-assembler';
import type {
	ModelAnswer,
	ToolCallDelta,
} from '../../../../nodes/engine/providers/provider-adapter';
import { recordedBody, recordedOpenAiStream } from '../../../fixtures/recorded';

/** Real tool-call answers (Vercel AI SDK recordings) read into OpenAI's shape, whole and streamed. */

function replay(name: string): { answer: ModelAnswer; pieces: ToolCallDelta[]; texts: string[] } {
	const assembler = createOpenAiCompatibleStreamAssembler();
	const pieces: ToolCallDelta[] = [];
	const texts: string[] = [];
	for (const event of recordedOpenAiStream(name)) {
		const text = assembler.push(event);
		if (text !== '') texts.push(text);
		pieces.push(...(assembler.takeToolCallDeltas?.() ?? []));
	}
	return { answer: assembler.finish(), pieces, texts };
}

const call = (id: string, name: string, args: string) => ({
	id,
	type: 'function',
	function: { name, arguments: args },
});

describe('recorded tool calls, not streamed', () => {
	it.each([
		['mistral-tool-call', call('gSIMJiOkT', 'weather', '{"location": "San Francisco"}')],
		['groq-tool-call', call('ax9fskhev', 'weather', '{}')],
		['xai-tool-call', call('call_93562515', 'weather', '{"location":"San Francisco"}')],
	])('%s', (name, expected) => {
		const answer = fromOpenAiCompatibleResponse(recordedBody(name));
		expect(answer.toolCalls).toEqual([expected]);
		expect(answer.finishReason).toBe('tool_calls');
		// xAI sends "" beside the call, Mistral no content at all: either way, no text.
		expect(answer.content).toBe('');
	});
});

describe('recorded tool calls, streamed', () => {
	it.each([
		['mistral-tool-call', call('gSIMJiOkT', 'weather', '{"location": "San Francisco"}')],
		['groq-tool-call', call('tk85n1k4m', 'weather', '{}')],
		['xai-tool-call', call('call_55117580', 'weather', '{"location":"San Francisco"}')],
		[
			'mistral-incremental-tool-call',
			call(
				'chatcmpl-tool-9f149c74c42f265b',
				'webSearchTool',
				'{"query": "current Berlin weather"}',
			),
		],
	])('%s: assembled by index, each piece with its call’s id and name', (name, expected) => {
		const { answer, pieces, texts } = replay(name);
		expect(answer.toolCalls).toEqual([expected]);
		expect(answer.finishReason).toBe('tool_calls');
		expect(texts).toEqual([]);
		expect(pieces.every((piece) => piece.index === 0 && piece.id === expected.id)).toBe(true);
		expect(pieces.every((piece) => piece.name === expected.function.name)).toBe(true);
		expect(pieces.map((piece) => piece.argumentsDelta).join('')).toBe(expected.function.arguments);
	});

	it('keeps the usage of a recorded tool-call stream', () => {
		expect(replay('mistral-incremental-tool-call').answer.usage).toEqual({
			prompt_tokens: 171,
			completion_tokens: 14,
			total_tokens: 185,
			prompt_tokens_details: { cached_tokens: 128 },
		});
	});
});

describe('what some servers leave out', () => {
	it('gives a call without an id one, the same in its pieces and in the answer', () => {
		const assembler = createOpenAiCompatibleStreamAssembler();
		const chunk = (delta: unknown, finish: string | null = null) => ({
			data: JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] }),
		});
		assembler.push(
			chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a"' } }] }),
		);
		assembler.push(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }));
		assembler.push(chunk({}, 'tool_calls'));
		const pieces = assembler.takeToolCallDeltas?.() ?? [];
		const [made] = assembler.finish().toolCalls ?? [];
		expect(made.id).toMatch(/^call_[0-9a-f]{24}$/);
		expect(pieces.map((piece) => piece.id)).toEqual([made.id, made.id]);
		expect(made.function.arguments).toBe('{"a":1}');
	});

	it('writes arguments sent as an object as JSON text, and marks a forced call tool_calls', () => {
		const answer = fromOpenAiCompatibleResponse({
			choices: [
				{
					message: {
						content: null,
						tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }],
					},
					finish_reason: 'stop',
				},
			],
		});
		expect(answer.toolCalls?.[0].function.arguments).toBe('{"a":1}');
		expect(answer.toolCalls?.[0].id).toMatch(/^call_/);
		expect(answer.finishReason).toBe('tool_calls');
	});
});
