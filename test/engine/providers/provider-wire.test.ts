import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { Usage } from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderId } from '../../../nodes/engine/providers/provider-registry';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import {
	recordedResponse,
	recordedSseEvents,
	type RecordedProvider,
} from '../../fixtures/recorded';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from '../chat/engine-settings';

/**
 * For every provider of the contract, over real HTTP: the exact path, the auth header and the body the
 * adapter sends for one unified request, and the recorded real answer mapped back into the unified output.
 */

const KEY = 'test-key-0123456789abcdef';

const unified = (model: string, stream = false): UnifiedChatRequest => ({
	model,
	messages: [
		{ role: 'system', content: 'Be brief.' },
		{ role: 'user', content: 'Say hello' },
	],
	max_tokens: 100,
	temperature: 0.5,
	stop: ['END'],
	...(stream ? { stream: true } : {}),
});

const openAiStyleMessages = [
	{ role: 'system', content: 'Be brief.' },
	{ role: 'user', content: 'Say hello' },
];

interface WireCase {
	provider: ProviderId;
	model: string;
	/** The base URL's path under the mock server. */
	basePath: string;
	apiVersion?: string;
	path: string;
	streamPath: string;
	headers: Record<string, string>;
	absentHeaders?: string[];
	body: Record<string, unknown>;
	streamBodyExtra: Record<string, unknown>;
	recorded: RecordedProvider;
	/** The finish reason of the recorded stream, where it differs from 'stop'. */
	streamFinish?: string;
	apiKey?: string;
}

const openAiStyle = (
	provider: ProviderId,
	model: string,
	basePath: string,
	recorded: RecordedProvider,
	extra: Partial<WireCase> = {},
): WireCase => ({
	provider,
	model: `${provider}/${model}`,
	basePath,
	path: `${basePath}/chat/completions`,
	streamPath: `${basePath}/chat/completions`,
	headers: { authorization: `Bearer ${KEY}` },
	body: { model, messages: openAiStyleMessages, max_tokens: 100, temperature: 0.5, stop: ['END'] },
	streamBodyExtra: { stream: true, stream_options: { include_usage: true } },
	recorded,
	...extra,
});

const cases: WireCase[] = [
	openAiStyle('openai', 'gpt-4o', '/v1', 'openai', {
		body: {
			model: 'gpt-4o',
			messages: openAiStyleMessages,
			max_completion_tokens: 100,
			temperature: 0.5,
			stop: ['END'],
		},
	}),
	{
		provider: 'anthropic',
		model: 'anthropic/claude-3-opus',
		basePath: '',
		path: '/v1/messages',
		streamPath: '/v1/messages',
		headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
		absentHeaders: ['authorization'],
		body: {
			model: 'claude-3-opus-20240229',
			system: 'Be brief.',
			messages: [{ role: 'user', content: 'Say hello' }],
			max_tokens: 100,
			temperature: 0.5,
			stop_sequences: ['END'],
		},
		streamBodyExtra: { stream: true },
		recorded: 'anthropic',
	},
	{
		provider: 'google',
		model: 'google/gemini-2.5-flash',
		basePath: '',
		path: '/v1beta/models/gemini-2.5-flash:generateContent',
		streamPath: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
		headers: { 'x-goog-api-key': KEY },
		absentHeaders: ['authorization'],
		body: {
			systemInstruction: { parts: [{ text: 'Be brief.' }] },
			contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
			generationConfig: { maxOutputTokens: 100, temperature: 0.5, stopSequences: ['END'] },
		},
		streamBodyExtra: {},
		recorded: 'google',
	},
	openAiStyle('mistral', 'mistral-small-latest', '/v1', 'mistral', {
		streamBodyExtra: { stream: true },
	}),
	openAiStyle('openrouter', 'anthropic/claude-3-opus', '/api/v1', 'openai', {
		headers: { authorization: `Bearer ${KEY}`, 'x-title': 'n8n-nodes-fusion' },
		streamBodyExtra: { stream: true },
	}),
	openAiStyle('groq', 'llama-3.3-70b-versatile', '/openai/v1', 'groq'),
	// The recorded DeepSeek stream was cut by its token limit.
	openAiStyle('deepseek', 'deepseek-chat', '', 'deepseek', { streamFinish: 'length' }),
	openAiStyle('xai', 'grok-3-mini', '/v1', 'xai', {
		// grok-3-mini is a reasoning model: xAI rejects `stop` there, so it is dropped with a warning.
		body: {
			model: 'grok-3-mini',
			messages: openAiStyleMessages,
			max_tokens: 100,
			temperature: 0.5,
		},
	}),
	openAiStyle('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', '/v1', 'openai', {
		streamBodyExtra: { stream: true },
	}),
	openAiStyle('ollama', 'llama3.2', '/v1', 'openai', {
		headers: {},
		absentHeaders: ['authorization'],
		apiKey: '',
	}),
	{
		...openAiStyle('azure', 'my-gpt4o', '', 'openai'),
		apiVersion: '2024-10-21',
		path: '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21',
		streamPath: '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21',
		headers: { 'api-key': KEY },
		absentHeaders: ['authorization'],
		body: { messages: openAiStyleMessages, max_tokens: 100, temperature: 0.5, stop: ['END'] },
	},
	openAiStyle('custom', 'my-local-model', '/v1', 'openai', { streamBodyExtra: { stream: true } }),
];

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

