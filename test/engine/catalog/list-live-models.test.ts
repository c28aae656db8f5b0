import { listLiveModels, type LiveListing } from '../../../nodes/engine/catalog/list-live-models';
import type { ProviderConnection } from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderId } from '../../../nodes/engine/providers/provider-registry';
import { PROVIDERS, providerById } from '../../../nodes/engine/providers/provider-registry';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from '../chat/engine-settings';

const KEY = 'sk-test-listing-0123456789abcdef';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

/** Each provider's base URL on the mock server: the real base URL's path, or a segment naming the provider. */
function connections(): Partial<Record<ProviderId, ProviderConnection>> {
	return {
		openai: { baseUrl: `${server.url}/v1`, apiKey: KEY },
		anthropic: { baseUrl: server.url, apiKey: KEY },
		google: { baseUrl: server.url, apiKey: KEY },
		mistral: { baseUrl: `${server.url}/mistral/v1`, apiKey: KEY },
		openrouter: { baseUrl: `${server.url}/api/v1`, apiKey: KEY },
		groq: { baseUrl: `${server.url}/openai/v1`, apiKey: KEY },
		deepseek: { baseUrl: `${server.url}/deepseek`, apiKey: KEY },
		xai: { baseUrl: `${server.url}/xai/v1`, apiKey: KEY },
		together: { baseUrl: `${server.url}/together/v1`, apiKey: KEY },
		ollama: { baseUrl: `${server.url}/ollama/v1` },
		azure: { baseUrl: server.url, apiKey: KEY },
		custom: { baseUrl: `${server.url}/custom/v1` },
	};
}

/** OpenAI's simulated list, which a custom endpoint also gets (it speaks OpenAI's wire format). */
const OPENAI_IDS = [
	'gpt-4o-mini',
	'gpt-4o-mini-2024-07-18',
	'gpt-4.1',
	'gpt-5',
	'text-embedding-3-small',
	'dall-e-3',
	'ft:gpt-4o-mini-2024-07-18:acme::9abcDEF1',
];

const ids = (listing: LiveListing) =>
	listing.ok ? listing.models.map((model) => model.id) : listing.error;

