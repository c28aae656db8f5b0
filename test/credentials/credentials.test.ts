import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeCredentialTestResult } from 'n8n-workflow';

import { FusionAnthropicApi } from '../../credentials/FusionAnthropicApi.credentials';
import { FusionAzureOpenAiApi } from '../../credentials/FusionAzureOpenAiApi.credentials';
import { FusionDeepSeekApi } from '../../credentials/FusionDeepSeekApi.credentials';
import { FusionGoogleGeminiApi } from '../../credentials/FusionGoogleGeminiApi.credentials';
import { FusionGroqApi } from '../../credentials/FusionGroqApi.credentials';
import { FusionMistralApi } from '../../credentials/FusionMistralApi.credentials';
import { FusionOllamaApi } from '../../credentials/FusionOllamaApi.credentials';
import { FusionOpenAiApi } from '../../credentials/FusionOpenAiApi.credentials';
import { FusionOpenAiCompatibleApi } from '../../credentials/FusionOpenAiCompatibleApi.credentials';
import { FusionOpenRouterApi } from '../../credentials/FusionOpenRouterApi.credentials';
import { FusionTogetherApi } from '../../credentials/FusionTogetherApi.credentials';
import { FusionXaiApi } from '../../credentials/FusionXaiApi.credentials';
import { FusionChat } from '../../nodes/FusionChat/FusionChat.node';
import { FusionModels } from '../../nodes/FusionModels/FusionModels.node';
import { CREDENTIAL_TEST_METHOD, testProviderCredential } from '../../nodes/shared/credential-test';

const CREDENTIALS_DIR = join(__dirname, '..', '..', 'credentials');
const API_KEY = 'test-key-123';

interface CredentialCase {
	credential: ICredentialType;
	/** The contract's default `baseUrl`; undefined where the user must enter one. */
	defaultBaseUrl?: string;
	apiKeyRequired: boolean;
	/** The path a proxy's base URL carries in the test: the default's path, or a typical one. */
	basePath: string;
	/** Path and query the credential test must request under that base URL. */
	testRequestPath: string;
	/** Every authentication header the request must carry, and no other. */
	authHeaders: Record<string, string>;
	/** The credential's fields, in the order the editor shows them. */
	fields: string[];
}

const bearer = { authorization: `Bearer ${API_KEY}` };

const cases: CredentialCase[] = [
	{
		credential: new FusionOpenAiApi(),
		defaultBaseUrl: 'https://api.openai.com/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionAnthropicApi(),
		defaultBaseUrl: 'https://api.anthropic.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/v1/models',
		authHeaders: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' },
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionGoogleGeminiApi(),
		defaultBaseUrl: 'https://generativelanguage.googleapis.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/v1beta/models?pageSize=1000',
		authHeaders: { 'x-goog-api-key': API_KEY },
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionMistralApi(),
		defaultBaseUrl: 'https://api.mistral.ai/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionOpenRouterApi(),
		defaultBaseUrl: 'https://openrouter.ai/api/v1',
		apiKeyRequired: true,
		basePath: '/api/v1',
		testRequestPath: '/api/v1/key',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionGroqApi(),
		defaultBaseUrl: 'https://api.groq.com/openai/v1',
		apiKeyRequired: true,
		basePath: '/openai/v1',
		testRequestPath: '/openai/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionDeepSeekApi(),
		defaultBaseUrl: 'https://api.deepseek.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionXaiApi(),
		defaultBaseUrl: 'https://api.x.ai/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionTogetherApi(),
		defaultBaseUrl: 'https://api.together.xyz/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionOllamaApi(),
		defaultBaseUrl: 'http://localhost:11434/v1',
		apiKeyRequired: false,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: new FusionAzureOpenAiApi(),
		apiKeyRequired: true,
		basePath: '',
		// The sample data names no API version: n8n fills in the field's default.
		testRequestPath: '/openai/models?api-version=2024-10-21',
		authHeaders: { 'api-key': API_KEY },
		fields: ['apiKey', 'baseUrl', 'apiVersion'],
	},
	{
		credential: new FusionOpenAiCompatibleApi(),
		apiKeyRequired: false,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
];

const AUTH_HEADER_NAMES = ['authorization', 'x-api-key', 'anthropic-version', 'x-goog-api-key', 'api-key'];

function authHeadersOf(headers: IncomingHttpHeaders): Record<string, string | string[] | undefined> {
	return Object.fromEntries(
		AUTH_HEADER_NAMES.filter((name) => name in headers).map((name) => [name, headers[name]]),
	);
}

function property(credential: ICredentialType, name: string) {
	const found = credential.properties.find((candidate) => candidate.name === name);
	if (found === undefined) throw new Error(`${credential.name} has no "${name}" field`);
	return found;
}

interface ReceivedRequest {
	method?: string;
	url?: string;
	headers: IncomingHttpHeaders;
}

const REJECTED_KEY = 'rejected-key';
let server: Server;
let origin: string;
let received: ReceivedRequest[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		received.push({ method: request.method, url: request.url, headers: request.headers });
		const rejected = Object.values(request.headers).some((value) => String(value).includes(REJECTED_KEY));
		if (rejected) {
			// As providers do, the refusal echoes the key it was given.
			response.writeHead(401, { 'content-type': 'text/plain' }).end(`Invalid API key: ${REJECTED_KEY}`);
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [] }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received = [];
});

