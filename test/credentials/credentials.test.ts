import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

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
import { runNodeInN8n } from '../helpers/run-node-in-n8n';

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
		testRequestPath: '/v1beta/models',
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

/**
 * What n8n's credential tester builds to run a credential's `test` (packages/cli CredentialsTester): a
 * node whose one parameter routes the test request, executed by n8n-core's RoutingNode.
 */
function credentialTesterNode(credential: ICredentialType): INodeType {
	if (credential.test === undefined) throw new Error(`${credential.name} has no test request`);
	return {
		description: {
			displayName: 'Credential Tester',
			name: 'credentialTester',
			group: ['transform'],
			version: 1,
			description: "Sends a credential type's test request",
			defaults: { name: 'Credential Tester' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test.request },
				},
			],
		},
	};
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
		response.writeHead(rejected ? 401 : 200, { 'content-type': 'application/json' });
		response.end(JSON.stringify(rejected ? { error: { message: 'Invalid API key' } } : { data: [] }));
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

async function runCredentialTest(credential: ICredentialType, data: ICredentialDataDecryptedObject) {
	const result = await runNodeInN8n({
		nodeType: credentialTesterNode(credential),
		parameters: {},
		credentials: { [credential.name]: data },
		inputItems: [{}],
	});
	return { ...result, request: received[0], requests: received };
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

		it('tests the key with a GET that costs nothing', () => {
			expect(credential.test?.request.method ?? 'GET').toBe('GET');
		});

		it("sends its test request under the base URL with the provider's own authentication", async () => {
			const { items, error, request, requests } = await runCredentialTest(credential, {
				apiKey: API_KEY,
				baseUrl: `${origin}${testCase.basePath}`,
			});

			expect(error).toBeUndefined();
			expect(items).toEqual([{ json: { data: [] }, pairedItem: { item: 0 } }]);
			expect(requests).toHaveLength(1);
			expect(request.method).toBe('GET');
			expect(request.url).toBe(testCase.testRequestPath);
			expect(authHeadersOf(request.headers)).toEqual(testCase.authHeaders);
		});

		it('fails the test when the provider rejects the key', async () => {
			const { error, requests } = await runCredentialTest(credential, {
				apiKey: REJECTED_KEY,
				baseUrl: `${origin}${testCase.basePath}`,
			});

			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('401');
			// n8n sends a request refused with 401 once more after authenticating it again.
			expect(requests.map(({ url }) => url)).toEqual([testCase.testRequestPath, testCase.testRequestPath]);
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
		'$name sends no bare "Bearer " when the optional key is empty',
		async (credential) => {
			const { error, request } = await runCredentialTest(credential, { apiKey: '', baseUrl: `${origin}/v1` });

			expect(error).toBeUndefined();
			// n8n's generic authentication always sets the header, so an empty value is the closest to none.
			expect(authHeadersOf(request.headers)).toEqual({ authorization: '' });
		},
	);

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
