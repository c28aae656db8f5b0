import { runChat } from '../../nodes/engine/chat/run-chat';
import { AllModelsFailedError } from '../../nodes/engine/strategies/all-models-failed-error';
import type { UnifiedChatRequest } from '../../nodes/engine/request/unified-request';
import { settingsFor } from '../engine/chat/engine-settings';
import { MockProviderServer, type MockReply, type RecordedRequest } from './mock-provider-server';
import {
	simulatedAnswerText,
	simulatedVerdict,
	simulateProviderReply,
	simulatorDirectives,
} from './provider-simulator';

/**
 * The simulator is what the demo shows and what several suites assert on: its answers must stay deterministic,
 * its wire formats parse with the engine's own readers, and the behaviours a model name asks for must happen.
 */

const post = (path: string, body: unknown): RecordedRequest => ({
	method: 'POST',
	path,
	headers: {},
	body,
	receivedAt: 0,
});
const chat = (model: string, extra: Record<string, unknown> = {}) => ({
	model,
	messages: [{ role: 'user', content: 'Hi there' }],
	...extra,
});

const jsonOf = (reply: MockReply) => {
	if (!('json' in reply)) throw new Error(`expected a JSON reply, got ${JSON.stringify(reply)}`);
	return reply.json as Record<string, unknown>;
};
const sseOf = (reply: MockReply) => {
	if (!('sse' in reply)) throw new Error(`expected a stream, got ${JSON.stringify(reply)}`);
	return reply;
};

describe('directives in the model name', () => {
	it.each([
		['sim-fail-503', { failStatus: 503 }],
		['sim-slow-2000-fail-429', { slowMs: 2000, failStatus: 429 }],
		['gpt-4o-mini-sim-drip-150', { dripMs: 150 }],
		['claude-sim-slow-999999', { slowMs: 120_000 }],
		['sim-fail-200', { failStatus: 500 }],
		['gpt-4o-mini', {}],
		['simple-fail-500', {}],
		['sim-slow-100x', {}],
	])('%s', (model, expected) => {
		expect(simulatorDirectives(model)).toEqual(expected);
	});
});

describe('replies', () => {
	it('keeps the deterministic answer of a plain model', () => {
		const body = jsonOf(simulateProviderReply(post('/v1/chat/completions', chat('gpt-4o-mini'))));
		expect(body).toMatchObject({
			object: 'chat.completion',
			choices: [{ message: { content: simulatedAnswerText('gpt-4o-mini', 'Hi there') } }],
		});
	});

	it('answers a failing model with each provider’s own error body', () => {
		const openAi = simulateProviderReply(post('/v1/chat/completions', chat('sim-fail-503')));
		expect(openAi).toMatchObject({
			status: 503,
			json: { error: { type: 'server_error', message: expect.stringContaining('sim-fail-503') } },
		});
		const mistral = simulateProviderReply(
			post('/mistral/v1/chat/completions', chat('sim-fail-401')),
		);
		expect(mistral).toMatchObject({
			status: 401,
			json: { object: 'error', code: 'invalid_api_key' },
		});
		const anthropic = simulateProviderReply(
			post('/v1/messages', chat('sim-fail-529', { max_tokens: 10 })),
		);
		expect(anthropic).toMatchObject({
			status: 529,
			json: { type: 'error', error: { type: 'overloaded_error' } },
		});
		const gemini = simulateProviderReply(
			post('/v1beta/models/sim-fail-429:generateContent', {
				contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
			}),
		);
		expect(gemini).toMatchObject({
			status: 429,
			headers: { 'retry-after': '1' },
			json: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
		});
	});

	it('delays a slow model and spaces the chunks of a dripping stream', () => {
		expect(
			simulateProviderReply(post('/v1/chat/completions', chat('sim-slow-1500'))),
		).toMatchObject({ delayMs: 1500 });
		const stream = sseOf(
			simulateProviderReply(post('/v1/chat/completions', chat('sim-drip-40', { stream: true }))),
		);
		expect(stream.eventDelayMs).toBe(40);
		expect(stream.delayMs).toBeUndefined();
	});

	it('speaks Mistral’s dialect under a /mistral/ path: tool_calls null, usage on the last chunk', () => {
		const body = jsonOf(
			simulateProviderReply(post('/mistral/v1/chat/completions', chat('mistral-small-latest'))),
		);
		expect(body.choices).toEqual([
			{
				index: 0,
				finish_reason: 'stop',
				message: {
					role: 'assistant',
					tool_calls: null,
					content: simulatedAnswerText('mistral-small-latest', 'Hi there'),
				},
			},
		]);
		const events = sseOf(
			simulateProviderReply(
				post('/mistral/v1/chat/completions', chat('mistral-small-latest', { stream: true })),
			),
		).sse;
		expect(events.at(-1)?.data).toBe('[DONE]');
		expect(JSON.parse(events.at(-2)?.data ?? '')).toMatchObject({
			choices: [{ finish_reason: 'stop' }],
			usage: { completion_tokens: expect.any(Number) },
		});
	});

	it('reads text from content parts and blocks, and a Gemini turn without a role', () => {
		const parts = jsonOf(
			simulateProviderReply(
				post('/v1/chat/completions', {
					model: 'm',
					messages: [{ role: 'user', content: [{ type: 'text', text: 'From parts' }] }],
				}),
			),
		);
		expect(JSON.stringify(parts)).toContain('answer to: From parts');
		const gemini = jsonOf(
			simulateProviderReply(
				post('/v1beta/models/gemini-2.5-flash:generateContent', {
					contents: [{ parts: [{ text: 'No role' }] }],
				}),
			),
		);
		expect(JSON.stringify(gemini)).toContain('answer to: No role');
	});

	it('rejects what the provider would reject, in its format', () => {
		expect(simulateProviderReply(post('/v1/chat/completions', 'not json'))).toMatchObject({
			status: 400,
			json: { error: { type: 'invalid_request_error' } },
		});
		expect(simulateProviderReply(post('/v1/chat/completions', { model: 'gpt-4o' }))).toMatchObject({
			status: 400,
			json: { error: { message: expect.stringContaining('messages') } },
		});
		expect(simulateProviderReply(post('/v1/messages', chat('claude-haiku-4-5')))).toMatchObject({
			status: 400,
			json: { error: { message: 'max_tokens: Field required' } },
		});
		expect(
			simulateProviderReply(post('/v1beta/models/gemini-2.5-flash:generateContent', {})),
		).toMatchObject({ status: 400, json: { error: { status: 'INVALID_ARGUMENT' } } });
		expect(
			simulateProviderReply({ ...post('/v1/chat/completions', ''), method: 'GET' }),
		).toMatchObject({ status: 405 });
		expect(
			simulateProviderReply(
				post(
					'/mistral/v1/chat/completions',
					chat('mistral-small-latest', { stream_options: { include_usage: true } }),
				),
			),
		).toMatchObject({
			status: 422,
			json: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'] }] },
		});
	});

	it('answers a judge with the number of the longest answer', () => {
		const judge =
			'Conversation:\n[user]\nQ?\n\nAnswer 1:\nShort.\n\nAnswer 2:\nA longer one.\n\nAnswer 3:\nMid size.\n\nWhich answer is best? Reply with its number only.';
		expect(simulatedVerdict(judge)).toBe('2');
		expect(simulatedVerdict('Answer 1:\nx\n\nAnswer 2:\ny')).toBeUndefined();
	});
});