/**
 * What n8n's credential tester does for a credential whose node slots name a `testedBy` method: fill in the
 * type's defaults, then call the method with a CredentialTestContext.
 */
async function runCredentialTest(credential: ICredentialType, data: ICredentialDataDecryptedObject) {
	const defaults = Object.fromEntries(credential.properties.map((field) => [field.name, field.default]));
	const result: INodeCredentialTestResult = await testProviderCredential.call(new CredentialTestContext(), {
		id: 'credential-under-test',
		name: `Test ${credential.name}`,
		type: credential.name,
		data: { ...defaults, ...data } as ICredentialDataDecryptedObject,
	});
	return { result, request: received[0], requests: received };
}

describe('credential types', () => {
	it("are exactly the contract's twelve, each in a file named after its class", () => {
		const files = readdirSync(CREDENTIALS_DIR).filter((file) => file.endsWith('.credentials.ts'));
		const names = files.map((file) => {
			const className = file.split('.')[0];
			const exported: Record<string, new () => ICredentialType> = require(join(CREDENTIALS_DIR, file));
			const { name } = new exported[className]();
			expect(className).toBe(name[0].toUpperCase() + name.slice(1));
			return name;
		});

		expect(names.sort()).toEqual(cases.map(({ credential }) => credential.name).sort());
	});

	describe.each(cases.map((testCase) => [testCase.credential.name, testCase] as const))('%s', (_name, testCase) => {
		const { credential } = testCase;

		it("is told apart from n8n's own credentials and links to where the key is made", () => {
			expect(credential.displayName).toMatch(/^Fusion: .+ API$/);
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		});

		it('has a hand-made SVG icon beside it', () => {
			expect(credential.icon).toMatch(/^file:icons\/[a-z-]+\.svg$/);
			const iconPath = join(CREDENTIALS_DIR, String(credential.icon).replace('file:', ''));
			expect(existsSync(iconPath)).toBe(true);
			expect(readFileSync(iconPath, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
		});

		it("has the contract's fields", () => {
			expect(credential.properties.map(({ name }) => name)).toEqual(testCase.fields);
		});

		it('keeps the API key in a password field', () => {
			expect(property(credential, 'apiKey')).toMatchObject({
				type: 'string',
				typeOptions: { password: true },
				default: '',
			});
			expect(property(credential, 'apiKey').required === true).toBe(testCase.apiKeyRequired);
		});

		it('defaults the base URL to the public API and lets it point elsewhere', () => {
			const baseUrl = property(credential, 'baseUrl');
			expect(baseUrl).toMatchObject({ type: 'string', required: true, default: testCase.defaultBaseUrl ?? '' });
			expect(baseUrl.description).toMatch(/proxy/);
			expect(baseUrl.typeOptions?.password).toBeUndefined();
		});

		it('has no test request of its own: n8n would send that with its own HTTP client, before the nodes\' method', () => {
			expect(credential.test).toBeUndefined();
		});

		it("is tested by a GET under the base URL with the provider's own authentication", async () => {
			const { result, request, requests } = await runCredentialTest(credential, {
				apiKey: API_KEY,
				baseUrl: `${origin}${testCase.basePath}`,
			});

			expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
			expect(requests).toHaveLength(1);
			expect(request.method).toBe('GET');
			expect(request.url).toBe(testCase.testRequestPath);
			expect(authHeadersOf(request.headers)).toEqual(testCase.authHeaders);
		});

		it('fails the test, once, when the provider rejects the key, without showing the key', async () => {
			const { result, requests } = await runCredentialTest(credential, {
				apiKey: REJECTED_KEY,
				baseUrl: `${origin}${testCase.basePath}`,
			});

			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/ answered HTTP 401 from .*: Invalid API key: \[redacted\]$/);
			expect(result.message).not.toContain(REJECTED_KEY);
			expect(requests.map(({ url }) => url)).toEqual([testCase.testRequestPath]);
		});
	});

	it('accepts a base URL that ends with a slash', async () => {
		const { request } = await runCredentialTest(new FusionOpenAiApi(), {
			apiKey: API_KEY,
			baseUrl: `${origin}/v1/`,
		});

		expect(request.url).toBe('/v1/models');
	});

	it.each([new FusionOllamaApi(), new FusionOpenAiCompatibleApi()])(
		'$name sends no Authorization header at all when the optional key is empty',
		async (credential) => {
			const { result, request } = await runCredentialTest(credential, { apiKey: '', baseUrl: `${origin}/v1` });

			expect(result.status).toBe('OK');
			expect(authHeadersOf(request.headers)).toEqual({});
		},
	);

	it('is offered by both nodes under the name their credential slots give in testedBy', () => {
		for (const node of [new FusionChat(), new FusionModels()]) {
			const slots = node.description.credentials ?? [];
			expect(slots.map((slot) => slot.testedBy)).toEqual(cases.map(() => CREDENTIAL_TEST_METHOD));
			expect(node.methods?.credentialTest?.[CREDENTIAL_TEST_METHOD]).toBe(testProviderCredential);
		}
	});

	it('does not follow a redirect with the key, and says where it pointed', async () => {
		const elsewhere: ReceivedRequest[] = [];
		const target = createServer((request, response) => {
			elsewhere.push({ method: request.method, url: request.url, headers: request.headers });
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		const targetOrigin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
		const redirecting = createServer((_request, response) => response.writeHead(302, { location: `${targetOrigin}/v1/models` }).end());
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const { result } = await runCredentialTest(new FusionOpenAiApi(), {
				apiKey: API_KEY,
				baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/v1`,
			});
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(new RegExp(`^OpenAI answered with a redirect \\(HTTP 302 to ${targetOrigin}/v1/models\\); redirects are not followed`)),
			});
			expect(elsewhere).toHaveLength(0);
		} finally {
			await Promise.all([target, redirecting].map((server) => new Promise((resolve) => server.close(resolve))));
		}
	});

	it('says what is missing before sending anything', async () => {
		const { result, requests } = await runCredentialTest(new FusionAzureOpenAiApi(), { apiKey: API_KEY, baseUrl: '' });
		expect(result).toEqual({ status: 'Error', message: 'The Azure OpenAI credential has no Base URL; enter the address of the server' });
		expect(requests).toHaveLength(0);
	});

	it('sends the Azure API version the credential names', async () => {
		const { request } = await runCredentialTest(new FusionAzureOpenAiApi(), {
			apiKey: API_KEY,
			baseUrl: origin,
			apiVersion: '2025-01-01-preview',
		});

		expect(request.url).toBe('/openai/models?api-version=2025-01-01-preview');
	});

	it("gives Azure a resource endpoint with no default and the contract's API version", () => {
		const azure = new FusionAzureOpenAiApi();

		expect(property(azure, 'baseUrl')).toMatchObject({
			default: '',
			placeholder: 'https://my-resource.openai.azure.com',
		});
		expect(property(azure, 'apiVersion')).toMatchObject({ type: 'string', default: '2024-10-21' });
	});
});
