import { secretsOf } from '../errors/redact-secrets';
import type { ProviderConnection } from '../providers/provider-adapter';
import type { ProviderDefinition } from '../providers/provider-registry';
import { assertUsableConnection } from '../transport/check-connection';
import type { CallTimeouts } from '../transport/timeouts';
import { fetchPage, redactedFusionError } from './list-live-models';

export interface CredentialCheckSettings {
	timeouts: CallTimeouts;
	signal?: AbortSignal;
}

/**
 * Tests a credential the way every call uses it: the provider's cheapest authenticated request (its model
 * list) through the engine's own transport, so the address guard, the no-redirect rule, the body limits and
 * the redaction apply. Resolves when the provider accepted the key; throws a FusionError saying why not.
 */
export async function checkCredential(
	provider: ProviderDefinition,
	connection: ProviderConnection,
	settings: CredentialCheckSettings,
): Promise<void> {
	try {
		assertUsableConnection(connection, provider.displayName);
		const request =
			provider.adapter.toCredentialCheckRequest?.(connection) ??
			provider.adapter.toModelListRequest(connection);
		await fetchPage(request, provider, settings);
	} catch (thrown) {
		throw redactedFusionError(thrown, secretsOf(connection));
	}
}
