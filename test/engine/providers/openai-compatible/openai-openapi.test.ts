import { runChat } from '../../../../nodes/engine/chat/run-chat';
import {
	azureOpenAiProvider,
	deepSeekProvider,
	groqProvider,
	ollamaProvider,
	openAiCompatibleProvider,
	openAiProvider,
	openRouterProvider,
	togetherProvider,
	xaiProvider,
} from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-providers';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import type { ProviderDefinition } from '../../../../nodes/engine/providers/provider-registry';
import { openAiSchemaValidator, schemaErrors } from '../../../fixtures/openapi/openai-schemas';
import { WEATHER_TOOL, weatherConversation } from '../../../fixtures/weather-tool';
import { useMockProvider } from '../../../mock-provider/use-mock-provider';
import { settingsFor } from '../../chat/engine-settings';
import { connectionFor } from './build-chat-request';

/**
 * OpenAI's own OpenAPI document as the oracle: every body we send an OpenAI-style provider, for every kind
 * of request, must be a valid CreateChatCompletionRequest, and our output (without our `fusion` and `parsed`)
 * a valid CreateChatCompletionResponse. Mistral is left out: its body differs on purpose (random_seed,
 * document_url parts) and its mock checks it instead.
 */

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK';
const SCHEMA = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

const ask = (
	content: ModelCallRequest['messages'][number]['content'],
): ModelCallRequest['messages'] => [{ role: 'user', content }] as ModelCallRequest['messages'];

