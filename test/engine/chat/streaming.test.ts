import { runChat } from '../../../nodes/engine/chat/run-chat';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { PartialAnswerError } from '../../../nodes/engine/call/partial-answer-error';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { recordedChunks, recordedResponse, recordedSseEvents } from '../../fixtures/recorded';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from './engine-settings';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const connections = () => ({
	openai: { baseUrl: `${server.url}/v1`, apiKey: 'sk-stream-test-0123456789' },
	anthropic: { baseUrl: server.url, apiKey: 'sk-ant-stream-test-0123456789' },
	openrouter: { baseUrl: `${server.url}/api/v1`, apiKey: 'sk-or-stream-test-0123456789' },
});

const streamed = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'Say hello' }],
	stream: true,
});

const noRetries = { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } };

const anthropicText = () =>
	(recordedResponse('anthropic').content as Array<{ text: string }>)[0].text;
const anthropicStreamText = () =>
	recordedChunks('anthropic')
		.map((line) => JSON.parse(line) as { type: string; delta?: { text?: string } })
		.filter((event) => event.type === 'content_block_delta')
		.map((event) => event.delta?.text ?? '')
		.join('');

describe('streamed calls', () => {
	it('forwards every delta as it arrives, joins them into the output and reports the time to first token', async () => {
		server.reply('/v1/messages', { sse: recordedSseEvents('anthropic'), eventDelayMs: 20 });
		const deltas: string[] = [];
		const output = await runChat(
			streamed('anthropic/claude-3-opus'),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		expect(deltas.length).toBeGreaterThan(3);
		expect(deltas.join('')).toBe(anthropicStreamText());
		expect(output.choices[0].message.content).toBe(anthropicStreamText());
		expect(output.usage).toEqual({ prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 });
		expect(output.fusion.ttft_ms).toBeGreaterThanOrEqual(0);
		expect(output.fusion.ttft_ms).toBeLessThan(output.fusion.latency_ms);
		expect(anthropicText().length).toBeGreaterThan(0);
	});

	it('asks for a stream when a live client is attached, even if the request did not', async () => {
		const deltas: string[] = [];
		await runChat(
			{ ...streamed('openai/gpt-4o'), stream: undefined },
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		expect(server.requests[0].body).toMatchObject({
			stream: true,
			stream_options: { include_usage: true },
		});
		expect(deltas.join('')).toBe('[gpt-4o] answer to: Say hello');
	});

	it('ignores OpenRouter keep-alive comments', async () => {
		server.reply('/api/v1/chat/completions', {
			sse: recordedSseEvents('openai'),
			preamble: [': OPENROUTER PROCESSING', ': OPENROUTER PROCESSING'],
		});
		const output = await runChat(
			streamed('openrouter/openai/gpt-4.1-nano'),
			settingsFor(connections()),
		);
		const expected = recordedChunks('openai')
			.map((line) => JSON.parse(line) as { choices: Array<{ delta?: { content?: string } }> })
			.map((chunk) => chunk.choices[0]?.delta?.content ?? '')
			.join('');
		expect(expected.length).toBeGreaterThan(100);
		expect(output.choices[0].message.content).toBe(expected);
	});

	it('fails over when the stream reports an error before any content', async () => {
		server.reply('/v1/messages', {
			sse: [
				{
					event: 'error',
					data: JSON.stringify({
						type: 'error',
						error: { type: 'overloaded_error', message: 'Overloaded' },
					}),
				},
			],
		});
		const deltas: string[] = [];
		const output = await runChat(
			streamed(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.fusion.attempts[0]).toMatchObject({
			model: 'anthropic/claude-3-opus',
			status: 'error',
			error: { type: 'overloaded' },
		});
		expect(deltas.join('')).toBe('[gpt-4o] answer to: Say hello');
	});

	it('ends as a partial error, without asking another model, when the connection is cut after content reached the client', async () => {
		server.reply('/v1/messages', {
			sse: recordedSseEvents('anthropic'),
			cutAfterEvents: 6,
			eventDelayMs: 10,
		});
		const deltas: string[] = [];
		const failure = await runChat(
			streamed(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(PartialAnswerError);
		const partial = failure as PartialAnswerError;
		expect(partial.partialContent).toBe(deltas.join(''));
		expect(partial.partialContent).toBe('Hello! I');
		expect(partial.message).toMatch(
			/^The answer from anthropic\/claude-3-opus broke off after 8 characters had already been streamed/,
		);
		expect(partial.attempts).toEqual([
			expect.objectContaining({
				model: 'anthropic/claude-3-opus',
				status: 'error',
				error: expect.objectContaining({ type: 'network' }),
			}),
		]);
		expect(server.requestsTo('/v1/chat/completions')).toHaveLength(0);
	});

	it('fails over cleanly when a cut stream had not reached any client (a headless run)', async () => {
		server.reply('/v1/messages', {
			sse: recordedSseEvents('anthropic'),
			cutAfterEvents: 6,
			eventDelayMs: 10,
		});
		const output = await runChat(
			streamed(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections(), noRetries),
		);
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.choices[0].message.content).toBe('[gpt-4o] answer to: Say hello');
	});

	it('never passes a stream that ended early off as finished', async () => {
		// A clean end of the HTTP body, but before message_stop: the answer is incomplete.
		server.reply('/v1/messages', { sse: recordedSseEvents('anthropic').slice(0, 6) });
		const failure = await runChat(
			streamed('anthropic/claude-3-opus'),
			settingsFor(connections(), noRetries),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		expect((failure as Error).message).toMatch(/ended before message_stop/);
	});

	it('times out a stream that stalls between chunks', async () => {
		server.reply('/v1/messages', { sse: recordedSseEvents('anthropic'), eventDelayMs: 2_000 });
		const started = Date.now();
		const output = await runChat(
			streamed(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections(), {
				timeouts: { firstByteMs: 5_000, totalMs: 10_000, idleMs: 300, firstTokenMs: 5_000 },
			}),
		);
		expect(Date.now() - started).toBeLessThan(1_500);
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'error',
			error: { type: 'timeout', message: expect.stringMatching(/idle timeout/) },
		});
		expect(output.model).toBe('openai/gpt-4o');
	});

	it('times out a stream whose first token does not come', async () => {
		const events = recordedSseEvents('anthropic');
		// message_start and content_block_start carry no text; then nothing for 3 s while pings keep the line alive.
		server.reply('/v1/messages', {
			sse: [events[0], events[1], ...Array.from({ length: 30 }, () => events[2])],
			eventDelayMs: 100,
		});
		const output = await runChat(
			streamed(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections(), {
				timeouts: { firstByteMs: 5_000, totalMs: 10_000, idleMs: 5_000, firstTokenMs: 400 },
			}),
		);
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'error',
			error: {
				type: 'timeout',
				message: 'Anthropic sent no token within 0.4 s (first-token timeout)',
			},
		});
		expect(output.model).toBe('openai/gpt-4o');
	});
});

describe('the end of a stream', () => {
	const google = () => ({ google: { baseUrl: server.url, apiKey: 'AIza-stream-test-0123456789' } });
	// An idle timeout the answer would run into if the reader waited for the connection to close.
	const patient = {
		timeouts: { firstByteMs: 5_000, totalMs: 10_000, idleMs: 1_500, firstTokenMs: 5_000 },
	};

	it.each([
		["OpenAI's [DONE]", '/v1/chat/completions', 'openai/gpt-4o', 'openai'],
		["Anthropic's message_stop", '/v1/messages', 'anthropic/claude-3-opus', 'anthropic'],
		[
			"Gemini's chunk with a finish reason",
			':streamGenerateContent',
			'google/gemini-2.5-flash',
			'google',
		],
	] as const)(
		'%s ends the answer even when the connection stays open',
		async (_name, path, model, recorded) => {
			server.reply(path, { sse: recordedSseEvents(recorded), keepOpen: true });
			const started = Date.now();
			const output = await runChat(
				streamed(model),
				settingsFor({ ...connections(), ...google() }, { ...noRetries, ...patient }),
			);
			expect(Date.now() - started).toBeLessThan(1_000);
			expect(output.fusion.attempts).toEqual([expect.objectContaining({ status: 'ok' })]);
			expect(output.choices[0].finish_reason).toBe('stop');
			expect(output.usage.completion_tokens).toBeGreaterThan(0);
			// The held connection is let go rather than kept waiting for a close that never comes.
			await server.replyEnded(server.requests[0]);
			expect(server.requests[0].abortedByClient).toBe(true);
		},
	);

	it('reuses the connection of a stream that ended as it should', async () => {
		const own = await MockProviderServer.start();
		try {
			const settings = settingsFor({
				openai: { baseUrl: `${own.url}/v1`, apiKey: 'sk-stream-test-0123456789' },
			});
			// undici's pool opens a second connection on its second request; from then on it reuses them.
			for (let call = 0; call < 2; call++) await runChat(streamed('openai/gpt-4o'), settings);
			const warm = own.connections;
			for (let call = 0; call < 3; call++) await runChat(streamed('openai/gpt-4o'), settings);
			expect(own.connections).toBe(warm);
		} finally {
			await own.close();
		}
	});

	it('reads a plain JSON answer to a stream request as the answer', async () => {
		server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		const deltas: string[] = [];
		const output = await runChat(
			streamed('openai/gpt-4o'),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		const content = (
			recordedResponse('openai') as { choices: Array<{ message: { content: string } }> }
		).choices[0].message.content;
		expect(output.choices[0].message.content).toBe(content);
		expect(deltas).toEqual([content]);
		expect(server.requests).toHaveLength(1);
	});

	it.each([
		[
			'OpenAI',
			'/v1/chat/completions',
			'openai/gpt-4o',
			{ error: { message: 'The model is overloaded', type: 'server_error' } },
			'the provider reported an error after answering HTTP 200: The model is overloaded',
		],
		[
			'Anthropic',
			'/v1/messages',
			'anthropic/claude-3-opus',
			{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
			'Anthropic answered HTTP 200 with an error: Overloaded',
		],
		[
			'Gemini',
			':streamGenerateContent',
			'google/gemini-2.5-flash',
			{ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
			'Google Gemini answered HTTP 200 with an error: Quota exceeded',
		],
	])(
		'%s: reads a JSON error sent with HTTP 200 to a stream request as that error, not retried',
		async (_name, path, model, body, message) => {
			server.reply(path, { json: body });
			const failure = (await runChat(
				streamed(model),
				settingsFor({ ...connections(), ...google() }),
			).catch((error: unknown) => error)) as AllModelsFailedError;
			expect(failure).toBeInstanceOf(AllModelsFailedError);
			expect(failure.attempts).toEqual([
				expect.objectContaining({
					status: 'error',
					error: expect.objectContaining({ message: expect.stringContaining(message) }),
				}),
			]);
			expect(failure.attempts[0].error?.type).not.toBe('network');
			expect(server.requests).toHaveLength(1);
		},
	);
});
