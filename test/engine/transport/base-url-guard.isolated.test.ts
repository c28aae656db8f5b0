import { Agent } from 'undici';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { ChatCompletionOutput } from '../../../nodes/engine/chat/chat-output';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import {
	createGuardedConnector,
	REFUSED_ADDRESS_CODE,
} from '../../../nodes/engine/transport/base-url-guard';
import { sendUpstream } from '../../../nodes/engine/transport/send-upstream';
import { DEFAULT_TIMEOUTS } from '../../../nodes/engine/transport/timeouts';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { assertOnlyLoopback, NAMESPACE } from '../../isolated/network-namespace';
import { settingsFor } from '../chat/engine-settings';

assertOnlyLoopback();

const KEY = 'sk-guard-test-0123456789abcdef';
let metadataV4: MockProviderServer;
let metadataV6: MockProviderServer;
let privateProvider: MockProviderServer;

beforeAll(async () => {
	// Stand-ins for the metadata service, on its real addresses: a call the guard let through would land here.
	metadataV4 = await MockProviderServer.start(0, NAMESPACE.metadataIpv4);
	metadataV6 = await MockProviderServer.start(0, NAMESPACE.metadataIpv6);
	privateProvider = await MockProviderServer.start(0, NAMESPACE.privateIpv4);
});
afterAll(async () => {
	await Promise.all([metadataV4, metadataV6, privateProvider].map((server) => server.close()));
});
afterEach(() => {
	for (const server of [metadataV4, metadataV6, privateProvider]) server.reset();
});

const portOf = (server: MockProviderServer) => new URL(server.url).port;

async function chatThrough(baseUrl: string): Promise<ChatCompletionOutput | AllModelsFailedError> {
	const settings = settingsFor({ openai: { baseUrl, apiKey: KEY } });
	return runChat(
		{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] },
		settings,
	).catch((error: AllModelsFailedError) => error);
}

const REFUSAL = /a link-local or cloud metadata address\. It is refused/;

describe('the address guard, with no route off the machine', () => {
	it.each([
		['169.254.169.254', () => `169.254.169.254:${portOf(metadataV4)}`],
		['IPv4-mapped', () => `[::ffff:169.254.169.254]:${portOf(metadataV4)}`],
		['IPv4-mapped, in hex', () => `[::ffff:a9fe:a9fe]:${portOf(metadataV4)}`],
		['IPv4-compatible', () => `[::169.254.169.254]:${portOf(metadataV4)}`],
		['SIIT-translated', () => `[::ffff:0:a9fe:a9fe]:${portOf(metadataV4)}`],
		['NAT64', () => `[64:ff9b::a9fe:a9fe]:${portOf(metadataV4)}`],
		["AWS's IPv6 metadata address", () => `[fd00:ec2::254]:${portOf(metadataV6)}`],
		['a single number', () => `2852039166:${portOf(metadataV4)}`],
	])('refuses a base URL at %s and nothing reaches the metadata service', async (_form, host) => {
		const failure = await chatThrough(`http://${host()}/v1`);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		const [attempt] = (failure as AllModelsFailedError).attempts;
		expect(attempt.error).toMatchObject({
			type: 'bad_request',
			message: expect.stringMatching(REFUSAL),
		});
		expect(metadataV4.connections + metadataV6.connections).toBe(0);
	});

	it.each([
		() => `http://[::ffff:169.254.169.254]:${portOf(metadataV4)}/latest/meta-data/`,
		() => `http://169.254.169.254:${portOf(metadataV4)}/latest/meta-data/`,
		() => `http://[fd00:ec2::254]:${portOf(metadataV6)}/latest/meta-data/`,
		() => `http://[64:ff9b::a9fe:a9fe]:${portOf(metadataV4)}/latest/meta-data/`,
	])('refuses an IP literal in the transport itself, before a socket opens (%#)', async (url) => {
		const failure = await sendUpstream(
			{ method: 'GET', url: url(), headers: {} },
			{ timeouts: DEFAULT_TIMEOUTS },
		).catch((error: unknown) => error);
		expect(failure).toMatchObject({ kind: 'bad_request', message: expect.stringMatching(REFUSAL) });
		expect(metadataV4.connections + metadataV6.connections).toBe(0);
	});

	it('refuses a host name that resolves to the metadata address', async () => {
		const failure = await chatThrough(
			`http://${NAMESPACE.metadataHostName}:${portOf(metadataV4)}/v1`,
		);
		const [attempt] = (failure as AllModelsFailedError).attempts;
		expect(attempt.error?.message).toMatch(
			new RegExp(
				`${NAMESPACE.metadataHostName} resolves to 169\\.254\\.169\\.254, ${REFUSAL.source}`,
			),
		);
		expect(metadataV4.connections).toBe(0);
	});

	it('checks the address the socket reached, whatever the resolver said', async () => {
		// A resolver that answers with the metadata address for every name, as a poisoned or rebinding DNS would.
		const agent = new Agent({
			connect: createGuardedConnector({
				lookup: (_hostname, options, callback) =>
					options.all
						? callback(null, [{ address: NAMESPACE.metadataIpv4, family: 4 }])
						: callback(null, NAMESPACE.metadataIpv4, 4),
			}),
		});
		try {
			const failure = await agent
				.request({
					origin: `http://provider.fusion.test:${portOf(metadataV4)}`,
					path: '/v1/models',
					method: 'GET',
				})
				.catch((error: unknown) => error);
			expect(failure).toMatchObject({
				code: REFUSED_ADDRESS_CODE,
				message: expect.stringMatching(
					/^the connection to provider\.fusion\.test reached 169\.254\.169\.254, a link-local/,
				),
			});
			expect(metadataV4.requests).toHaveLength(0);
		} finally {
			await agent.close();
		}
	});

	it('lets loopback and private addresses through', async () => {
		const answered = { choices: [{ message: { content: '[gpt-4o-mini] answer to: hello' } }] };
		expect(await chatThrough(`${privateProvider.url}/v1`)).toMatchObject(answered);
		const loopback = await MockProviderServer.start();
		try {
			expect(await chatThrough(`${loopback.url}/v1`)).toMatchObject(answered);
		} finally {
			await loopback.close();
		}
	});
});
