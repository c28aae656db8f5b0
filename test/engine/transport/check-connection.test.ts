import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import type { ProviderConnection } from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderId } from '../../../nodes/engine/providers/provider-registry';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

const mock = useMockProvider();

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });

async function failedAttempts(model: string, provider: ProviderId, connection: ProviderConnection) {
	const failure = (await runChat(ask(model), settingsFor({ [provider]: connection })).catch(
		(error: unknown) => error,
	)) as AllModelsFailedError;
	return failure.attempts;
}

describe('a malformed API key', () => {
	it.each([
		['a line break', 'sk-proj-abc123\ndef456ghi789', 15, 'a line break (U+000A)'],
		['a zero-width space', 'sk-proj-abc123def456\u200bghi789', 21, 'a zero-width space (U+200B)'],
		['a space', 'sk-proj-abc123 def456ghi789', 15, 'a space (U+0020)'],
		['a letter outside ASCII', 'sk-proj-abc123dé456ghi789', 16, 'the character U+00E9'],
	])(
		'with %s is said to be malformed, not retried and never sent',
		async (_what, apiKey, position, named) => {
			const attempts = await failedAttempts('openai/gpt-4o', 'openai', {
				baseUrl: `${mock.server.url}/v1`,
				apiKey,
			});
			expect(attempts).toEqual([
				expect.objectContaining({
					status: 'error',
					error: {
						type: 'auth',
						message: `The OpenAI credential's API key is malformed: character ${position} is ${named}, which no API key contains. Paste the key into the credential again`,
					},
				}),
			]);
			expect(mock.server.requests).toHaveLength(0);
		},
	);
});

describe('a base URL with user:password@', () => {
	const basic = (user: string, password: string) =>
		`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

	it('is sent as Basic authentication when the provider needs no key (a self-hosted server behind a proxy)', async () => {
		const url = new URL(mock.server.url);
		const output = await runChat(
			ask('ollama/llama3.2'),
			settingsFor({ ollama: { baseUrl: `http://proxy-user:p%40ss%3Aword@${url.host}/v1` } }),
		);
		expect(output.choices[0].message.content).toBe('[llama3.2] answer to: hello');
		expect(mock.server.requests[0].path).toBe('/v1/chat/completions');
		expect(mock.server.requests[0].headers.authorization).toBe(basic('proxy-user', 'p@ss:word'));
	});

	it('goes beside a key that travels in its own header', async () => {
		const url = new URL(mock.server.url);
		await runChat(
			ask('anthropic/claude-3-opus'),
			settingsFor({
				anthropic: {
					baseUrl: `http://gateway:secret-pass@${url.host}`,
					apiKey: 'sk-ant-userinfo-0123456789',
				},
			}),
		);
		expect(mock.server.requests[0].headers).toMatchObject({
			authorization: basic('gateway', 'secret-pass'),
			'x-api-key': 'sk-ant-userinfo-0123456789',
		});
	});

	it('is refused, with nothing sent, when the key already takes the Authorization header', async () => {
		const url = new URL(mock.server.url);
		const attempts = await failedAttempts('openai/gpt-4o', 'openai', {
			baseUrl: `http://gateway:secret-pass@${url.host}/v1`,
			apiKey: 'sk-userinfo-0123456789',
		});
		expect(attempts).toEqual([
			expect.objectContaining({
				error: {
					type: 'bad_request',
					message: `the base URL http://${url.host}/v1/chat/completions carries a user name and password, and the API key already goes in the Authorization header: both cannot be sent. Remove user:password@ from the credential's Base URL`,
				},
			}),
		]);
		expect(mock.server.requests).toHaveLength(0);
	});
});
