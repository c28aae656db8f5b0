import { listLiveModels } from '../../../nodes/engine/catalog/list-live-models';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { BODY_LIMITS } from '../../../nodes/engine/transport/read-body';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

const MIB = 1024 * 1024;
const KEY = 'sk-bounded-test-0123456789';

const mock = useMockProvider();

const settings = () => settingsFor({ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: KEY } });
const ask = (stream = false): UnifiedChatRequest => ({
	model: 'openai/gpt-4o',
	messages: [{ role: 'user', content: 'hello' }],
	stream,
});

async function failedAttempts(request: UnifiedChatRequest) {
	const failure = (await runChat(request, settings()).catch(
		(error: unknown) => error,
	)) as AllModelsFailedError;
	return failure.attempts;
}

/** A chat.completion whose content is `bytes` long in all. */
const hugeAnswer = (bytes: number, declareLength = false) => ({
	large: {
		head: '{"choices":[{"message":{"content":"',
		filler: 'x',
		bytes,
		tail: '"},"finish_reason":"stop"}]}',
		declareLength,
	},
});

describe('bounded bodies', () => {
	it('has limits far above any real answer', () => {
		expect(BODY_LIMITS).toEqual({
			answerBytes: 32 * MIB,
			errorBytes: 64 * 1024,
			streamLineBytes: 8 * MIB,
			streamBytes: 64 * MIB,
		});
	});

	it.each([
		['sent in chunks', false],
		['declared by its Content-Length', true],
	])(
		'refuses an answer larger than 32 MiB (%s), says so, stops reading and does not retry it',
		async (_how, declareLength) => {
			mock.server.reply('/v1/chat/completions', hugeAnswer(40 * MIB, declareLength));
			const attempts = await failedAttempts(ask());
			expect(attempts).toEqual([
				expect.objectContaining({
					status: 'error',
					error: {
						type: 'invalid_response',
						message:
							"OpenAI's answer is larger than 32 MiB, more than any real answer: it was not read further and is not retried",
					},
				}),
			]);
			expect(mock.server.requests).toHaveLength(1);
			await mock.server.replyEnded(mock.server.requests[0]);
			expect(mock.server.requests[0].abortedByClient).toBe(true);
		},
	);

	it('still reads a large but real answer', async () => {
		mock.server.reply('/v1/chat/completions', hugeAnswer(2 * MIB));
		const output = await runChat(ask(), settings());
		expect(output.choices[0].message.content).toHaveLength(2 * MIB - 63);
	});

	it('refuses a stream line longer than 8 MiB without retrying it', async () => {
		mock.server.reply('/v1/chat/completions', {
			headers: { 'content-type': 'text/event-stream' },
			large: { head: 'data: {"choices":[{"delta":{"content":"', filler: 'x', bytes: 40 * MIB },
		});
		const attempts = await failedAttempts(ask(true));
		expect(attempts.map((attempt) => attempt.error)).toEqual([
			{
				type: 'invalid_response',
				message:
					'a line of the stream is larger than 8 MiB, more than any real answer: it was not read further and is not retried',
			},
		]);
		await mock.server.replyEnded(mock.server.requests[0]);
		expect(mock.server.requests[0].abortedByClient).toBe(true);
	});

	it('refuses a stream past 64 MiB in all, even in short lines', async () => {
		mock.server.reply('/v1/chat/completions', {
			headers: { 'content-type': 'text/event-stream' },
			large: { head: '', filler: `: ${'keep-alive '.repeat(90)}\n\n`, bytes: 65 * MIB },
		});
		const attempts = await failedAttempts(ask(true));
		expect(attempts.map((attempt) => attempt.error?.message)).toEqual([
			'the streamed answer is larger than 64 MiB, more than any real answer: it was not read further and is not retried',
		]);
	});

	it('reads an error body only as far as it is kept, then lets the connection go', async () => {
		mock.server.reply('/v1/chat/completions', {
			status: 400,
			headers: { 'content-type': 'text/plain' },
			large: { head: 'Bad request: ', filler: 'nonsense ', bytes: 50 * MIB },
		});
		const attempts = await failedAttempts(ask());
		expect(attempts[0].error).toMatchObject({
			type: 'bad_request',
			http_status: 400,
			message: expect.stringMatching(/^OpenAI answered HTTP 400 from .*: Bad request: nonsense/),
		});
		await mock.server.replyEnded(mock.server.requests[0]);
		expect(mock.server.requests[0].abortedByClient).toBe(true);
	});

	it('does not leave redirect bodies unread on open connections', async () => {
		const redirecting = await MockProviderServer.start();
		try {
			const connection = { openai: { baseUrl: `${redirecting.url}/v1`, apiKey: KEY } };
			for (let call = 0; call < 3; call++) {
				redirecting.reply('/v1/chat/completions', {
					status: 302,
					headers: { location: 'https://elsewhere.example/v1' },
					large: { head: '', filler: 'moved ', bytes: 20 * MIB },
				});
				const failure = (await runChat(ask(), settingsFor(connection)).catch(
					(error: unknown) => error,
				)) as AllModelsFailedError;
				expect(failure.attempts[0].error?.message).toMatch(
					/^OpenAI answered with a redirect \(HTTP 302 to https:\/\/elsewhere\.example\/v1\)/,
				);
			}
			await Promise.all(redirecting.requests.map((request) => redirecting.replyEnded(request)));
			expect(redirecting.requests.every((request) => request.abortedByClient)).toBe(true);
			for (let waited = 0; redirecting.openConnections > 0 && waited < 1_000; waited += 10)
				await new Promise((resolve) => setTimeout(resolve, 10));
			expect(redirecting.openConnections).toBe(0);
		} finally {
			await redirecting.close();
		}
	});

	it('bounds a model list like an answer', async () => {
		mock.server.reply('/v1/models', {
			large: { head: '{"data":[{"id":"', filler: 'm', bytes: 33 * MIB, tail: '"}]}' },
		});
		const [listing] = await listLiveModels([providerById('openai')], settings());
		expect(listing).toMatchObject({
			ok: false,
			error: {
				type: 'invalid_response',
				message: expect.stringMatching(/^OpenAI's model list is larger than 32 MiB/),
			},
		});
	});
});
