import { CredentialTestContext } from 'n8n-core';
import { testProviderCredential } from '../../nodes/shared/credential-test';
import { assertOnlyLoopback, NAMESPACE } from '../isolated/network-namespace';
import { MockProviderServer } from '../mock-provider/mock-provider-server';

assertOnlyLoopback();

let metadata: MockProviderServer;
beforeAll(async () => {
	// A stand-in for the metadata service on its real address: a test the guard let through would land here.
	metadata = await MockProviderServer.start(0, NAMESPACE.metadataIpv4);
});
afterAll(async () => metadata.close());

const port = () => new URL(metadata.url).port;

describe("a credential's Test button", () => {
	it.each([
		() => `http://169.254.169.254:${port()}/v1`,
		() => `http://[::ffff:169.254.169.254]:${port()}/v1`,
		() => `http://${NAMESPACE.metadataHostName}:${port()}/v1`,
	])(
		'refuses a base URL that reaches the metadata service, with nothing sent (%#)',
		async (baseUrl) => {
			const result = await testProviderCredential.call(new CredentialTestContext(), {
				id: 'metadata-credential',
				name: 'Points at the metadata service',
				type: 'fusionOpenAiApi',
				data: { apiKey: 'sk-metadata-test-0123456789', baseUrl: baseUrl() },
			});
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/a link-local or cloud metadata address\. It is refused/),
			});
			expect(metadata.connections).toBe(0);
		},
	);
});