describe('listLiveModels against the mock server', () => {
	it.each<[ProviderId, string, string[]]>([
		['openai', '/v1/models', OPENAI_IDS],
		[
			'anthropic',
			'/v1/models',
			['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805'],
		],
		[
			'google',
			'/v1beta/models?pageSize=1000',
			['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-embedding-001'],
		],
		[
			'mistral',
			'/mistral/v1/models',
			['mistral-large-latest', 'open-mixtral-8x7b', 'mistral-embed'],
		],
		[
			'openrouter',
			'/api/v1/models',
			['anthropic/claude-sonnet-4.5', 'meta-llama/llama-3.3-70b-instruct', 'openrouter/auto'],
		],
		[
			'groq',
			'/openai/v1/models',
			['llama-3.3-70b-versatile', 'openai/gpt-oss-120b', 'whisper-large-v3'],
		],
		['deepseek', '/deepseek/models', ['deepseek-chat', 'deepseek-reasoner']],
		['xai', '/xai/v1/models', ['grok-4-0709', 'grok-3-mini', 'grok-code-fast-1']],
		[
			'together',
			'/together/v1/models',
			[
				'meta-llama/Llama-3.3-70B-Instruct-Turbo',
				'deepseek-ai/DeepSeek-R1',
				'BAAI/bge-large-en-v1.5',
			],
		],
		[
			'ollama',
			'/ollama/v1/models',
			['llama3.2:latest', 'nomic-embed-text:latest', 'my-finetune:latest'],
		],
		['azure', '/openai/models?api-version=2024-10-21', ['gpt-4o-2024-08-06']],
		['custom', '/custom/v1/models', OPENAI_IDS],
	])('%s: GET %s in its wire format', async (providerId, path, expected) => {
		const [listing] = await listLiveModels([providerById(providerId)], settingsFor(connections()));
		expect(ids(listing)).toEqual(expected);
		expect(server.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', path],
		]);
	});

	it('authenticates each list request as the provider documents it', async () => {
		await listLiveModels(
			[providerById('anthropic'), providerById('google'), providerById('openrouter')],
			settingsFor(connections()),
		);
		const headersOf = (path: string) =>
			server.requests.find((request) => request.path.startsWith(path))?.headers;
		expect(headersOf('/v1/models')).toMatchObject({
			'x-api-key': KEY,
			'anthropic-version': expect.any(String),
		});
		expect(headersOf('/v1beta/models')).toMatchObject({ 'x-goog-api-key': KEY });
		expect(headersOf('/api/v1/models')).toMatchObject({ authorization: `Bearer ${KEY}` });
	});

	it('lists every provider at once, in the order asked', async () => {
		// A provider the table above does not name is reached at its default base URL's path.
		const atDefaultPath = (baseUrl = 'http://localhost/v1') => ({
			baseUrl: `${server.url}${new URL(baseUrl).pathname}`,
			apiKey: KEY,
		});
		const everyProvider = PROVIDERS.map((provider) => [
			provider.id,
			connections()[provider.id] ?? atDefaultPath(provider.defaultBaseUrl),
		]);
		const listings = await listLiveModels(
			PROVIDERS,
			settingsFor(Object.fromEntries(everyProvider)),
		);
		expect(listings.map((listing) => [listing.provider, listing.ok])).toEqual(
			PROVIDERS.map((provider) => [provider.id, true]),
		);
	});

	it("follows Anthropic's pages by after_id, up to 1000 models a page", async () => {
		const page = (id: string, hasMore: boolean) => ({
			json: {
				data: [{ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }],
				has_more: hasMore,
				first_id: id,
				last_id: id,
			},
		});
		server.reply(
			'/v1/models',
			page('claude-a', true),
			page('claude-b', true),
			page('claude-c', false),
		);
		const [listing] = await listLiveModels([providerById('anthropic')], settingsFor(connections()));
		expect(ids(listing)).toEqual(['claude-a', 'claude-b', 'claude-c']);
		expect(server.requests.map((request) => request.path)).toEqual([
			'/v1/models',
			'/v1/models?after_id=claude-a&limit=1000',
			'/v1/models?after_id=claude-b&limit=1000',
		]);
	});

	it("follows Gemini's nextPageToken", async () => {
		server.reply(
			'/v1beta/models',
			{ json: { models: [{ name: 'models/gemini-a' }], nextPageToken: 'tok-2' } },
			{ json: { models: [{ name: 'models/gemini-b' }] } },
		);
		const [listing] = await listLiveModels([providerById('google')], settingsFor(connections()));
		expect(ids(listing)).toEqual(['gemini-a', 'gemini-b']);
		expect(server.requests[1].path).toBe('/v1beta/models?pageSize=1000&pageToken=tok-2');
	});

	it('turns a refused key into an error entry for that provider only, without the key even when echoed', async () => {
		server.reply('/v1/models', {
			status: 401,
			json: {
				error: {
					message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
					type: 'invalid_request_error',
					code: 'invalid_api_key',
				},
			},
		});
		const listings = await listLiveModels(
			[providerById('openai'), providerById('mistral')],
			settingsFor(connections()),
		);
		expect(listings[0]).toEqual({
			provider: 'openai',
			ok: false,
			error: {
				type: 'auth',
				http_status: 401,
				message: expect.stringMatching(
					/^OpenAI answered HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/v1\/models: Incorrect API key provided/,
				),
			},
		});
		// The provider's error code closes the message: what a user searches the provider's docs for.
		expect(JSON.stringify(listings[0])).toMatch(/api-keys\. \(invalid_api_key\)"/);
		expect(JSON.stringify(listings)).not.toContain(KEY);
		expect(listings[1].ok).toBe(true);
	});

	it('reports a missing credential, an unreachable server and an unreadable body as errors', async () => {
		server.reply('/xai/v1/models', { text: '<html>Bad gateway</html>' });
		const settings = settingsFor({
			...connections(),
			together: undefined,
			deepseek: { baseUrl: 'http://127.0.0.1:9', apiKey: KEY },
		});
		const listings = await listLiveModels(
			[providerById('together'), providerById('deepseek'), providerById('xai')],
			settings,
		);
		expect(listings.map((listing) => (listing.ok ? 'ok' : listing.error.type))).toEqual([
			'auth',
			'network',
			'invalid_response',
		]);
		expect(listings[2]).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/^xAI's model list is not JSON/) },
		});
	});

	it('gives up on a provider that does not answer within the timeout', async () => {
		server.reply('/mistral/v1/models', { hang: true });
		const started = Date.now();
		const [listing] = await listLiveModels(
			[providerById('mistral')],
			settingsFor(connections(), {
				timeouts: { firstByteMs: 300, totalMs: 400, idleMs: 300, firstTokenMs: 300 },
			}),
		);
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(listing).toMatchObject({ ok: false, error: { type: 'timeout' } });
	});
});