const COMBINATIONS: Record<string, Partial<ModelCallRequest>> = {
	text: { messages: [{ role: 'system', content: 'Be brief.' }, ...ask('Hi')] },
	'image URL': {
		messages: ask([
			{ type: 'text', text: 'What is this?' },
			{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
		]),
	},
	'image data URL with detail': {
		messages: ask([{ type: 'image_url', image_url: { url: PNG, detail: 'low' } }]),
	},
	'PDF file part': {
		messages: ask([
			{ type: 'text', text: 'Summarise.' },
			{ type: 'file', file: { filename: 'invoice.pdf', file_data: PDF } },
		]),
	},
	'developer role': { messages: [{ role: 'developer', content: 'Be brief.' }, ...ask('Hi')] },
	json_object: { response_format: { type: 'json_object' } },
	'json_schema strict': {
		response_format: {
			type: 'json_schema',
			json_schema: { name: 'person', schema: SCHEMA, strict: true, description: 'A person' },
		},
	},
	reasoning_effort: { reasoning_effort: 'low' },
	max_completion_tokens: { max_tokens: 300 },
	seed: { seed: 42 },
	user: { user: 'user-1234' },
	streaming: { stream: true },
	tools: { tools: [WEATHER_TOOL], parallel_tool_calls: false },
	'tool_choice named': {
		tools: [WEATHER_TOOL],
		tool_choice: { type: 'function', function: { name: 'get_weather' } },
	},
	'tool_choice required': { tools: [WEATHER_TOOL], tool_choice: 'required' },
	'tool call and result': {
		tools: [WEATHER_TOOL],
		tool_choice: 'auto',
		messages: weatherConversation('call_1', '18 degrees'),
	},
	'every setting': {
		max_tokens: 100,
		temperature: 0.2,
		top_p: 0.9,
		frequency_penalty: 0.1,
		presence_penalty: 0.1,
		stop: ['END'],
		seed: 1,
		user: 'u',
		stream: true,
	},
};

const PROVIDERS: Array<[ProviderDefinition, string]> = [
	[openAiProvider, 'gpt-5'],
	[azureOpenAiProvider, 'gpt-5'],
	[openRouterProvider, 'openai/gpt-5'],
	[groqProvider, 'openai/gpt-oss-120b'],
	[deepSeekProvider, 'deepseek-chat'],
	[xaiProvider, 'grok-3-mini'],
	[togetherProvider, 'openai/gpt-oss-120b'],
	[ollamaProvider, 'gpt-oss:20b'],
	[openAiCompatibleProvider, 'my-model'],
];

const CASES = PROVIDERS.flatMap(([provider, model]) =>
	Object.entries(COMBINATIONS).map(([combination, overrides]) => ({
		provider,
		name: provider.displayName,
		combination,
		request: { model, messages: ask('Hi'), stream: false, ...overrides } as ModelCallRequest,
	})),
);

function sentBody(
	provider: ProviderDefinition,
	request: ModelCallRequest,
): Record<string, unknown> {
	const { http } = provider.adapter.toChatRequest(request, connectionFor(provider));
	const body = http.body as Record<string, unknown>;
	// Azure names the deployment in the path; OpenAI's schema wants a model in the body.
	return 'model' in body ? body : { model: request.model, ...body };
}

describe('the bodies we send validate against CreateChatCompletionRequest', () => {
	const validate = openAiSchemaValidator('CreateChatCompletionRequest');

	it.each(CASES)('$name: $combination', ({ provider, request }) => {
		// What a provider cannot take at all is never sent (its candidates are skipped).
		if (provider.adapter.requestGap?.(request) !== undefined) return;
		expect(schemaErrors(validate, sentBody(provider, request))).toEqual([]);
	});

	it('checks every combination on OpenAI itself, none screened out', () => {
		const openAiCases = CASES.filter((entry) => entry.provider === openAiProvider);
		expect(openAiCases.map((entry) => openAiProvider.adapter.requestGap?.(entry.request))).toEqual(
			openAiCases.map(() => undefined),
		);
	});

	it('fails on a wrong body: the validator is no rubber stamp', () => {
		const good = sentBody(openAiProvider, CASES[2].request);
		expect(schemaErrors(validate, good)).toEqual([]);
		const imageAsString = {
			...good,
			messages: ask([{ type: 'image_url', image_url: 'https://example.com/cat.png' }] as never),
		};
		const badDetail = {
			...good,
			messages: ask([{ type: 'image_url', image_url: { url: PNG, detail: 'ultra' } }] as never),
		};
		const unknownPart = {
			...good,
			messages: ask([{ type: 'document_url', document_url: PDF }] as never),
		};
		for (const wrong of [
			imageAsString,
			badDetail,
			unknownPart,
			{ ...good, reasoning_effort: 'extreme' },
			{ ...good, tool_choice: 'any' },
			{ ...good, tools: [{ type: 'function', name: 'get_weather' }] },
		]) {
			expect(schemaErrors(validate, wrong)).not.toEqual([]);
		}
	});
});

describe('our output validates against CreateChatCompletionResponse', () => {
	const mock = useMockProvider();
	const validate = openAiSchemaValidator('CreateChatCompletionResponse');

	it.each([
		['a text answer', {}],
		[
			'a JSON answer',
			{ response_format: { type: 'json_schema', json_schema: { name: 'person', schema: SCHEMA } } },
		],
		['a streamed answer', { stream: true }],
		['a tool call', { tools: [WEATHER_TOOL] }],
		['a streamed tool call', { tools: [WEATHER_TOOL], stream: true }],
	])('%s', async (_name, extra) => {
		const output = await runChat(
			{ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...extra } as never,
			settingsFor({ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'key-0123456789' } }),
		);
		const { fusion, ...openAiPart } = output as unknown as Record<string, unknown> & {
			choices: Array<{ message: Record<string, unknown> }>;
		};
		expect(fusion).toBeDefined();
		// `parsed` is ours, like `fusion`: not in OpenAI's schema.
		const choices = openAiPart.choices.map((choice) => ({
			...choice,
			message: Object.fromEntries(
				Object.entries(choice.message).filter(([key]) => key !== 'parsed'),
			),
		}));
		expect(schemaErrors(validate, { ...openAiPart, choices })).toEqual([]);
	});
});
