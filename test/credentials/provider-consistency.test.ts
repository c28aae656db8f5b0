/**
 * A provider is one registry entry; its credential type, icon and package.json line must agree with it.
 * This is where any place that disagrees fails: a credential missing or unlisted, a base URL or an auth
 * header that n8n would send differently from the engine, an icon missing, a prefix claimed twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';

import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	INodeType,
} from 'n8n-workflow';

import { PROVIDER_CATALOGS } from '../../nodes/engine/catalog/model-catalog';
import { checkCredential } from '../../nodes/engine/catalog/check-credential';
import { PROVIDERS, type ProviderDefinition } from '../../nodes/engine/providers/provider-registry';
import { timeoutsFromTotal } from '../../nodes/engine/transport/timeouts';
import { connectionFromCredential } from '../../nodes/shared/connection-from-credential';
import { runNodeInN8n } from '../helpers/run-node-in-n8n';
import type { RecordedRequest } from '../mock-provider/mock-provider-server';
import { useMockProvider } from '../mock-provider/use-mock-provider';
import {
	CREDENTIALS_DIR,
	LISTED_CREDENTIAL_FILES,
	loadListedCredentials,
} from './package-credentials';

const API_KEY = 'sk-consistency-0123456789';
const listed = loadListedCredentials();

function credentialOf(provider: ProviderDefinition): ICredentialType {
	const found = listed.find(({ credential }) => credential.name === provider.credentialType);
	if (found === undefined)
		throw new Error(`no credential type ${provider.credentialType} is listed in package.json`);
	return found.credential;
}

function field(credential: ICredentialType, name: string) {
	return credential.properties.find((property) => property.name === name);
}

const mockProvider = useMockProvider();

/**
 * A node that does what an HTTP Request node given this credential does: n8n fills in the credential's
 * defaults and authenticates the request with the credential's `authenticate`. It outputs the filled-in data.
 */
function n8nRequestNode(credentialType: string): INodeType {
	return {
		description: {
			displayName: 'Authenticated Request',
			name: 'authenticatedRequest',
			group: ['transform'],
			version: 1,
			description: 'Sends one GET with the credential, as n8n authenticates it',
			defaults: { name: 'Authenticated Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions) {
			const data = await this.getCredentials(credentialType);
			const url = this.getNodeParameter('url', 0) as string;
			await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				method: 'GET',
				url,
			});
			return [[{ json: data }]];
		},
	};
}

/**
 * The headers n8n and the engine must agree on: those the credential sets, those the provider's definition
 * sends with every request (Anthropic's API version), and any carrying the key.
 */
function authenticationHeaders(
	credential: ICredentialType,
	provider: ProviderDefinition,
	...requests: RecordedRequest[]
): string[] {
	const declared = Object.keys(
		(credential.authenticate as { properties: { headers?: object } }).properties.headers ?? {},
	);
	const fixed = Object.keys(provider.auth.fixedHeaders ?? {});
	const carryingKey = requests.flatMap(({ headers }) =>
		Object.keys(headers).filter((name) => String(headers[name]).includes(API_KEY)),
	);
	return [
		...new Set([...declared, ...fixed].map((name) => name.toLowerCase()).concat(carryingKey)),
	].sort();
}

function pick(headers: IncomingHttpHeaders, names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.map((name) => [name, headers[name]]));
}

const byId = PROVIDERS.map((provider) => [provider.id, provider] as const);

