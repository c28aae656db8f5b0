import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { FusionError, type ConnectionResolver, type ProviderConnection } from '../engine';
import { connectionFromCredential } from './connection-from-credential';
import { chosenProviders } from './provider-credentials';

/**
 * Credentials are read once per provider and execution: every item of a batch shares them. A model whose
 * provider is not chosen under "Providers" has no credential slot, and the error says how to add it.
 */
export function createConnectionResolver(context: {
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}): ConnectionResolver {
	const chosen = chosenProviders(context.getNodeParameter('providers', 0, []));
	const cache = new Map<string, Promise<ProviderConnection>>();
	return async (provider) => {
		if (!chosen.has(provider.id)) {
			throw new FusionError({
				kind: 'auth',
				message: `no ${provider.displayName} credential: add "${provider.displayName}" under the node's Providers and select a credential for it`,
			});
		}
		let connection = cache.get(provider.id);
		if (connection === undefined) {
			connection = context.getCredentials(provider.credentialType).then(
				(data) => connectionFromCredential(provider, data),
				() => {
					throw new FusionError({
						kind: 'auth',
						message: `no ${provider.displayName} credential is selected: choose one in the node's "${provider.displayName}" credential field`,
					});
				},
			);
			cache.set(provider.id, connection);
		}
		return connection;
	};
}
