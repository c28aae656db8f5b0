import { fromOpenAiModelList } from '../../../../nodes/engine/providers/openai-compatible/from-openai-model-list';
import type { OpenAiCompatibleConfig } from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-config';
import { toOpenAiCompatibleRequest } from '../../../../nodes/engine/providers/openai-compatible/to-openai-compatible-request';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { BEARER_AUTH } from '../../../../nodes/engine/providers/provider-definition';

const config: OpenAiCompatibleConfig = {
	chatPath: '/chat/completions',
	modelListPath: '/models',
	modelInBody: true,
	auth: BEARER_AUTH,
	fromModelList: fromOpenAiModelList,
	tokenLimitField: 'max_tokens',
	streamUsageOption: true,
};

const connection = { baseUrl: 'https://llm.example/v1', apiKey: 'key-123456' };
const messages: ModelCallRequest['messages'] = [
	{ role: 'system', content: 'Be brief.' },
	{ role: 'user', content: 'Hi' },
];
const request = (overrides: Partial<ModelCallRequest> = {}): ModelCallRequest => ({
	model: 'some-model',
	messages,
	stream: false,
	...overrides,
});

describe('toOpenAiCompatibleRequest', () => {
	it('sends only the model and messages when nothing else is set', () => {
		expect(toOpenAiCompatibleRequest(request(), connection, config)).toStrictEqual({
			http: {
				method: 'POST',
				url: 'https://llm.example/v1/chat/completions',
				headers: {
					authorization: 'Bearer key-123456',
					'content-type': 'application/json',
					accept: 'application/json',
				},
				body: { model: 'some-model', messages },
			},
			warnings: [],
		});
	});

	it('sends every setting in OpenAI vocabulary, stop as the given array', () => {
		const built = toOpenAiCompatibleRequest(
			request({
				max_tokens: 300,
				temperature: 0,
				top_p: 0.9,
				frequency_penalty: 0.5,
				presence_penalty: -0.5,
				stop: ['END', '\n\n'],
			}),
			connection,
			config,
		);
		expect(built.http.body).toStrictEqual({
			model: 'some-model',
			messages,
			max_tokens: 300,
			temperature: 0,
			top_p: 0.9,
			frequency_penalty: 0.5,
			presence_penalty: -0.5,
			stop: ['END', '\n\n'],
		});
		expect(built.warnings).toStrictEqual([]);
	});

	it('leaves out an empty stop list', () => {
		expect(
			toOpenAiCompatibleRequest(request({ stop: [] }), connection, config).http.body,
		).not.toHaveProperty('stop');
	});

	it('streams with stream_options when the provider takes it, and asks for an event stream', () => {
		const built = toOpenAiCompatibleRequest(request({ stream: true }), connection, config);
		expect(built.http.body).toStrictEqual({
			model: 'some-model',
			messages,
			stream: true,
			stream_options: { include_usage: true },
		});
		expect(built.http.headers.accept).toBe('text/event-stream');
	});

	it('streams without stream_options when the provider does not take it', () => {
		const built = toOpenAiCompatibleRequest(request({ stream: true }), connection, {
			...config,
			streamUsageOption: false,
		});
		expect(built.http.body).toStrictEqual({ model: 'some-model', messages, stream: true });
	});

	it('names the token limit as the provider does', () => {
		const built = toOpenAiCompatibleRequest(request({ max_tokens: 64 }), connection, {
			...config,
			tokenLimitField: 'max_completion_tokens',
		});
		expect(built.http.body).toStrictEqual({
			model: 'some-model',
			messages,
			max_completion_tokens: 64,
		});
	});

	it('leaves out what a matching rule refuses, with one warning per setting', () => {
		const built = toOpenAiCompatibleRequest(
			request({ model: 'think-1', temperature: 0.2, top_p: 0.5, stop: ['x'] }),
			connection,
			{
				...config,
				modelRules: [
					{
						models: /^think-/,
						unsupportedParameters: ['temperature', 'stop'],
						reason: 'thinking models reject it',
					},
				],
			},
		);
		expect(built.http.body).toStrictEqual({ model: 'think-1', messages, top_p: 0.5 });
		expect(built.warnings).toStrictEqual([
			'temperature was not sent to think-1: thinking models reject it',
			'stop was not sent to think-1: thinking models reject it',
		]);
	});

	it('ignores rules for other models', () => {
		const built = toOpenAiCompatibleRequest(
			request({ model: 'chat-1', temperature: 0.2 }),
			connection,
			{
				...config,
				modelRules: [{ models: /^think-/, unsupportedParameters: ['temperature'], reason: 'no' }],
			},
		);
		expect(built.http.body).toStrictEqual({ model: 'chat-1', messages, temperature: 0.2 });
		expect(built.warnings).toStrictEqual([]);
	});

	it('applies a rule without models to every model, and the first matching token field', () => {
		const built = toOpenAiCompatibleRequest(
			request({ model: 'think-1', max_tokens: 10, presence_penalty: 1 }),
			connection,
			{
				...config,
				modelRules: [
					{ unsupportedParameters: ['presence_penalty'], reason: 'this server ignores it' },
					{
						models: /^think-/,
						tokenLimitField: 'max_completion_tokens',
						reason: 'thinking models need it',
					},
					{ models: /^think-/, tokenLimitField: 'max_tokens', reason: 'never reached' },
				],
			},
		);
		expect(built.http.body).toStrictEqual({
			model: 'think-1',
			messages,
			max_completion_tokens: 10,
		});
		expect(built.warnings).toStrictEqual([
			'presence_penalty was not sent to think-1: this server ignores it',
		]);
	});

	it('puts the model in the path, not the body, with the api-version of the connection or the default', () => {
		const azure: OpenAiCompatibleConfig = {
			...config,
			chatPath: '/openai/deployments/{model}/chat/completions',
			modelInBody: false,
			auth: { keyHeader: 'api-key' },
			defaultApiVersion: '2024-10-21',
		};
		const built = toOpenAiCompatibleRequest(
			request({ model: 'my gpt/4o' }),
			{ baseUrl: 'https://r.openai.azure.com', apiKey: 'k-123456' },
			azure,
		);
		expect(built.http.url).toBe(
			'https://r.openai.azure.com/openai/deployments/my%20gpt%2F4o/chat/completions?api-version=2024-10-21',
		);
		expect(built.http.headers['api-key']).toBe('k-123456');
		expect(built.http.headers).not.toHaveProperty('authorization');
		expect(built.http.body).toStrictEqual({ messages });
		const pinned = toOpenAiCompatibleRequest(
			request(),
			{ baseUrl: 'https://r.openai.azure.com', apiKey: 'k', apiVersion: '2025-04-01-preview' },
			azure,
		);
		expect(pinned.http.url).toBe(
			'https://r.openai.azure.com/openai/deployments/some-model/chat/completions?api-version=2025-04-01-preview',
		);
	});

	it('ignores an api-version for a provider that is not versioned so', () => {
		const built = toOpenAiCompatibleRequest(
			request(),
			{ ...connection, apiVersion: '2024-10-21' },
			config,
		);
		expect(built.http.url).toBe('https://llm.example/v1/chat/completions');
	});

	it('sends no auth header without a key, or with a blank one', () => {
		for (const apiKey of [undefined, '', '  ']) {
			const headers = toOpenAiCompatibleRequest(
				request(),
				{ baseUrl: 'http://localhost:11434/v1', apiKey },
				config,
			).http.headers;
			expect(headers).toStrictEqual({
				'content-type': 'application/json',
				accept: 'application/json',
			});
		}
	});

	it('adds the fixed headers of the provider', () => {
		const headers = toOpenAiCompatibleRequest(request(), connection, {
			...config,
			headers: { 'x-title': 'n8n-nodes-fusion' },
		}).http.headers;
		expect(headers['x-title']).toBe('n8n-nodes-fusion');
		expect(headers.authorization).toBe('Bearer key-123456');
	});

	it('does not change the request it is given', () => {
		const given = request({ stop: ['a'], temperature: 1 });
		const copy = JSON.parse(JSON.stringify(given)) as ModelCallRequest;
		toOpenAiCompatibleRequest(given, connection, {
			...config,
			modelRules: [{ unsupportedParameters: ['stop'], reason: 'no' }],
		});
		expect(given).toStrictEqual(copy);
	});

	it('passes parts, the developer role and the new options through as the user wrote them', () => {
		const partsMessages: ModelCallRequest['messages'] = [
			{ role: 'developer', content: 'Answer in JSON.' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Read these.' },
					{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
					{
						type: 'file',
						file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' },
					},
				],
			},
		];
		const response_format = {
			type: 'json_schema' as const,
			json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
		};
		const options = { response_format, reasoning_effort: 'high' as const, seed: 3, user: 'u-1' };
		const { http, warnings } = toOpenAiCompatibleRequest(
			request({ messages: partsMessages, max_tokens: 100, ...options }),
			connection,
			config,
		);
		expect(http.body).toStrictEqual({
			model: 'some-model',
			messages: partsMessages,
			max_tokens: 100,
			...options,
		});
		expect(warnings).toEqual([]);
	});
});
