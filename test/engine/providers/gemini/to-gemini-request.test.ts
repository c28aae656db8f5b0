import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { toGeminiRequest } from '../../../../nodes/engine/providers/gemini/to-gemini-request';
import { modelCallRequest } from '../model-call-request';

const request = (overrides: Partial<ModelCallRequest> = {}) =>
	modelCallRequest('gemini-2.5-flash', overrides);

describe('toGeminiRequest', () => {
	it('sends only the contents when nothing else is set; model and stream stay out of the body', () => {
		expect(toGeminiRequest(request({ stream: true }))).toStrictEqual({
			body: { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] },
			warnings: [],
		});
	});

	it('joins system messages from anywhere into systemInstruction, maps assistant to model and merges same-role turns', () => {
		const { body, warnings } = toGeminiRequest(
			request({
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: 'First question' },
					{ role: 'system', content: 'Answer in French.' },
					{ role: 'user', content: 'Second question' },
					{ role: 'assistant', content: 'Réponse' },
					{ role: 'assistant', content: 'Suite' },
					{ role: 'user', content: 'Merci' },
				],
			}),
		);
		expect(body).toStrictEqual({
			contents: [
				{ role: 'user', parts: [{ text: 'First question' }, { text: 'Second question' }] },
				{ role: 'model', parts: [{ text: 'Réponse' }, { text: 'Suite' }] },
				{ role: 'user', parts: [{ text: 'Merci' }] },
			],
			systemInstruction: { parts: [{ text: 'Be brief.\n\nAnswer in French.' }] },
		});
		expect(warnings).toEqual([]);
	});

	it('maps every sampling setting to its generationConfig field', () => {
		const { body, warnings } = toGeminiRequest(
			request({
				model: 'gemini-2.0-flash',
				max_tokens: 256,
				temperature: 0.3,
				top_p: 0.9,
				stop: ['END', '###'],
				presence_penalty: 0.5,
				frequency_penalty: -0.4,
			}),
		);
		expect(body.generationConfig).toStrictEqual({
			maxOutputTokens: 256,
			temperature: 0.3,
			topP: 0.9,
			stopSequences: ['END', '###'],
			presencePenalty: 0.5,
			frequencyPenalty: -0.4,
		});
		expect(warnings).toEqual([]);
	});

	it('drops penalties with a warning for Gemini 2.5 and later, which refuse them', () => {
		const { body, warnings } = toGeminiRequest(
			request({ presence_penalty: 0.5, frequency_penalty: -0.4 }),
		);
		expect(body).not.toHaveProperty('generationConfig');
		expect(warnings).toEqual([
			'presence_penalty is not supported by Google Gemini model gemini-2.5-flash and was not sent',
			'frequency_penalty is not supported by Google Gemini model gemini-2.5-flash and was not sent',
		]);
	});

	it('keeps a temperature of 0, which is a real setting', () => {
		expect(toGeminiRequest(request({ temperature: 0 })).body.generationConfig).toStrictEqual({
			temperature: 0,
		});
	});

	it('leaves out zero penalties and an empty stop list, so no generationConfig is sent', () => {
		const { body } = toGeminiRequest(
			request({ presence_penalty: 0, frequency_penalty: 0, stop: [] }),
		);
		expect(body).not.toHaveProperty('generationConfig');
	});

	it('leaves out empty messages with a warning naming each one', () => {
		const { body, warnings } = toGeminiRequest(
			request({
				messages: [
					{ role: 'system', content: '' },
					{ role: 'user', content: 'Hi' },
					{ role: 'assistant', content: '' },
					{ role: 'user', content: 'Still there?' },
				],
			}),
		);
		expect(body).toStrictEqual({
			contents: [{ role: 'user', parts: [{ text: 'Hi' }, { text: 'Still there?' }] }],
		});
		expect(warnings).toEqual([
			'messages[0] (system) is empty and was not sent: Gemini refuses empty text',
			'messages[2] (assistant) is empty and was not sent: Gemini refuses empty text',
		]);
	});

	it('sends a system-only prompt as the user turn, with a warning', () => {
		const { body, warnings } = toGeminiRequest(
			request({
				messages: [
					{ role: 'system', content: 'Write a haiku.' },
					{ role: 'system', content: 'About rain.' },
				],
			}),
		);
		expect(body).toStrictEqual({
			contents: [{ role: 'user', parts: [{ text: 'Write a haiku.\n\nAbout rain.' }] }],
		});
		expect(warnings).toEqual([
			'Gemini needs a user or assistant message; the system message was sent as the user message',
		]);
	});

	it('does not alias or change the request it was given', () => {
		const input = request({
			stop: ['END'],
			messages: [
				{ role: 'user', content: 'a' },
				{ role: 'user', content: 'b' },
			],
		});
		const snapshot = JSON.parse(JSON.stringify(input)) as ModelCallRequest;
		const { body } = toGeminiRequest(input);
		body.generationConfig?.stopSequences?.push('MORE');
		body.contents[0]?.parts.push({ text: 'c' });
		expect(input).toStrictEqual(snapshot);
	});

	it('sends seed as generationConfig.seed and warns that user is not sent', () => {
		const { body, warnings } = toGeminiRequest(request({ seed: 7, user: 'u-1' }));
		expect(body.generationConfig).toStrictEqual({ seed: 7 });
		expect(warnings).toEqual(['user is not supported by Google Gemini and was not sent']);
	});

	it('sends a JSON Schema request with an image and reasoning to Gemini 2.5 in one generationConfig', () => {
		const schema = {
			type: 'object',
			properties: { label: { type: 'string' } },
			required: ['label'],
		};
		const { body, warnings } = toGeminiRequest(
			request({
				max_tokens: 2000,
				reasoning_effort: 'low',
				response_format: { type: 'json_schema', json_schema: { name: 'photo', schema } },
				messages: [
					{ role: 'developer', content: 'Label the photo.' },
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'Label:' },
							{ type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==' } },
						],
					},
				],
			}),
		);
		expect(body).toStrictEqual({
			systemInstruction: { parts: [{ text: 'Label the photo.' }] },
			contents: [
				{
					role: 'user',
					parts: [{ text: 'Label:' }, { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } }],
				},
			],
			generationConfig: {
				maxOutputTokens: 2000,
				responseMimeType: 'application/json',
				responseJsonSchema: schema,
				thinkingConfig: { thinkingBudget: 2048, includeThoughts: false },
			},
		});
		expect(warnings).toEqual([]);
	});
});