describe('one source of truth per provider', () => {
	it('gives every provider one credential type, listed in package.json, in a file named after its class, and nothing else', () => {
		const sourceFiles = readdirSync(CREDENTIALS_DIR).filter((file) =>
			file.endsWith('.credentials.ts'),
		);
		expect(listed.map(({ sourceFile }) => sourceFile.replace('credentials/', '')).sort()).toEqual(
			sourceFiles.sort(),
		);
		expect(
			LISTED_CREDENTIAL_FILES.every((file) =>
				/^dist\/credentials\/[A-Za-z]+\.credentials\.js$/.test(file),
			),
		).toBe(true);
		for (const { className, credential } of listed)
			expect(className).toBe(credential.name[0].toUpperCase() + credential.name.slice(1));
		expect(listed.map(({ credential }) => credential.name).sort()).toEqual(
			PROVIDERS.map((provider) => provider.credentialType).sort(),
		);
	});

	it.each(byId)(
		"%s: the credential form shows the definition's name, fields and defaults",
		(_id, provider) => {
			const credential = credentialOf(provider);
			expect(credential.displayName).toBe(`Fusion: ${provider.displayName} API`);
			expect(credential.name).toMatch(/^fusion[A-Za-z]+Api$/);
			expect(credential.documentationUrl).toBe(provider.credential.documentationUrl);
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
			expect(credential.properties.map(({ name }) => name)).toEqual(
				provider.defaultApiVersion === undefined
					? ['apiKey', 'baseUrl']
					: ['apiKey', 'baseUrl', 'apiVersion'],
			);
			expect(field(credential, 'apiKey')).toMatchObject({
				type: 'string',
				typeOptions: { password: true },
				default: '',
			});
			expect(field(credential, 'apiKey')?.required === true).toBe(provider.apiKeyRequired);
			expect(field(credential, 'baseUrl')).toMatchObject({
				type: 'string',
				required: true,
				default: provider.defaultBaseUrl ?? '',
			});
			expect(field(credential, 'baseUrl')?.description).toMatch(/proxy/);
			expect(credential.test).toBeUndefined();
		},
	);

	it.each(byId)(
		'%s: n8n fills in the defaults the engine uses, and authenticates as the engine does',
		async (_id, provider) => {
			const credential = credentialOf(provider);
			const mock = mockProvider.server;
			mock.reply('/n8n', { json: {} }).reply('/engine/', { json: { data: [] } });
			// The user leaves every field but the key at its default.
			const run = await runNodeInN8n({
				nodeType: n8nRequestNode(provider.credentialType),
				parameters: { url: `${mock.url}/n8n` },
				credentials: { [provider.credentialType]: { apiKey: API_KEY } },
				inputItems: [{}],
			});
			expect(run.error).toBeUndefined();
			const filledIn = run.items[0].json as ICredentialDataDecryptedObject;
			expect(filledIn.baseUrl).toBe(provider.defaultBaseUrl ?? '');
			expect(filledIn.apiVersion).toBe(provider.defaultApiVersion);
			if (provider.defaultBaseUrl !== undefined)
				expect(connectionFromCredential(provider, filledIn).baseUrl).toBe(provider.defaultBaseUrl);

			await checkCredential(
				provider,
				connectionFromCredential(provider, { ...filledIn, baseUrl: `${mock.url}/engine` }),
				{
					timeouts: timeoutsFromTotal(10_000),
				},
			);
			const [n8n, engine] = ['/n8n', '/engine/'].map((path) => mock.requestsTo(path)[0]);
			if (n8n === undefined || engine === undefined)
				throw new Error(`expected one request from n8n and one from the engine`);
			const names = authenticationHeaders(credential, provider, n8n, engine);
			expect(names.some((name) => String(engine.headers[name]).includes(API_KEY))).toBe(true);
			expect(pick(n8n.headers, names)).toEqual(pick(engine.headers, names));
		},
	);

	it.each(byId)('%s: has a light and a dark icon of its own, 60 × 60 SVGs', (_id, provider) => {
		const { icon } = credentialOf(provider);
		expect(icon).toEqual({
			light: `file:icons/${provider.credential.icon}.svg`,
			dark: `file:icons/${provider.credential.icon}.dark.svg`,
		});
		const { light, dark } = icon as { light: string; dark: string };
		const [lightSvg, darkSvg] = [light, dark].map((path) =>
			readFileSync(join(CREDENTIALS_DIR, path.replace('file:', '')), 'utf8'),
		);
		expect(lightSvg).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
		expect(darkSvg).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
		expect(darkSvg).not.toBe(lightSvg);
	});

	it('keeps no icon that no provider uses', () => {
		const used = PROVIDERS.flatMap(({ credential }) => [
			`${credential.icon}.svg`,
			`${credential.icon}.dark.svg`,
		]);
		expect(readdirSync(join(CREDENTIALS_DIR, 'icons')).sort()).toEqual(used.sort());
	});

	it('routes every model prefix to exactly one provider, and every provider has one', () => {
		const prefixes = PROVIDERS.flatMap((provider) => provider.modelPrefixes);
		expect(prefixes.every((prefix) => /^[a-z][a-z0-9-]*\/$/.test(prefix))).toBe(true);
		expect(new Set(prefixes).size).toBe(prefixes.length);
		expect(PROVIDERS.every((provider) => provider.modelPrefixes.length > 0)).toBe(true);
		expect(new Set(PROVIDERS.map((provider) => provider.id)).size).toBe(PROVIDERS.length);
		expect(new Set(PROVIDERS.map((provider) => provider.credentialType)).size).toBe(
			PROVIDERS.length,
		);
	});

	it("keeps the catalog's files to the registry's providers, one each, in the registry's order", () => {
		const order = PROVIDERS.map((provider) => provider.id);
		const catalogued = PROVIDER_CATALOGS.map((catalog) => catalog.provider);
		expect(catalogued).toEqual(order.filter((id) => catalogued.includes(id)));
		expect(new Set(catalogued).size).toBe(catalogued.length);
	});
});
