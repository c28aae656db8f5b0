import { runChat } from '../../../nodes/engine/chat/run-chat';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { recordedResponse } from '../../fixtures/recorded';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from './engine-settings';

const OPENAI_KEY = 'sk-test-openai-0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789abcdef';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const connections = () => ({
	openai: { baseUrl: `${server.url}/v1`, apiKey: OPENAI_KEY },
	anthropic: { baseUrl: server.url, apiKey: ANTHROPIC_KEY },
});

const request = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'Say hello' }],
});

const anthropicAnswer = recordedResponse('anthropic');

describe('runChat with one model', () => {
	it('answers in the OpenAI shape with the fusion metadata and the cost from the price table', async () => {
		server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		const output = await runChat(request('openai/gpt-4-turbo'), settingsFor(connections()));
		const recorded = recordedResponse('openai') as {
			choices: Array<{ message: { content: string } }>;
			usage: Record<string, number>;
		};
		expect(output).toMatchObject({
			object: 'chat.completion',
			model: 'openai/gpt-4-turbo',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: recorded.choices[0].message.content },
					finish_reason: 'stop',
				},
			],
			usage: {
				prompt_tokens: recorded.usage.prompt_tokens,
				completion_tokens: recorded.usage.completion_tokens,
			},
			fusion: {
				strategy: 'single',
				provider: 'openai',
				model: 'gpt-4.1-nano-2025-04-14',
				cached: false,
			},
		});
		expect(output.fusion.attempts).toEqual([
			{
				model: 'openai/gpt-4-turbo',
				provider: 'openai',
				status: 'ok',
				latency_ms: expect.any(Number),
			},
		]);
		const expectedCost =
			(recorded.usage.prompt_tokens / 1000) * 0.01 +
			(recorded.usage.completion_tokens / 1000) * 0.03;
		expect(output.fusion.cost_usd).toBeCloseTo(expectedCost, 10);
	});

	it('reports cost null for a model with no known price', async () => {
		server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		const output = await runChat(
			request('openai/some-private-finetune'),
			settingsFor(connections()),
		);
		expect(output.fusion.cost_usd).toBeNull();
		expect(server.requests[0].body).toMatchObject({ model: 'some-private-finetune' });
	});
});

