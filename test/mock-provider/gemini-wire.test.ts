import { createGeminiStreamAssembler } from '../../nodes/engine/providers/gemini/gemini-stream-assembler';
import { fromGeminiResponse } from '../../nodes/engine/providers/gemini/from-gemini-response';
import { SIMULATED_THOUGHT } from './gemini-wire';
import type { MockReply, RecordedRequest } from './mock-provider-server';
import { simulateProviderReply } from './provider-simulator';

/** The simulator as strict as Gemini on parts, schemas and thinking, and thinking the way Gemini does. */

const PNG = 'iVBORw0KGgo=';

const post = (model: string, body: unknown, stream = false): RecordedRequest => ({
	method: 'POST',
	path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
	headers: {},
	body,
	receivedAt: 0,
});

const userParts = (...parts: unknown[]) => ({ contents: [{ role: 'user', parts }] });
const withConfig = (generationConfig: unknown) => ({
	...userParts({ text: 'x' }),
	generationConfig,
});
const thinking = (thinkingConfig: unknown) => withConfig({ thinkingConfig });

function refusal(reply: MockReply): string | undefined {
	if (!('json' in reply) || reply.status !== 400) return undefined;
	return (reply.json as { error: { message: string } }).error.message;
}

describe('the Gemini wire checks', () => {
	it.each([
		[
			'an image part',
			'gemini-2.5-flash',
			userParts({ text: 'What?' }, { inlineData: { mimeType: 'image/png', data: PNG } }),
		],
		[
			'a PDF by https URL',
			'gemini-3-flash-preview',
			userParts({ fileData: { mimeType: 'application/pdf', fileUri: 'https://e.com/a.pdf' } }),
		],
		[
			'a Gemini 3 function call with its signature, and its result',
			'gemini-3-pro-preview',
			{
				contents: [
					{ role: 'user', parts: [{ text: 'Weather?' }] },
					{
						role: 'model',
						parts: [
							{
								functionCall: { id: 'a', name: 'w', args: {} },
								thoughtSignature: 'skip_thought_signature_validator',
							},
						],
					},
					{
						role: 'user',
						parts: [{ functionResponse: { id: 'a', name: 'w', response: { result: 'sun' } } }],
					},
				],
			},
		],
		[
			'an OpenAPI-subset schema',
			'gemini-2.0-flash',
			withConfig({
				responseMimeType: 'application/json',
				responseSchema: {
					type: 'object',
					properties: { a: { type: 'string', nullable: true } },
					propertyOrdering: ['a'],
				},
			}),
		],
		[
			'a budget in range',
			'gemini-2.5-pro',
			thinking({ thinkingBudget: 128, includeThoughts: false }),
		],
	])('accepts %s', (_name, model, body) => {
		expect(refusal(simulateProviderReply(post(model, body)))).toBeUndefined();
	});

	it.each([
		[
			'an inlineData without mimeType',
			'gemini-2.5-flash',
			userParts({ inlineData: { data: PNG } }),
			'mime_type is not specified',
		],
		[
			'a GIF',
			'gemini-2.5-flash',
			userParts({ inlineData: { mimeType: 'image/gif', data: PNG } }),
			'value image/gif, which is not supported',
		],
		[
			'data that is not base64',
			'gemini-2.5-flash',
			userParts({ inlineData: { mimeType: 'image/png', data: 'data:image/png;base64,' + PNG } }),
			'Base64 decoding failed',
		],
		[
			'an empty text part',
			'gemini-2.5-flash',
			userParts({ text: '' }),
			"required oneof field 'data'",
		],
		[
			'a part with two data fields',
			'gemini-2.5-flash',
			userParts({ text: 'a', inlineData: { mimeType: 'image/png', data: PNG } }),
			"required oneof field 'data'",
		],
		[
			'a Gemini 3 function call without a thought signature',
			'gemini-3-flash-preview',
			{
				contents: [
					{ role: 'user', parts: [{ text: 'w?' }] },
					{ role: 'model', parts: [{ functionCall: { name: 'w', args: {} } }] },
				],
			},
			'missing a thought_signature',
		],
		[
			'additionalProperties in responseSchema',
			'gemini-2.0-flash',
			withConfig({
				responseMimeType: 'application/json',
				responseSchema: {
					type: 'object',
					properties: { a: { type: 'object', additionalProperties: false } },
				},
			}),
			'Unknown name "additionalProperties" at \'generation_config.response_schema.properties[a].value\'',
		],
		[
			'a schema without the JSON mime type',
			'gemini-2.5-flash',
			withConfig({ responseJsonSchema: { type: 'object' } }),
			'response_mime_type must be application/json',
		],
		[
			'thinking off on 2.5 Pro',
			'gemini-2.5-pro',
			thinking({ thinkingBudget: 0 }),
			'only works in thinking mode',
		],
		[
			'a budget above the range',
			'gemini-2.5-flash',
			thinking({ thinkingBudget: 30_000 }),
			'between 1 and 24576',
		],
		[
			'a budget below Flash-Lite range',
			'gemini-2.5-flash-lite',
			thinking({ thinkingBudget: 100 }),
			'between 512 and 24576',
		],
		[
			'a level on 2.5',
			'gemini-2.5-flash',
			thinking({ thinkingLevel: 'low' }),
			'Thinking level is not supported',
		],
		[
			'medium on Gemini 3 Pro',
			'gemini-3-pro-preview',
			thinking({ thinkingLevel: 'medium' }),
			'Thinking level MEDIUM is not supported',
		],
		[
			'thinking on 2.0',
			'gemini-2.0-flash',
			thinking({ thinkingBudget: 1024 }),
			'Thinking is not enabled for models/gemini-2.0-flash',
		],
	])('refuses %s with a 400', (_name, model, body, message) => {
		expect(refusal(simulateProviderReply(post(model, body)))).toContain(message);
	});
});

