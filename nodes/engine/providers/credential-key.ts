import { createHash } from 'node:crypto';
import type { ProviderConnection } from './provider-adapter';
import type { ProviderDefinition } from './provider-registry';

/** A connection is resolved once per execution and provider, so its key is computed once too. */
const keysByConnection = new WeakMap<ProviderConnection, string>();

/**
 * What the state kept across items and executions (rate limits, model health and statistics, cached answers)
 * is kept per: one credential of one provider. A digest of the base URL, key and API version, never the key
 * itself nor the base URL, which may carry a password.
 */
export function credentialKeyOf(
	provider: ProviderDefinition,
	connection: ProviderConnection,
): string {
	let key = keysByConnection.get(connection);
	if (key === undefined) {
		const identity = JSON.stringify([
			provider.id,
			connection.baseUrl,
			connection.apiKey ?? null,
			connection.apiVersion ?? null,
		]);
		key = `${provider.id}:${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
		keysByConnection.set(connection, key);
	}
	return key;
}
