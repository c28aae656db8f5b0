import { readFileSync } from 'fs';
import { join } from 'path';
import { createGeminiStreamAssembler } from '../../../../nodes/engine/providers/gemini/gemini-stream-assembler';
import type { StreamAssembler } from '../../../../nodes/engine/providers/provider-adapter';
import { thrownFusionError } from '../../../helpers/thrown-fusion-error';

function readRecorded(file: string): string[] {
	return readFileSync(join(__dirname, '../../../fixtures/recorded', file), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '');
}

const recordedChunks = readRecorded('google-text.chunks.txt');

function push(assembler: StreamAssembler, chunk: unknown): string {
	return assembler.push({ data: typeof chunk === 'string' ? chunk : JSON.stringify(chunk) });
}

function textChunk(text: string, extra: Record<string, unknown> = {}) {
	return { candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...extra }] };
}

describe('createGeminiStreamAssembler', () => {
	it('replays the recorded stream into the joined text, stop and the last chunk usage', () => {
		expect(recordedChunks).toHaveLength(3);
		const assembler = createGeminiStreamAssembler();
		const added = recordedChunks.map((data) => assembler.push({ data }));
		expect(added).toEqual(['There are **3**', ' "r"s in strawberry.\n\nst**r**awbe**rr**y', '']);
		expect(assembler.finish()).toStrictEqual({
			id: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
			upstreamModel: 'gemini-3-pro-preview',
			content: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
			finishReason: 'stop',
			// The last chunk's running totals (23 + 185 thinking), not a sum over chunks.
			usage: {
				prompt_tokens: 9,
				completion_tokens: 23 + 185,
				total_tokens: 217,
				completion_tokens_details: { reasoning_tokens: 185 },
			},
		});
	});

	it('has ended with the chunk that carries the finish reason, its last', () => {
		const assembler = createGeminiStreamAssembler();
		const ended = recordedChunks.map((data) => {
			assembler.push({ data });
			return assembler.hasEnded();
		});
		expect(ended).toEqual([false, false, true]);
	});

	it('refuses to finish before Gemini sent a finish reason', () => {
		const assembler = createGeminiStreamAssembler();
		recordedChunks.slice(0, 2).forEach((data) => assembler.push({ data }));
		const error = thrownFusionError(() => assembler.finish());
		expect(error.kind).toBe('network');
		expect(error.message).toBe(
			'the Gemini stream ended before a finish reason; the answer is incomplete',
		);
	});

	it('refuses to finish a stream that sent nothing', () => {
		expect(thrownFusionError(() => createGeminiStreamAssembler().finish()).kind).toBe('network');
	});

	it('skips thought parts and adds nothing for a usage-only chunk', () => {
		const assembler = createGeminiStreamAssembler();
		const thought = {
			candidates: [{ content: { parts: [{ text: 'Counting letters…', thought: true }] } }],
		};
		expect(push(assembler, thought)).toBe('');
		expect(push(assembler, textChunk('Three.', { finishReason: 'STOP' }))).toBe('Three.');
		expect(
			push(assembler, {
				usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
			}),
		).toBe('');
		expect(assembler.finish()).toEqual({
			content: 'Three.',
			finishReason: 'stop',
			usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
		});
	});

	it('maps a length cut', () => {
		const assembler = createGeminiStreamAssembler();
		push(assembler, textChunk('Once upon a', { finishReason: 'MAX_TOKENS' }));
		expect(assembler.finish().finishReason).toBe('length');
	});

	it('finishes a blocked prompt as an empty content_filter answer that says why', () => {
		const assembler = createGeminiStreamAssembler();
		const blocked = {
			promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
			usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
			modelVersion: 'gemini-3.7-flash',
			responseId: 'EXCPatOAKMrQjMcPteHVmQo',
		};
		expect(push(assembler, blocked)).toBe('');
		expect(assembler.finish()).toStrictEqual({
			id: 'EXCPatOAKMrQjMcPteHVmQo',
			upstreamModel: 'gemini-3.7-flash',
			content: '',
			finishReason: 'content_filter',
			refusal: 'Gemini blocked the prompt (blockReason PROHIBITED_CONTENT)',
			usage: { prompt_tokens: 9, completion_tokens: 0, total_tokens: 9 },
		});
	});

	it('throws the mapped error when an error chunk arrives mid-stream', () => {
		const assembler = createGeminiStreamAssembler();
		expect(assembler.push({ data: recordedChunks[0] ?? '' })).toBe('There are **3**');
		const error = thrownFusionError(() =>
			push(assembler, {
				error: {
					code: 503,
					message: 'The model is overloaded. Please try again later.',
					status: 'UNAVAILABLE',
				},
			}),
		);
		expect(error.kind).toBe('overloaded');
		expect(error.message).toBe(
			'the Gemini stream reported UNAVAILABLE: The model is overloaded. Please try again later.',
		);
	});

	it('maps a quota error chunk to rate_limit', () => {
		const error = thrownFusionError(() =>
			push(createGeminiStreamAssembler(), {
				error: {
					code: 429,
					message: 'You exceeded your current quota.',
					status: 'RESOURCE_EXHAUSTED',
				},
			}),
		);
		expect(error.kind).toBe('rate_limit');
	});

	it('rejects an event that is not JSON', () => {
		const error = thrownFusionError(() =>
			push(createGeminiStreamAssembler(), '{"candidates":[{"content"'),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toBe(
			'the Gemini stream sent an event that is not JSON: {"candidates":[{"content"',
		);
	});

	it('rejects an error chunk it cannot read and a chunk of the wrong shape', () => {
		const unreadable = thrownFusionError(() =>
			push(createGeminiStreamAssembler(), { error: 'boom' }),
		);
		expect(unreadable.kind).toBe('invalid_response');
		expect(unreadable.message).toContain('unreadable error');
		const wrongShape = thrownFusionError(() =>
			push(createGeminiStreamAssembler(), { candidates: 'none' }),
		);
		expect(wrongShape.kind).toBe('invalid_response');
		expect(wrongShape.message).toContain('candidates');
		expect(thrownFusionError(() => push(createGeminiStreamAssembler(), '[1,2]')).kind).toBe(
			'invalid_response',
		);
	});

	it('replays a recorded thinking stream: its thought summary is never streamed nor the answer', () => {
		const chunks = readRecorded('google-thought-tool-call.chunks.txt');
		expect(chunks[0]).toContain('"thought":true');
		const assembler = createGeminiStreamAssembler();
		const added = chunks.map((data) => assembler.push({ data }));
		expect(added.every((text) => text === '')).toBe(true);
		const answer = assembler.finish();
		expect(answer.content).toBe('');
		expect(answer.usage).toStrictEqual({
			prompt_tokens: 249,
			completion_tokens: 58 + 183,
			total_tokens: 490,
			completion_tokens_details: { reasoning_tokens: 183 },
		});
	});

	it('streams the text after a thought part and counts the thoughts once, from the last running total', () => {
		const assembler = createGeminiStreamAssembler();
		const usageMetadata = (candidates: number) => ({
			promptTokenCount: 5,
			candidatesTokenCount: candidates,
			thoughtsTokenCount: 40,
			cachedContentTokenCount: 3,
			totalTokenCount: 45 + candidates,
		});
		expect(
			push(assembler, {
				candidates: [{ content: { parts: [{ text: 'Weighing the options', thought: true }] } }],
				usageMetadata: usageMetadata(0),
			}),
		).toBe('');
		expect(push(assembler, { ...textChunk('{"a":'), usageMetadata: usageMetadata(2) })).toBe(
			'{"a":',
		);
		expect(
			push(assembler, {
				...textChunk('1}', { finishReason: 'STOP' }),
				usageMetadata: usageMetadata(4),
			}),
		).toBe('1}');
		expect(assembler.finish()).toMatchObject({
			content: '{"a":1}',
			usage: {
				prompt_tokens: 5,
				completion_tokens: 44,
				total_tokens: 49,
				completion_tokens_details: { reasoning_tokens: 40 },
				prompt_tokens_details: { cached_tokens: 3 },
			},
		});
	});

	it('replays the recorded Gemini 3 reasoning stream with its thinking tokens', () => {
		const assembler = createGeminiStreamAssembler();
		for (const data of readRecorded('google-reasoning.chunks.txt')) assembler.push({ data });
		expect(assembler.finish().usage).toStrictEqual({
			prompt_tokens: 9,
			completion_tokens: 29 + 256,
			total_tokens: 294,
			completion_tokens_details: { reasoning_tokens: 256 },
		});
	});
});
