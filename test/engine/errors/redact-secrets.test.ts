import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { redactSecrets, secretsOf } from '../../../nodes/engine/errors/redact-secrets';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

/** Shaped like no known provider key, so only redaction by value can hide it. */
const KEY = 'fusion+Key/0123456789abcdefWXYZ';
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Every way the key has been seen echoed back by a provider or a proxy in front of one. */
const ECHOES: Array<[string, string]> = [
	['as is', KEY],
	['URL-encoded', encodeURIComponent(KEY)],
	[
		'URL-encoded with lower-case escapes',
		encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
	],
	['upper-cased', KEY.toUpperCase()],
	['lower-cased', KEY.toLowerCase()],
	['base64 inside Basic credentials, as the password', `Basic ${base64(`proxy:${KEY}`)}`],
	['base64 inside Basic credentials, as the user', `Basic ${base64(`${KEY}:`)}`],
	['base64 on its own', base64(KEY)],
	['base64url', Buffer.from(`x${KEY}`).toString('base64url')],
	['as a first-8 ... last-4 preview', `${KEY.slice(0, 8)}...${KEY.slice(-4)}`],
	['as a preview with an ellipsis', `${KEY.slice(0, 6)}…${KEY.slice(-4)}`],
	['as a masked preview', `${KEY.slice(0, 7)}${'*'.repeat(20)}${KEY.slice(-4)}`],
	['as its last four after asterisks', `****************${KEY.slice(-4)}`],
];

describe('redactSecrets', () => {
	it('removes the exact secret wherever it appears', () => {
		expect(
			redactSecrets('key my-private-token-123 was refused (my-private-token-123)', [
				'my-private-token-123',
			]),
		).toBe('key [redacted] was refused ([redacted])');
	});

	it.each(ECHOES)('removes the key %s', (_how, echo) => {
		const redacted = redactSecrets(`Incorrect API key provided: ${echo}. Check your key.`, [KEY]);
		expect(redacted).toMatch(
			/^Incorrect API key provided: (Basic )?\[redacted\]\. Check your key\.$/,
		);
	});

	it('removes well-known key shapes even when the value is not known', () => {
		const text =
			'Incorrect API key provided: sk-proj-abcDEF1234567890xyz. Also AIzaSyA1234567890abcdefghijklmnop and gsk_abcdefghij1234';
		expect(redactSecrets(text)).toBe(
			'Incorrect API key provided: [redacted]. Also [redacted] and [redacted]',
		);
		expect(redactSecrets('Authorization: Bearer abcdefgh12345678')).toBe(
			'Authorization: Bearer [redacted]',
		);
		expect(redactSecrets('Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe(
			'Authorization: Basic [redacted]',
		);
	});

	it('leaves ordinary text, other previews and very short values alone', () => {
		expect(redactSecrets('model not found', ['abc'])).toBe('model not found');
		const text =
			'Loading... the model gpt-4o-mini is not available; try again in a moment (Retrying...done)';
		expect(redactSecrets(text, [KEY])).toBe(text);
		expect(redactSecrets('key sk-other...abcd was refused', ['fusion-key-0123456789'])).toBe(
			'key sk-other...abcd was refused',
		);
	});

	it("counts a base URL's password among a connection's secrets", () => {
		expect(secretsOf({ baseUrl: 'http://user:p%40ssword@proxy.local/v1', apiKey: KEY })).toEqual([
			KEY,
			'p%40ssword',
			'p@ssword',
		]);
		expect(secretsOf({ baseUrl: 'https://api.openai.com/v1' })).toEqual([]);
	});
});

describe('a provider echoing the key back', () => {
	const mock = useMockProvider();

	it('never gets it, in any of its spellings, into an attempt', async () => {
		const echoes = ECHOES.map(([how, echo]) => `${how}: ${echo}`).join('; ');
		mock.server.reply('/v1/chat/completions', {
			status: 401,
			json: {
				error: { message: `Incorrect API key provided (${echoes})`, code: 'invalid_api_key' },
			},
		});
		const failure = (await runChat(
			{ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hello' }] },
			settingsFor({ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: KEY } }),
		).catch((error: unknown) => error)) as AllModelsFailedError;
		const message = failure.attempts[0].error?.message ?? '';
		expect(message).toMatch(
			/^OpenAI answered HTTP 401 .*: Incorrect API key provided \(as is: \[redacted\]; URL-encoded: \[redacted\];/,
		);
		for (const [, echo] of ECHOES) expect(message).not.toContain(echo);
		expect((message.match(/\[redacted\]/g) ?? []).length).toBe(ECHOES.length);
	});
});
