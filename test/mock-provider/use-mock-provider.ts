import { MockProviderServer } from './mock-provider-server';

/**
 * A mock provider for the enclosing `describe` (or file): started before its tests, its recordings and scripted
 * replies cleared after each one, closed at the end.
 */
export function useMockProvider(): { readonly server: MockProviderServer } {
	let started: MockProviderServer | undefined;
	beforeAll(async () => {
		started = await MockProviderServer.start();
	});
	afterEach(() => started?.reset());
	afterAll(async () => started?.close());
	return {
		get server(): MockProviderServer {
			if (started === undefined)
				throw new Error('the mock provider is started in beforeAll; use it inside a test');
			return started;
		},
	};
}