function connectionsFor(wire: WireCase) {
	return {
		[wire.provider]: {
			baseUrl: `${server.url}${wire.basePath}`,
			apiKey: wire.apiKey === undefined ? KEY : wire.apiKey || undefined,
			apiVersion: wire.apiVersion,
		},
	};
}

interface ExpectedAnswer {
	content: string;
	finish: string;
	usage?: Usage;
}

/** What the recorded body says, read directly in each provider's own format: the oracle for the mapping. */
function expectedFrom(recorded: RecordedProvider): ExpectedAnswer {
	const body = recordedResponse(recorded) as Record<string, any>;
	if (recorded === 'anthropic') {
		return {
			content: body.content[0].text,
			finish: 'stop',
			usage: { prompt_tokens: 12, completion_tokens: 29, total_tokens: 41 },
		};
	}
	if (recorded === 'google') {
		const meta = body.usageMetadata;
		return {
			content: body.candidates[0].content.parts[0].text,
			finish: 'stop',
			usage: {
				prompt_tokens: meta.promptTokenCount,
				completion_tokens: meta.candidatesTokenCount + meta.thoughtsTokenCount,
				total_tokens: meta.totalTokenCount,
				completion_tokens_details: { reasoning_tokens: meta.thoughtsTokenCount },
			},
		};
	}
	const usage = body.usage;
	const reasoning = usage.completion_tokens_details?.reasoning_tokens;
	// DeepSeek names its cached prompt tokens its own way.
	const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens;
	return {
		content: body.choices[0].message.content,
		finish: body.choices[0].finish_reason,
		usage: {
			prompt_tokens: usage.prompt_tokens,
			// The answer's tokens with its reasoning, OpenAI's sense, though xAI counts the reasoning apart.
			completion_tokens: usage.total_tokens - usage.prompt_tokens,
			total_tokens: usage.total_tokens,
			...(reasoning === undefined
				? {}
				: { completion_tokens_details: { reasoning_tokens: reasoning } }),
			...(cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: cached } }),
		},
	};
}

describe.each(cases)('$provider over the wire', (wire) => {
	it('sends the exact path, auth header and body, and maps the recorded answer back', async () => {
		server.reply(wire.path, { json: recordedResponse(wire.recorded) });
		const output = await runChat(unified(wire.model), settingsFor(connectionsFor(wire)));

		expect(server.requests).toHaveLength(1);
		const [sent] = server.requests;
		expect(sent.method).toBe('POST');
		expect(sent.path).toBe(wire.path);
		expect(sent.headers).toMatchObject(wire.headers);
		for (const header of wire.absentHeaders ?? []) expect(sent.headers[header]).toBeUndefined();
		expect(sent.headers['content-type']).toBe('application/json');
		expect(sent.body).toEqual(wire.body);

		const expected = expectedFrom(wire.recorded);
		expect(output.choices[0].message.content).toBe(expected.content);
		expect(output.choices[0].finish_reason).toBe(expected.finish);
		expect(output.usage).toEqual(expected.usage);
		expect(output.model).toBe(wire.model);
		expect(output.fusion.provider).toBe(wire.provider);
	});

	it('streams: asks for a stream and assembles the recorded chunks into the same output', async () => {
		const streamed = wire.recorded;
		server.reply(wire.streamPath, { sse: recordedSseEvents(streamed) });
		const output = await runChat(unified(wire.model, true), settingsFor(connectionsFor(wire)));

		const [sent] = server.requests;
		expect(sent.path).toBe(wire.streamPath);
		expect(sent.body).toEqual({ ...wire.body, ...wire.streamBodyExtra });
		expect(output.choices[0].message.content?.length).toBeGreaterThan(0);
		expect(output.choices[0].finish_reason).toBe(wire.streamFinish ?? 'stop');
		expect(output.object).toBe('chat.completion');
	});
});

describe('the assembled stream equals the recorded non-streamed answer in shape', () => {
	it.each(['openai', 'anthropic', 'google', 'mistral', 'groq', 'deepseek', 'xai'] as const)(
		'%s',
		async (recorded) => {
			const wire = cases.find((entry) => entry.recorded === recorded)!;
			server.reply(wire.path, { json: recordedResponse(recorded) });
			const plain = await runChat(unified(wire.model), settingsFor(connectionsFor(wire)));
			server.reply(wire.streamPath, { sse: recordedSseEvents(recorded) });
			const streamed = await runChat(unified(wire.model, true), settingsFor(connectionsFor(wire)));
			const shape = (value: unknown): unknown =>
				Array.isArray(value)
					? value.map(shape)
					: value !== null && typeof value === 'object'
						? Object.fromEntries(
								Object.entries(value)
									.filter(([key]) => !['latency_ms'].includes(key))
									.map(([key, inner]) => [key, shape(inner)]),
							)
						: typeof value;
			// The same item, plus the time to first token that only a stream has.
			const { ttft_ms: ttft, ...streamedFusion } = streamed.fusion;
			expect(ttft).toEqual(expect.any(Number));
			expect(shape({ ...streamed, fusion: streamedFusion })).toEqual(shape(plain));
			expect(streamed.usage.total_tokens).toBeGreaterThan(0);
		},
	);
});
