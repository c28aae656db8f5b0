/**
 * The Test button of a Fusion credential in a real n8n started as a server: n8n's credentials tester finds the
 * nodes' `testedBy` method (the credential types carry no test request of their own) and runs it, so the test
 * goes through the engine: its redaction and its no-redirect rule apply, unlike n8n's own HTTP client.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PROVIDERS } from '../../nodes/engine/providers/provider-registry';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { prepareUserFolder, type PreparedUserFolder } from '../n8n/fusion-package';
import { N8nCli } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { N8nServer } from '../n8n/n8n-server';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const OWNER = {
	email: 'credential-test@example.com',
	firstName: 'Credential',
	lastName: 'Test',
	password: 'CredentialTest1',
};
/** n8n ties its session cookie to the browser that logged in. */
const BROWSER_ID = randomUUID();

const keys = {
	accepted: `fusion-e2e-accepted-${randomBytes(12).toString('hex')}`,
	rejected: `fusion-e2e-rejected-${randomBytes(12).toString('hex')}`,
	redirected: `fusion-e2e-redirected-${randomBytes(12).toString('hex')}`,
};

let mock: MockProviderServer;
let elsewhere: MockProviderServer;
let prepared: PreparedUserFolder;
let server: N8nServer;
let cookie: string;

const credential = (id: string, name: string, apiKey: string, baseUrl: string) => ({
	id,
	name,
	type: 'fusionOpenAiApi',
	data: { apiKey, baseUrl },
});
let credentials: Record<keyof typeof keys, ReturnType<typeof credential>>;

beforeAll(async () => {
	const installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	elsewhere = await MockProviderServer.start();
	mock.reply('/rejected/v1/models', {
		status: 401,
		json: {
			error: { message: `Incorrect API key provided: ${keys.rejected}`, code: 'invalid_api_key' },
		},
	});
	mock.reply('/redirected/v1/models', {
		status: 302,
		headers: { location: `${elsewhere.url}/v1/models` },
		text: '',
	});
	credentials = {
		accepted: credential('e2eCredTest000001', 'E2E test accepted', keys.accepted, `${mock.url}/v1`),
		rejected: credential(
			'e2eCredTest000002',
			'E2E test rejected',
			keys.rejected,
			`${mock.url}/rejected/v1`,
		),
		redirected: credential(
			'e2eCredTest000003',
			'E2E test redirected',
			keys.redirected,
			`${mock.url}/redirected/v1`,
		),
	};
	prepared = await prepareUserFolder();
	await new N8nCli(installation, prepared.userFolder).importCredentials(Object.values(credentials));
	server = await N8nServer.start(installation, prepared.userFolder);
	const setup = await fetch(`${server.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok)
		throw new Error(`n8n refused the owner setup: HTTP ${setup.status} ${await setup.text()}`);
	cookie = setup.headers
		.getSetCookie()
		.map((value) => value.split(';')[0])
		.join('; ');
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await Promise.all([mock?.close(), elsewhere?.close()]);
	prepared?.remove();
}, 60_000);

/** What the editor sends when the user clicks Test on a saved credential. */
async function testCredential(
	which: keyof typeof keys,
): Promise<{ status: string; message: string }> {
	const response = await fetch(`${server.url}/rest/credentials/test`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: JSON.stringify({ credentials: credentials[which] }),
	});
	if (!response.ok)
		throw new Error(
			`n8n answered the credential test with HTTP ${response.status}: ${await response.text()}`,
		);
	return ((await response.json()) as { data: { status: string; message: string } }).data;
}

describe("a Fusion credential's Test button in n8n", () => {
	it('passes a key the provider accepts, with the request sent by the engine', async () => {
		expect(await testCredential('accepted')).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		const [request] = mock
			.requestsTo('/v1/models')
			.filter((recorded) => recorded.headers.authorization === `Bearer ${keys.accepted}`);
		expect(request).toMatchObject({
			method: 'GET',
			path: '/v1/models',
			headers: { accept: 'application/json' },
		});
	});

	it('fails a rejected key once, without the key the provider echoed', async () => {
		const result = await testCredential('rejected');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^OpenAI answered HTTP 401 from .*\/rejected\/v1\/models: Incorrect API key provided: \[redacted\] \(invalid_api_key\)$/,
		);
		expect(mock.requestsTo('/rejected/v1/models')).toHaveLength(1);
		expect(server.logs).not.toContain(keys.rejected);
	});

	it('does not follow a redirect with the key', async () => {
		const result = await testCredential('redirected');
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^OpenAI answered with a redirect \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/models\)/,
			),
		});
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('the Fusion credential types in n8n', () => {
	it('are all offered, each with a light and a dark icon that n8n serves', async () => {
		const response = await fetch(`${server.url}/types/credentials.json`, {
			headers: { 'browser-id': BROWSER_ID, cookie },
		});
		expect(response.status).toBe(200);
		const types = (await response.json()) as Array<{
			name: string;
			iconUrl?: { light: string; dark: string };
		}>;
		const fusionTypes = types.filter((type) =>
			PROVIDERS.some((provider) => provider.credentialType === type.name),
		);
		expect([...new Set(fusionTypes.map((type) => type.name))].sort()).toEqual(
			PROVIDERS.map((provider) => provider.credentialType).sort(),
		);
		for (const { name, iconUrl } of fusionTypes) {
			const themed = {
				light: expect.stringMatching(/\/icons\/[a-z-]+\.svg$/),
				dark: expect.stringMatching(/\/icons\/[a-z-]+\.dark\.svg$/),
			};
			expect({ name, iconUrl }).toEqual({ name, iconUrl: themed });
			for (const url of [iconUrl?.light, iconUrl?.dark]) {
				const icon = await fetch(`${server.url}/${url}`, {
					headers: { 'browser-id': BROWSER_ID, cookie },
				});
				expect({ url, status: icon.status }).toEqual({ url, status: 200 });
				expect(await icon.text()).toMatch(/^<svg /);
			}
		}
	});
});
