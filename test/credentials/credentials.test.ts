import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { FusionChat } from '../../nodes/FusionChat/FusionChat.node';
import { FusionModels } from '../../nodes/FusionModels/FusionModels.node';
import { CREDENTIAL_TEST_METHOD, testProviderCredential } from '../../nodes/shared/credential-test';
import { loadListedCredentials } from './package-credentials';

const API_KEY = 'test-key-123';

const listed = loadListedCredentials().map(({ credential }) => credential);

/** A credential type of the package, by its name. */
function credentialType(name: string): ICredentialType {
	const found = listed.find((credential) => credential.name === name);
	if (found === undefined) throw new Error(`package.json lists no credential type ${name}`);
	return found;
}

/** The public facts of each credential type named in the contract: a test of its own, whatever the registry says. */
interface CredentialCase {
	credential: ICredentialType;
	displayName: string;
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
		credential: credentialType('fusionOpenAiApi'),
		displayName: 'Fusion: OpenAI API',
		defaultBaseUrl: 'https://api.openai.com/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionAnthropicApi'),
		displayName: 'Fusion: Anthropic API',
		defaultBaseUrl: 'https://api.anthropic.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/v1/models',
		authHeaders: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' },
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionGoogleGeminiApi'),
		displayName: 'Fusion: Google Gemini API',
		defaultBaseUrl: 'https://generativelanguage.googleapis.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/v1beta/models?pageSize=1000',
		authHeaders: { 'x-goog-api-key': API_KEY },
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionMistralApi'),
		displayName: 'Fusion: Mistral API',
		defaultBaseUrl: 'https://api.mistral.ai/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionOpenRouterApi'),
		displayName: 'Fusion: OpenRouter API',
		defaultBaseUrl: 'https://openrouter.ai/api/v1',
		apiKeyRequired: true,
		basePath: '/api/v1',
		testRequestPath: '/api/v1/key',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionGroqApi'),
		displayName: 'Fusion: Groq API',
		defaultBaseUrl: 'https://api.groq.com/openai/v1',
		apiKeyRequired: true,
		basePath: '/openai/v1',
		testRequestPath: '/openai/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionDeepSeekApi'),
		displayName: 'Fusion: DeepSeek API',
		defaultBaseUrl: 'https://api.deepseek.com',
		apiKeyRequired: true,
		basePath: '',
		testRequestPath: '/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionXaiApi'),
		displayName: 'Fusion: xAI API',
		defaultBaseUrl: 'https://api.x.ai/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionTogetherApi'),
		displayName: 'Fusion: Together AI API',
		defaultBaseUrl: 'https://api.together.xyz/v1',
		apiKeyRequired: true,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionOllamaApi'),
		displayName: 'Fusion: Ollama API',
		defaultBaseUrl: 'http://localhost:11434/v1',
		apiKeyRequired: false,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
	{
		credential: credentialType('fusionAzureOpenAiApi'),
		displayName: 'Fusion: Azure OpenAI API',
		apiKeyRequired: true,
		basePath: '',
		// The sample data names no API version: n8n fills in the field's default.
		testRequestPath: '/openai/models?api-version=2024-10-21',
		authHeaders: { 'api-key': API_KEY },
		fields: ['apiKey', 'baseUrl', 'apiVersion'],
	},
	{
		credential: credentialType('fusionOpenAiCompatibleApi'),
		displayName: 'Fusion: OpenAI-Compatible API',
		apiKeyRequired: false,
		basePath: '/v1',
		testRequestPath: '/v1/models',
		authHeaders: bearer,
		fields: ['apiKey', 'baseUrl'],
	},
];

const AUTH_HEADER_NAMES = [
	'authorization',
	'x-api-key',
	'anthropic-version',
	'x-goog-api-key',
	'api-key',
];

