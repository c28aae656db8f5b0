import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { checkCredential, PROVIDERS, timeoutsFromTotal } from '../engine';
import { connectionFromCredential } from './connection-from-credential';

/** The name the nodes' credential slots give in `testedBy`, and under which the nodes offer the method. */
export const CREDENTIAL_TEST_METHOD = 'fusionProviderCredentialTest';

/** A test is a single cheap request; a provider that has not answered by then will not be usable either. */
const CREDENTIAL_TEST_TIMEOUT_MS = 20_000;

/**
 * n8n's "Test" button for every Fusion credential. The request goes through the engine rather than n8n's
 * HTTP client, so a test is held to what every call is: refused on a link-local or metadata address, never
 * following a redirect with the key, bounded, and with the key redacted from whatever the provider answered.
 */
export async function testProviderCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const provider = PROVIDERS.find((candidate) => candidate.credentialType === credential.type);
	if (provider === undefined)
		return {
			status: 'Error',
			message: `Fusion cannot test credentials of type ${credential.type}`,
		};
	try {
		const connection = connectionFromCredential(provider, credential.data ?? {});
		await checkCredential(provider, connection, {
			timeouts: timeoutsFromTotal(CREDENTIAL_TEST_TIMEOUT_MS),
		});
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}

/** What a node lists under `methods` for its credential slots' `testedBy`. */
export const providerCredentialTest = { [CREDENTIAL_TEST_METHOD]: testProviderCredential };