describe('the simulated Gemini thinking', () => {
	const thinking = {
		...userParts({ text: 'Label this' }),
		generationConfig: {
			responseMimeType: 'application/json',
			responseJsonSchema: {
				type: 'object',
				properties: { label: { type: 'string' } },
				required: ['label'],
			},
			thinkingConfig: { thinkingLevel: 'low', includeThoughts: false },
		},
	};

	it('puts a thought part before the JSON answer and counts its tokens, which the engine keeps out of the answer', () => {
		const reply = simulateProviderReply(post('gemini-3-flash-preview', thinking));
		if (!('json' in reply)) throw new Error('expected JSON');
		const body = reply.json as { candidates: Array<{ content: { parts: unknown[] } }> };
		expect(body.candidates[0].content.parts[0]).toEqual({ text: SIMULATED_THOUGHT, thought: true });
		const answer = fromGeminiResponse(reply.json);
		expect(answer.content).toBe('{"label":"simulated label"}');
		expect(answer.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 40 });
	});

	it('streams the thought in a chunk of its own first, and never as answer text', () => {
		const reply = simulateProviderReply(post('gemini-3-flash-preview', thinking, true));
		if (!('sse' in reply)) throw new Error('expected a stream');
		expect(reply.sse[0].data).toContain('"thought":true');
		const assembler = createGeminiStreamAssembler();
		const streamed = reply.sse.map((event) => assembler.push(event)).join('');
		expect(streamed).toBe('{"label":"simulated label"}');
		expect(assembler.finish().usage?.completion_tokens_details).toEqual({ reasoning_tokens: 40 });
	});

	it('does not think when the budget is 0', () => {
		const reply = simulateProviderReply(
			post('gemini-2.5-flash', {
				...userParts({ text: 'Hi' }),
				generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
			}),
		);
		expect(JSON.stringify(reply)).not.toContain('thought');
	});
});