function authHeadersOf(
	headers: IncomingHttpHeaders,
): Record<string, string | string[] | undefined> {
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
		const rejected = Object.values(request.headers).some((value) =>
			String(value).includes(REJECTED_KEY),
		);
		if (rejected) {
			// As providers do, the refusal echoes the key it was given.
			response
				.writeHead(401, { 'content-type': 'text/plain' })
				.end(`Invalid API key: ${REJECTED_KEY}`);
			return;
		}
		response
			.writeHead(200, { 'content-type': 'application/json' })
			.end(JSON.stringify({ data: [] }));
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
async function runCredentialTest(
	credential: ICredentialType,
	data: ICredentialDataDecryptedObject,
) {
	const defaults = Object.fromEntries(
		credential.properties.map((field) => [field.name, field.default]),
	);
	const result: INodeCredentialTestResult = await testProviderCredential.call(
		new CredentialTestContext(),
		{
			id: 'credential-under-test',
			name: `Test ${credential.name}`,
			type: credential.name,
			data: { ...defaults, ...data } as ICredentialDataDecryptedObject,
		},
	);
	return { result, request: received[0], requests: received };
}

describe('credential types', () => {
	describe.each(cases.map((testCase) => [testCase.credential.name, testCase] as const))(
		'%s',
		(_name, testCase) => {
			const { credential } = testCase;

			it("keeps its title, told apart from n8n's own credentials, and links to where the key is made", () => {
				expect(credential.displayName).toBe(testCase.displayName);
				expect(credential.documentationUrl).toMatch(/^https:\/\//);
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
				expect(baseUrl).toMatchObject({
					type: 'string',
					required: true,
					default: testCase.defaultBaseUrl ?? '',
				});
				expect(baseUrl.description).toMatch(/proxy/);
				expect(baseUrl.typeOptions?.password).toBeUndefined();
			});

			it("has no test request of its own: n8n would send that with its own HTTP client, before the nodes' method", () => {
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
				expect(result.message).toMatch(
					/ answered HTTP 401 from .*: Invalid API key: \[redacted\]$/,
				);
				expect(result.message).not.toContain(REJECTED_KEY);
				expect(requests.map(({ url }) => url)).toEqual([testCase.testRequestPath]);
			});
		},
	);

	it('accepts a base URL that ends with a slash', async () => {
		const { request } = await runCredentialTest(credentialType('fusionOpenAiApi'), {
			apiKey: API_KEY,
			baseUrl: `${origin}/v1/`,
		});

		expect(request.url).toBe('/v1/models');
	});

	it.each([credentialType('fusionOllamaApi'), credentialType('fusionOpenAiCompatibleApi')])(
		'$name sends no Authorization header at all when the optional key is empty',
		async (credential) => {
			const { result, request } = await runCredentialTest(credential, {
				apiKey: '',
				baseUrl: `${origin}/v1`,
			});

			expect(result.status).toBe('OK');
			expect(authHeadersOf(request.headers)).toEqual({});
		},
	);

	it('is offered by both nodes, every type, under the name their credential slots give in testedBy', () => {
		for (const node of [new FusionChat(), new FusionModels()]) {
			const slots = node.description.credentials ?? [];
			expect(slots.map((slot) => slot.name).sort()).toEqual(listed.map(({ name }) => name).sort());
			expect(slots.map((slot) => slot.testedBy)).toEqual(slots.map(() => CREDENTIAL_TEST_METHOD));
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
		const redirecting = createServer((_request, response) =>
			response.writeHead(302, { location: `${targetOrigin}/v1/models` }).end(),
		);
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const { result } = await runCredentialTest(credentialType('fusionOpenAiApi'), {
				apiKey: API_KEY,
				baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/v1`,
			});
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(
					new RegExp(
						`^OpenAI answered with a redirect \\(HTTP 302 to ${targetOrigin}/v1/models\\); redirects are not followed`,
					),
				),
			});
			expect(elsewhere).toHaveLength(0);
		} finally {
			await Promise.all(
				[target, redirecting].map((server) => new Promise((resolve) => server.close(resolve))),
			);
		}
	});

	it('says what is missing before sending anything', async () => {
		const { result, requests } = await runCredentialTest(credentialType('fusionAzureOpenAiApi'), {
			apiKey: API_KEY,
			baseUrl: '',
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'The Azure OpenAI credential has no Base URL; enter the address of the server',
		});
		expect(requests).toHaveLength(0);
	});

	it('sends the Azure API version the credential names', async () => {
		const { request } = await runCredentialTest(credentialType('fusionAzureOpenAiApi'), {
			apiKey: API_KEY,
			baseUrl: origin,
			apiVersion: '2025-01-01-preview',
		});

		expect(request.url).toBe('/openai/models?api-version=2025-01-01-preview');
	});

	it("gives Azure a resource endpoint with no default and the contract's API version", () => {
		const azure = credentialType('fusionAzureOpenAiApi');

		expect(property(azure, 'baseUrl')).toMatchObject({
			default: '',
			placeholder: 'https://my-resource.openai.azure.com',
		});
		expect(property(azure, 'apiVersion')).toMatchObject({ type: 'string', default: '2024-10-21' });
	});
});