describe('fallback', () => {
	it('gives the second model the item when the first answers 500, recording every call including retries', async () => {
		server.reply(
			'/v1/chat/completions',
			...Array.from({ length: 3 }, () => ({
				status: 500,
				json: { error: { message: 'The server had an error' } },
			})),
		);
		server.reply('/v1/messages', { json: anthropicAnswer });
		const output = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections()),
		);

		expect(output.model).toBe('anthropic/claude-3-opus');
		expect(output.choices[0].message.content).toBe(
			(anthropicAnswer.content as Array<{ text: string }>)[0].text,
		);
		expect(output.fusion.strategy).toBe('fallback');
		expect(
			output.fusion.attempts.map((attempt) => [
				attempt.model,
				attempt.status,
				attempt.error?.http_status,
			]),
		).toEqual([
			['openai/gpt-4o', 'error', 500],
			['openai/gpt-4o', 'error', 500],
			['openai/gpt-4o', 'error', 500],
			['anthropic/claude-3-opus', 'ok', undefined],
		]);
		expect(server.requestsTo('/v1/chat/completions')).toHaveLength(3);
		// The catalog alias is what Anthropic is sent.
		expect(server.requestsTo('/v1/messages')[0].body).toMatchObject({
			model: 'claude-3-opus-20240229',
		});
	});

	it('does not retry a 401 and fails over at once', async () => {
		server.reply('/v1/chat/completions', {
			status: 401,
			json: { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } },
		});
		server.reply('/v1/messages', { json: anthropicAnswer });
		const started = Date.now();
		const output = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections()),
		);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(
			output.fusion.attempts.map((attempt) => [attempt.model, attempt.status, attempt.error?.type]),
		).toEqual([
			['openai/gpt-4o', 'error', 'auth'],
			['anthropic/claude-3-opus', 'ok', undefined],
		]);
		expect(server.requestsTo('/v1/chat/completions')).toHaveLength(1);
	});

	it('retries a 429 with Retry-After: 1 on the same model after about a second', async () => {
		server.reply(
			'/v1/chat/completions',
			{
				status: 429,
				headers: { 'retry-after': '1' },
				json: { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } },
			},
			{ json: recordedResponse('openai') },
		);
		const started = Date.now();
		const output = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections()),
		);
		const elapsed = Date.now() - started;
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.fusion.attempts.map((attempt) => [attempt.status, attempt.error?.type])).toEqual([
			['error', 'rate_limit'],
			['ok', undefined],
		]);
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(3_000);
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});

	it('fails over after a refused connection', async () => {
		server.reply('/v1/messages', { json: anthropicAnswer });
		const settings = settingsFor(
			{ ...connections(), openai: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: OPENAI_KEY } },
			{ retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } },
		);
		const output = await runChat(request(['openai/gpt-4o', 'anthropic/claude-3-opus']), settings);
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'error',
			error: { type: 'network' },
		});
		expect(output.fusion.attempts[0].error?.message).toMatch(
			/could not reach http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions \(ECONNREFUSED\)/,
		);
		expect(output.model).toBe('anthropic/claude-3-opus');
	});

	it('fails over when the first model does not answer within the timeout', async () => {
		server.reply('/v1/chat/completions', { hang: true });
		server.reply('/v1/messages', { json: anthropicAnswer });
		const settings = settingsFor(connections(), {
			timeouts: { firstByteMs: 300, totalMs: 400, idleMs: 300, firstTokenMs: 300 },
		});
		const output = await runChat(request(['openai/gpt-4o', 'anthropic/claude-3-opus']), settings);
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'error',
			error: { type: 'timeout' },
		});
		expect(output.model).toBe('anthropic/claude-3-opus');
	});

	it('fails over on time when the first byte does not come (not on a coarse timer half a second late)', async () => {
		server.reply('/v1/chat/completions', { hang: true });
		server.reply('/v1/messages', { json: anthropicAnswer });
		const settings = settingsFor(connections(), {
			timeouts: { firstByteMs: 1_000, totalMs: 10_000, idleMs: 5_000, firstTokenMs: 5_000 },
		});
		const started = Date.now();
		const output = await runChat(request(['openai/gpt-4o', 'anthropic/claude-3-opus']), settings);
		const elapsed = Date.now() - started;
		expect(output.fusion.attempts[0].error?.message).toMatch(
			/sent no response within 1 s \(first-byte timeout\)$/,
		);
		expect(elapsed).toBeGreaterThanOrEqual(990);
		expect(elapsed).toBeLessThan(1_300);
	});

	it('lists every attempt when all models fail, without the API key the provider echoed', async () => {
		server.reply('/v1/chat/completions', {
			status: 401,
			json: {
				error: { message: `Incorrect API key provided: ${OPENAI_KEY}.`, code: 'invalid_api_key' },
			},
		});
		server.reply('/v1/messages', {
			status: 400,
			json: {
				type: 'error',
				error: { type: 'invalid_request_error', message: `bad key ${ANTHROPIC_KEY}` },
			},
		});
		const failure = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections()),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		const error = failure as AllModelsFailedError;
		expect(error.message).toMatch(
			/^All 2 models failed to answer:\n1\. openai\/gpt-4o: OpenAI answered HTTP 401/,
		);
		expect(error.message).toMatch(/\n2\. anthropic\/claude-3-opus: Anthropic answered HTTP 400/);
		const everything = JSON.stringify({ message: error.message, attempts: error.attempts });
		expect(everything).not.toContain(OPENAI_KEY);
		expect(everything).not.toContain(ANTHROPIC_KEY);
		expect(everything).toContain('[redacted]');
	});

	it('skips a model whose provider has no credential and says how to add one', async () => {
		server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		const output = await runChat(
			request(['google/gemini-2.5-flash', 'openai/gpt-4o']),
			settingsFor(connections()),
		);
		expect(output.fusion.attempts[0]).toMatchObject({
			model: 'google/gemini-2.5-flash',
			status: 'skipped',
			error: { type: 'auth' },
		});
		expect(output.model).toBe('openai/gpt-4o');
	});

	it('stops at once when the execution is cancelled, without trying further models', async () => {
		server.reply('/v1/chat/completions', { hang: true });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const failure = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections(), { signal: controller.signal }),
		).catch((error: unknown) => error);
		expect(failure).toMatchObject({ kind: 'cancelled' });
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});
});

describe('routing', () => {
	it('refuses an unknown provider prefix before sending anything', async () => {
		await expect(runChat(request('acme/model-1'), settingsFor(connections()))).rejects.toThrow(
			/Model "acme\/model-1" does not start with a known provider; use one of openai\/, anthropic\//,
		);
		expect(server.requests).toHaveLength(0);
	});

	it('sends OpenRouter the part after the prefix as its own id', async () => {
		server.reply('/api/v1/chat/completions', { json: recordedResponse('openai') });
		await runChat(
			request('openrouter/anthropic/claude-3-opus'),
			settingsFor({
				openrouter: { baseUrl: `${server.url}/api/v1`, apiKey: 'sk-or-test-123456789' },
			}),
		);
		expect(server.requests[0].body).toMatchObject({ model: 'anthropic/claude-3-opus' });
	});
});

describe('runChat with an injected state', () => {
	const roundRobin = request({
		strategy: 'round_robin',
		models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
	});

	it('continues a rotation across runs that share one state', async () => {
		const state = new MemoryFusionState();
		const first = await runChat(roundRobin, settingsFor(connections(), { state }));
		const second = await runChat(roundRobin, settingsFor(connections(), { state }));
		expect([first.model, second.model]).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
	});

	it('starts a rotation afresh in a state of its own', async () => {
		const first = await runChat(
			roundRobin,
			settingsFor(connections(), { state: new MemoryFusionState() }),
		);
		const second = await runChat(
			roundRobin,
			settingsFor(connections(), { state: new MemoryFusionState() }),
		);
		expect([first.model, second.model]).toEqual(['openai/gpt-4o', 'openai/gpt-4o']);
	});

	it('records each outcome in the state it was given, and only there', async () => {
		const state = new MemoryFusionState();
		const other = new MemoryFusionState();
		await runChat(request('openai/gpt-4o'), settingsFor(connections(), { state }));
		expect((await state.observedModels()).get('openai/gpt-4o')).toMatchObject({
			calls: 1,
			successRate: 1,
		});
		expect((await other.observedModels()).size).toBe(0);
	});
});
