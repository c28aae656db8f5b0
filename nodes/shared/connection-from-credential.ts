import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { FusionError, type ProviderConnection, type ProviderDefinition } from '../engine';

function stringField(data: ICredentialDataDecryptedObject, name: string): string | undefined {
	const value = data[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A credential's fields as the engine's connection; a missing Base URL or required key is an auth error saying what to enter. */
export function connectionFromCredential(
	provider: ProviderDefinition,
	data: ICredentialDataDecryptedObject,
): ProviderConnection {
	const baseUrl = stringField(data, 'baseUrl') ?? provider.defaultBaseUrl;
	if (baseUrl === undefined) {
		throw new FusionError({
			kind: 'auth',
			message: `The ${provider.displayName} credential has no Base URL; enter the address of the server`,
		});
	}
	const apiKey = stringField(data, 'apiKey');
	if (apiKey === undefined && provider.apiKeyRequired) {
		throw new FusionError({
			kind: 'auth',
			message: `The ${provider.displayName} credential has no API key; enter one in the credential`,
		});
	}
	return {
		baseUrl: baseUrl.replace(/\/+$/, ''),
		apiKey,
		apiVersion: stringField(data, 'apiVersion'),
	};
}
