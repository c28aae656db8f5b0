import { readFileSync } from 'fs';
import { join } from 'path';
import { fromGeminiResponse } from '../../../../nodes/engine/providers/gemini/from-gemini-response';
import { thrownFusionError } from '../../../helpers/thrown-fusion-error';

const recorded: unknown = JSON.parse(
	readFileSync(join(__dirname, '../../../fixtures/recorded/google-text.json'), 'utf8'),
);

function candidateResponse(candidate: unknown, extra: Record<string, unknown> = {}) {
	return { candidates: [candidate], ...extra };
}

describe('fromGeminiResponse', () => {
	it('translates the recorded answer: text, stop, thinking tokens counted as completion', () => {
		expect(fromGeminiResponse(recorded)).toStrictEqual({
			id: 'Un6LacrVMcjUxs0PmJfWoQc',
			upstreamModel: 'gemini-3-pro-preview',
			content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
			finishReason: 'stop',
			usage: {
				prompt_tokens: 9,
				completion_tokens: 28 + 244,
				total_tokens: 281,
				completion_tokens_details: { reasoning_tokens: 244 },
			},
		});
	});

	it('joins the text parts in order, skipping thought summaries and non-text parts', () => {
		const answer = fromGeminiResponse(
			candidateResponse({
				content: {
					role: 'model',
					parts: [
						{ text: 'Let me think about strawberries.', thought: true },
						{ text: 'Three ' },
						{ functionCall: { name: 'lookup', args: {} } },
						{ text: 'r letters.', thought: false },
						{ text: '', thoughtSignature: 'abc' },
					],
				},
				finishReason: 'STOP',
			}),
		);
		expect(answer.content).toBe('Three r letters.');
	});

	it('reports a length cut with no parts at all as an empty answer finished by length', () => {
		const answer = fromGeminiResponse(
			candidateResponse(
				{ content: { role: 'model' }, finishReason: 'MAX_TOKENS' },
				{ usageMetadata: { promptTokenCount: 12, thoughtsTokenCount: 100, totalTokenCount: 112 } },
			),
		);
		expect(answer).toEqual({
			content: '',
			finishReason: 'length',
			usage: {
				prompt_tokens: 12,
				completion_tokens: 100,
				total_tokens: 112,
				completion_tokens_details: { reasoning_tokens: 100 },
			},
		});
	});

	it('maps a safety stop to content_filter and says so', () => {
		expect(fromGeminiResponse(candidateResponse({ finishReason: 'SAFETY' }))).toMatchObject({
			finishReason: 'content_filter',
			refusal: 'Gemini stopped the answer (finishReason SAFETY)',
		});
	});

	it('turns a blocked prompt into an empty content_filter answer that says why and keeps its usage', () => {
		const answer = fromGeminiResponse({
			promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
			usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
			modelVersion: 'gemini-3.7-flash',
			responseId: 'EXCPaojyHaDUjMcP656rqAk',
		});
		expect(answer).toStrictEqual({
			id: 'EXCPaojyHaDUjMcP656rqAk',
			upstreamModel: 'gemini-3.7-flash',
			content: '',
			finishReason: 'content_filter',
			refusal: 'Gemini blocked the prompt (blockReason PROHIBITED_CONTENT)',
			usage: { prompt_tokens: 9, completion_tokens: 0, total_tokens: 9 },
		});
	});

	it('sums the total when Gemini leaves totalTokenCount out', () => {
		const answer = fromGeminiResponse(
			candidateResponse(
				{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' },
				{ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, thoughtsTokenCount: 2 } },
			),
		);
		expect(answer.usage).toEqual({
			prompt_tokens: 4,
			completion_tokens: 3,
			total_tokens: 7,
			completion_tokens_details: { reasoning_tokens: 2 },
		});
	});

	it('has no usage when Gemini sent no usageMetadata', () => {
		const answer = fromGeminiResponse(
			candidateResponse({ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }),
		);
		expect(answer.usage).toBeUndefined();
		expect(answer.content).toBe('ok');
	});

	it('rejects a body with no candidate and only the default block reason', () => {
		const error = thrownFusionError(() =>
			fromGeminiResponse({ promptFeedback: { blockReason: 'BLOCK_REASON_UNSPECIFIED' } }),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toBe('the Gemini response has no candidate and no block reason');
	});

	it('rejects a text part that is not a string, naming where', () => {
		const error = thrownFusionError(() =>
			fromGeminiResponse(candidateResponse({ content: { parts: [{ text: 42 }] } })),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toContain('candidates[0].content.parts[0].text');
	});

	it('rejects a negative token count and a body that is not an object', () => {
		expect(
			thrownFusionError(() =>
				fromGeminiResponse({ candidates: [], usageMetadata: { promptTokenCount: -1 } }),
			).kind,
		).toBe('invalid_response');
		expect(thrownFusionError(() => fromGeminiResponse('<html>502</html>')).kind).toBe(
			'invalid_response',
		);
		expect(thrownFusionError(() => fromGeminiResponse(null)).kind).toBe('invalid_response');
	});

	it('translates the recorded reasoning answer: thinking counted in completion and as reasoning tokens', () => {
		const reasoning: unknown = JSON.parse(
			readFileSync(join(__dirname, '../../../fixtures/recorded/google-reasoning.json'), 'utf8'),
		);
		expect(fromGeminiResponse(reasoning).usage).toStrictEqual({
			prompt_tokens: 9,
			completion_tokens: 29 + 282,
			total_tokens: 320,
			completion_tokens_details: { reasoning_tokens: 282 },
		});
	});

	it('reports cached prompt tokens, and a JSON answer as its text without the thought part before it', () => {
		const answer = fromGeminiResponse(
			candidateResponse(
				{
					content: {
						parts: [
							{ text: 'The user wants a label.', thought: true },
							{ text: '{"label":"bug"}' },
						],
					},
					finishReason: 'STOP',
				},
				{
					usageMetadata: {
						promptTokenCount: 1000,
						cachedContentTokenCount: 800,
						candidatesTokenCount: 6,
						totalTokenCount: 1006,
					},
				},
			),
		);
		expect(answer.content).toBe('{"label":"bug"}');
		expect(answer.usage).toStrictEqual({
			prompt_tokens: 1000,
			completion_tokens: 6,
			total_tokens: 1006,
			prompt_tokens_details: { cached_tokens: 800 },
		});
	});
});
