import { readFileSync } from 'fs';
import { join } from 'path';
import {
	geminiAdapter,
	geminiProvider,
} from '../../../../nodes/engine/providers/gemini/gemini-adapter';
import type {
	ModelCallRequest,
	ProviderConnection,
} from '../../../../nodes/engine/providers/provider-adapter';
import { modelCallRequest } from '../model-call-request';

const API_KEY = 'AIzaSyTEST-key-0123456789abcdefghij';
const connection: ProviderConnection = {
	baseUrl: 'https://generativelanguage.googleapis.com',
	apiKey: API_KEY,
};

const request = (overrides: Partial<ModelCallRequest> = {}) =>
	modelCallRequest('gemini-2.5-flash', {
		messages: [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Hello' },
		],
		max_tokens: 100,
		...overrides,
	});

describe('geminiAdapter.toChatRequest', () => {
	it('posts to generateContent with the key in a header and the translated body', () => {
		expect(geminiAdapter.toChatRequest(request(), connection)).toStrictEqual({
			http: {
				method: 'POST',
				url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
				headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
				body: {
					contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
					systemInstruction: { parts: [{ text: 'Be brief.' }] },
					generationConfig: { maxOutputTokens: 100 },
				},
			},
			warnings: [],
		});
	});

	it('posts to streamGenerateContent with alt=sse when streaming, with the same body', () => {
		const streamed = geminiAdapter.toChatRequest(request({ stream: true }), connection);
		const plain = geminiAdapter.toChatRequest(request(), connection);
		expect(streamed.http.url).toBe(
			'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
		);
		expect(streamed.http.body).toStrictEqual(plain.http.body);
	});

	it('never puts the key in the URL', () => {
		for (const stream of [false, true]) {
			const { http } = geminiAdapter.toChatRequest(request({ stream }), connection);
			expect(http.url).not.toContain(API_KEY);
			expect(http.url).not.toMatch(/[?&]key=/);
		}
		expect(geminiAdapter.toModelListRequest(connection).url).not.toContain(API_KEY);
	});

	it('drops a leading models/ from the name and encodes the rest as one path segment', () => {
		const url = (model: string) =>
			geminiAdapter.toChatRequest(request({ model }), connection).http.url;
		expect(url('models/gemini-2.5-flash')).toBe(url('gemini-2.5-flash'));
		expect(url('odd name/../x?y#z')).toBe(
			'https://generativelanguage.googleapis.com/v1beta/models/odd%20name%2F..%2Fx%3Fy%23z:generateContent',
		);
	});

	it('uses a custom base URL and passes the conversion warnings on', () => {
		const built = geminiAdapter.toChatRequest(
			request({
				messages: [
					{ role: 'user', content: '' },
					{ role: 'user', content: 'Hi' },
				],
			}),
			{ baseUrl: 'http://localhost:8080/gemini', apiKey: API_KEY },
		);
		expect(built.http.url).toBe(
			'http://localhost:8080/gemini/v1beta/models/gemini-2.5-flash:generateContent',
		);
		expect(built.warnings).toEqual([
			'messages[0] (user) is empty and was not sent: Gemini refuses empty text',
		]);
	});

	it('sends no key header when the connection has no key', () => {
		const { http } = geminiAdapter.toChatRequest(request(), { baseUrl: connection.baseUrl });
		expect(http.headers).toStrictEqual({ 'content-type': 'application/json' });
	});
});

describe('geminiAdapter.toModelListRequest', () => {
	it('lists the models in one page, with the key header', () => {
		expect(geminiAdapter.toModelListRequest(connection)).toStrictEqual({
			method: 'GET',
			url: 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000',
			headers: { 'x-goog-api-key': API_KEY },
		});
	});
});

describe('geminiAdapter responses', () => {
	it('reads the recorded answer and a Gemini error body', () => {
		const recorded: unknown = JSON.parse(
			readFileSync(join(__dirname, '../../../fixtures/recorded/google-text.json'), 'utf8'),
		);
		expect(geminiAdapter.fromChatResponse(recorded).usage).toEqual({
			prompt_tokens: 9,
			completion_tokens: 272,
			total_tokens: 281,
			completion_tokens_details: { reasoning_tokens: 244 },
		});
		expect(
			geminiAdapter.errorDetailFromBody({
				error: { code: 429, message: 'Quota.', status: 'RESOURCE_EXHAUSTED' },
			}),
		).toEqual({ message: 'Quota.', code: 'RESOURCE_EXHAUSTED', kind: 'rate_limit' });
	});

	it('gives a fresh assembler per call', () => {
		const first = geminiAdapter.createStreamAssembler();
		const second = geminiAdapter.createStreamAssembler();
		first.push({
			data: JSON.stringify({
				candidates: [{ content: { parts: [{ text: 'a' }] }, finishReason: 'STOP' }],
			}),
		});
		second.push({
			data: JSON.stringify({
				candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }],
			}),
		});
		expect(first.finish().content).toBe('a');
		expect(second.finish().content).toBe('b');
	});
});

describe('geminiProvider', () => {
	it('declares the contract values and this adapter', () => {
		expect(geminiProvider).toMatchObject({
			id: 'google',
			displayName: 'Google Gemini',
			credentialType: 'fusionGoogleGeminiApi',
			modelPrefixes: ['google/', 'gemini/'],
			defaultBaseUrl: 'https://generativelanguage.googleapis.com',
			apiKeyRequired: true,
			auth: { keyHeader: 'x-goog-api-key' },
			adapter: geminiAdapter,
		});
	});
});