describe('over HTTP, read by the engine', () => {
	let server: MockProviderServer;
	beforeAll(async () => {
		server = await MockProviderServer.start();
	});
	afterAll(async () => server.close());

	const connections = () => ({
		openai: { baseUrl: `${server.url}/v1`, apiKey: 'sim-key' },
		anthropic: { baseUrl: server.url, apiKey: 'sim-key' },
		google: { baseUrl: server.url, apiKey: 'sim-key' },
		mistral: { baseUrl: `${server.url}/mistral/v1`, apiKey: 'sim-key' },
	});
	const ask = (model: UnifiedChatRequest['model'], stream = false): UnifiedChatRequest => ({
		model,
		messages: [{ role: 'user', content: 'Hello' }],
		stream,
	});

	it.each([false, true])(
		'fails over from simulated errors in every format to a Mistral answer (stream: %s)',
		async (stream) => {
			const output = await runChat(
				ask(
					[
						'openai/sim-fail-500',
						'anthropic/sim-fail-529',
						'google/sim-fail-503',
						'mistral/mistral-small-latest',
					],
					stream,
				),
				settingsFor(connections(), {
					retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
				}),
			);
			expect(output.choices[0].message.content).toBe(
				simulatedAnswerText('mistral-small-latest', 'Hello'),
			);
			expect(
				output.fusion.attempts.map((attempt) => [
					attempt.model,
					attempt.status,
					attempt.error?.http_status,
				]),
			).toEqual([
				['openai/sim-fail-500', 'error', 500],
				['anthropic/sim-fail-529', 'error', 529],
				['google/sim-fail-503', 'error', 503],
				['mistral/mistral-small-latest', 'ok', undefined],
			]);
			expect(output.usage.completion_tokens).toBeGreaterThan(0);
		},
	);

	it('streams a dripping model chunk by chunk', async () => {
		const arrivals: number[] = [];
		const output = await runChat(
			ask('openai/sim-drip-30', true),
			settingsFor(connections(), { onDelta: () => arrivals.push(Date.now()) }),
		);
		expect(output.choices[0].message.content).toBe(simulatedAnswerText('sim-drip-30', 'Hello'));
		expect(arrivals.length).toBeGreaterThanOrEqual(3);
		expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThanOrEqual(30 * (arrivals.length - 2));
	});

	it('lets a slow model run into the caller’s timeout', async () => {
		const settings = settingsFor(connections(), {
			retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
		});
		settings.timeouts = { ...settings.timeouts, firstByteMs: 100, totalMs: 200 };
		await expect(runChat(ask('openai/sim-slow-2000'), settings)).rejects.toBeInstanceOf(
			AllModelsFailedError,
		);
	});
});
