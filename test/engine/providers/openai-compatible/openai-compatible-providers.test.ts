import {
	AZURE_DEFAULT_API_VERSION,
	azureOpenAiProvider,
	deepSeekProvider,
	groqProvider,
	mistralProvider,
	ollamaProvider,
	openAiCompatibleProvider,
	openAiProvider,
	openRouterProvider,
	togetherProvider,
	xaiProvider,
} from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-providers';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import {
	buildChatRequest as build,
	connectionFor,
	HI as messages,
	TEST_KEY as KEY,
} from './build-chat-request';

/** Every sampling setting, to see which ones reach the body. */
const ALL_SETTINGS = {
	max_tokens: 100,
	temperature: 0.7,
	top_p: 0.9,
	frequency_penalty: 0.1,
	presence_penalty: 0.2,
	stop: ['###'],
} satisfies Partial<ModelCallRequest>;

describe('the OpenAI-compatible providers', () => {
	it('are the ten of the contract, with its ids, credential types, prefixes and base URLs', () => {
		expect(
			[
				openAiProvider,
				mistralProvider,
				openRouterProvider,
				groqProvider,
				deepSeekProvider,
				xaiProvider,
				togetherProvider,
				ollamaProvider,
				azureOpenAiProvider,
				openAiCompatibleProvider,
			].map(
				({ id, displayName, credentialType, modelPrefixes, defaultBaseUrl, apiKeyRequired }) => ({
					id,
					displayName,
					credentialType,
					modelPrefixes,
					defaultBaseUrl,
					apiKeyRequired,
				}),
			),
		).toStrictEqual([
			{
				id: 'openai',
				displayName: 'OpenAI',
				credentialType: 'fusionOpenAiApi',
				modelPrefixes: ['openai/'],
				defaultBaseUrl: 'https://api.openai.com/v1',
				apiKeyRequired: true,
			},
			{
				id: 'mistral',
				displayName: 'Mistral',
				credentialType: 'fusionMistralApi',
				modelPrefixes: ['mistral/', 'mistralai/'],
				defaultBaseUrl: 'https://api.mistral.ai/v1',
				apiKeyRequired: true,
			},
			{
				id: 'openrouter',
				displayName: 'OpenRouter',
				credentialType: 'fusionOpenRouterApi',
				modelPrefixes: ['openrouter/'],
				defaultBaseUrl: 'https://openrouter.ai/api/v1',
				apiKeyRequired: true,
			},
			{
				id: 'groq',
				displayName: 'Groq',
				credentialType: 'fusionGroqApi',
				modelPrefixes: ['groq/'],
				defaultBaseUrl: 'https://api.groq.com/openai/v1',
				apiKeyRequired: true,
			},
			{
				id: 'deepseek',
				displayName: 'DeepSeek',
				credentialType: 'fusionDeepSeekApi',
				modelPrefixes: ['deepseek/'],
				defaultBaseUrl: 'https://api.deepseek.com',
				apiKeyRequired: true,
			},
			{
				id: 'xai',
				displayName: 'xAI',
				credentialType: 'fusionXaiApi',
				modelPrefixes: ['xai/', 'x-ai/'],
				defaultBaseUrl: 'https://api.x.ai/v1',
				apiKeyRequired: true,
			},
			{
				id: 'together',
				displayName: 'Together AI',
				credentialType: 'fusionTogetherApi',
				modelPrefixes: ['together/'],
				defaultBaseUrl: 'https://api.together.xyz/v1',
				apiKeyRequired: true,
			},
			{
				id: 'ollama',
				displayName: 'Ollama',
				credentialType: 'fusionOllamaApi',
				modelPrefixes: ['ollama/'],
				defaultBaseUrl: 'http://localhost:11434/v1',
				apiKeyRequired: false,
			},
			{
				id: 'azure',
				displayName: 'Azure OpenAI',
				credentialType: 'fusionAzureOpenAiApi',
				modelPrefixes: ['azure/'],
				defaultBaseUrl: undefined,
				apiKeyRequired: true,
			},
			{
				id: 'custom',
				displayName: 'OpenAI-Compatible',
				credentialType: 'fusionOpenAiCompatibleApi',
				modelPrefixes: ['custom/'],
				defaultBaseUrl: undefined,
				apiKeyRequired: false,
			},
		]);
		expect(AZURE_DEFAULT_API_VERSION).toBe('2024-10-21');
	});

	describe('chat URL and auth', () => {
		it.each([
			[openAiProvider, 'https://api.openai.com/v1/chat/completions'],
			[mistralProvider, 'https://api.mistral.ai/v1/chat/completions'],
			[openRouterProvider, 'https://openrouter.ai/api/v1/chat/completions'],
			[groqProvider, 'https://api.groq.com/openai/v1/chat/completions'],
			[deepSeekProvider, 'https://api.deepseek.com/chat/completions'],
			[xaiProvider, 'https://api.x.ai/v1/chat/completions'],
			[togetherProvider, 'https://api.together.xyz/v1/chat/completions'],
			[ollamaProvider, 'http://localhost:11434/v1/chat/completions'],
		])('%# %s posts to %s with a bearer key and the model in the body', (provider, url) => {
			const { http } = build(provider, { model: 'the-model' });
			expect(http.method).toBe('POST');
			expect(http.url).toBe(url);
			expect(http.headers.authorization).toBe(`Bearer ${KEY}`);
			expect(http.body).toMatchObject({ model: 'the-model' });
		});

		it('custom posts to the chat path of the base URL it is given', () => {
			const { http } = build(
				openAiCompatibleProvider,
				{ model: 'llama3' },
				{ baseUrl: 'http://vllm.internal:8000/v1' },
			);
			expect(http.url).toBe('http://vllm.internal:8000/v1/chat/completions');
			expect(http.body).toMatchObject({ model: 'llama3' });
		});

		it('Azure posts to the deployment with the api-version, an api-key header and no model in the body', () => {
			const { http } = build(azureOpenAiProvider, { model: 'gpt-4o-prod' });
			expect(http.url).toBe(
				'https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21',
			);
			expect(http.headers['api-key']).toBe(KEY);
			expect(http.headers).not.toHaveProperty('authorization');
			expect(http.body).toStrictEqual({ messages });
		});

		it("Azure uses the credential's api version when it has one", () => {
			const { http } = build(
				azureOpenAiProvider,
				{ model: 'o4-mini' },
				{ apiVersion: '2025-04-01-preview' },
			);
			expect(http.url).toBe(
				'https://my-resource.openai.azure.com/openai/deployments/o4-mini/chat/completions?api-version=2025-04-01-preview',
			);
		});

		it('Ollama without a key sends no auth header', () => {
			const { http } = build(ollamaProvider, {}, { apiKey: undefined });
			expect(http.headers).toStrictEqual({
				'content-type': 'application/json',
				accept: 'application/json',
			});
		});

		it('OpenRouter names the app with X-Title', () => {
			expect(build(openRouterProvider, {}).http.headers['x-title']).toBe('n8n-nodes-fusion');
			expect(build(openAiProvider, {}).http.headers).not.toHaveProperty('x-title');
		});
	});

	describe('settings sent', () => {
		it('OpenAI names the limit max_completion_tokens and sends every setting to a chat model', () => {
			const built = build(openAiProvider, { model: 'gpt-4.1', ...ALL_SETTINGS });
			expect(built.http.body).toStrictEqual({
				model: 'gpt-4.1',
				messages,
				max_completion_tokens: 100,
				temperature: 0.7,
				top_p: 0.9,
				frequency_penalty: 0.1,
				presence_penalty: 0.2,
				stop: ['###'],
			});
			expect(built.warnings).toStrictEqual([]);
		});

		it.each(['o3', 'o4-mini', 'o1-2024-12-17', 'gpt-5', 'gpt-5-mini'])(
			'OpenAI leaves the sampling settings out for the reasoning model %s, with warnings',
			(model) => {
				const built = build(openAiProvider, { model, ...ALL_SETTINGS });
				expect(built.http.body).toStrictEqual({ model, messages, max_completion_tokens: 100 });
				expect(built.warnings).toStrictEqual(
					['temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'stop'].map(
						(parameter) =>
							`${parameter} was not sent to ${model}: OpenAI reasoning models (o-series, gpt-5) reject it`,
					),
				);
			},
		);

		it.each(['gpt-5-chat-latest', 'gpt-5.1', 'gpt-4o', 'omni-moderation-latest'])(
			'OpenAI sends every setting to %s',
			(model) => {
				expect(build(openAiProvider, { model, ...ALL_SETTINGS }).warnings).toStrictEqual([]);
			},
		);

		it.each([
			mistralProvider,
			openRouterProvider,
			groqProvider,
			togetherProvider,
			ollamaProvider,
			openAiCompatibleProvider,
		])('%# %s names the limit max_tokens and sends every setting', (provider) => {
			const built = build(provider, { model: 'any-model', ...ALL_SETTINGS });
			expect(built.http.body).toStrictEqual({
				model: 'any-model',
				messages,
				max_tokens: 100,
				temperature: 0.7,
				top_p: 0.9,
				frequency_penalty: 0.1,
				presence_penalty: 0.2,
				stop: ['###'],
			});
			expect(built.warnings).toStrictEqual([]);
		});

		it('DeepSeek sends every setting to deepseek-chat but not the ignored ones to deepseek-reasoner', () => {
			expect(
				build(deepSeekProvider, { model: 'deepseek-chat', ...ALL_SETTINGS }).warnings,
			).toStrictEqual([]);
			const reasoner = build(deepSeekProvider, { model: 'deepseek-reasoner', ...ALL_SETTINGS });
			expect(reasoner.http.body).toStrictEqual({
				model: 'deepseek-reasoner',
				messages,
				max_tokens: 100,
				stop: ['###'],
			});
			expect(reasoner.warnings).toHaveLength(4);
			expect(reasoner.warnings[0]).toBe(
				'temperature was not sent to deepseek-reasoner: deepseek-reasoner accepts it but ignores it',
			);
		});

		it('xAI leaves penalties and stop out for reasoning models only', () => {
			for (const model of [
				'grok-4',
				'grok-4-1-fast-reasoning',
				'grok-3-mini',
				'grok-code-fast-1',
			]) {
				const built = build(xaiProvider, { model, ...ALL_SETTINGS });
				expect(built.http.body).toStrictEqual({
					model,
					messages,
					max_tokens: 100,
					temperature: 0.7,
					top_p: 0.9,
				});
				expect(built.warnings).toStrictEqual([
					`frequency_penalty was not sent to ${model}: xAI reasoning models reject it`,
					`presence_penalty was not sent to ${model}: xAI reasoning models reject it`,
					`stop was not sent to ${model}: xAI reasoning models reject it`,
				]);
			}
			expect(
				build(xaiProvider, { model: 'grok-4-fast-non-reasoning', ...ALL_SETTINGS }).warnings,
			).toStrictEqual([]);
			expect(build(xaiProvider, { model: 'grok-3', ...ALL_SETTINGS }).warnings).toStrictEqual([
				'presence_penalty was not sent to grok-3: grok-3 rejects it',
			]);
		});

		it('Azure names the limit max_tokens, and max_completion_tokens for a reasoning deployment', () => {
			expect(
				build(azureOpenAiProvider, { model: 'gpt-4o', ...ALL_SETTINGS }).http.body,
			).toStrictEqual({
				messages,
				max_tokens: 100,
				temperature: 0.7,
				top_p: 0.9,
				frequency_penalty: 0.1,
				presence_penalty: 0.2,
				stop: ['###'],
			});
			const reasoning = build(azureOpenAiProvider, { model: 'o4-mini', ...ALL_SETTINGS });
			expect(reasoning.http.body).toStrictEqual({ messages, max_completion_tokens: 100 });
			expect(reasoning.warnings).toHaveLength(5);
		});
	});

	describe('streaming', () => {
		it.each([
			openAiProvider,
			groqProvider,
			deepSeekProvider,
			xaiProvider,
			ollamaProvider,
			azureOpenAiProvider,
		])('%# %s asks for the usage with stream_options', (provider) => {
			const { http } = build(provider, { stream: true });
			expect(http.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
			expect(http.headers.accept).toBe('text/event-stream');
		});

		it.each([mistralProvider, openRouterProvider, togetherProvider, openAiCompatibleProvider])(
			'%# %s streams without stream_options',
			(provider) => {
				const body = build(provider, { stream: true }).http.body as Record<string, unknown>;
				expect(body.stream).toBe(true);
				expect(body).not.toHaveProperty('stream_options');
			},
		);

		it('sends no stream field when not streaming', () => {
			expect(build(openAiProvider, {}).http.body).not.toHaveProperty('stream');
		});
	});

	describe('model list', () => {
		it.each([
			[openAiProvider, 'https://api.openai.com/v1/models'],
			[mistralProvider, 'https://api.mistral.ai/v1/models'],
			[openRouterProvider, 'https://openrouter.ai/api/v1/models'],
			[groqProvider, 'https://api.groq.com/openai/v1/models'],
			[deepSeekProvider, 'https://api.deepseek.com/models'],
			[xaiProvider, 'https://api.x.ai/v1/models'],
			[togetherProvider, 'https://api.together.xyz/v1/models'],
			[ollamaProvider, 'http://localhost:11434/v1/models'],
		])('%# %s lists models at %s with its bearer key', (provider, url) => {
			expect(provider.adapter.toModelListRequest(connectionFor(provider))).toStrictEqual({
				method: 'GET',
				url,
				headers: {
					...(provider === openRouterProvider ? { 'x-title': 'n8n-nodes-fusion' } : {}),
					authorization: `Bearer ${KEY}`,
					accept: 'application/json',
				},
			});
		});

		it('Azure lists its models with the api-version and the api-key header', () => {
			expect(
				azureOpenAiProvider.adapter.toModelListRequest(connectionFor(azureOpenAiProvider)),
			).toStrictEqual({
				method: 'GET',
				url: 'https://my-resource.openai.azure.com/openai/models?api-version=2024-10-21',
				headers: { 'api-key': KEY, accept: 'application/json' },
			});
		});
	});
});
