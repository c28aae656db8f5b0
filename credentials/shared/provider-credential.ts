import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
import {
	providerById,
	type ProviderDefinition,
	type ProviderId,
} from '../../nodes/engine/providers/provider-registry';

/** The credential form's fields: the key, where the provider is, and the API version where it takes one. */
function credentialFields(provider: ProviderDefinition): INodeProperties[] {
	const { credential: texts, displayName } = provider;
	const fields: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			...(provider.apiKeyRequired && { required: true }),
			default: '',
			...(texts.apiKeyDescription !== undefined && { description: texts.apiKeyDescription }),
		},
		{
			displayName: texts.baseUrlLabel ?? 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: provider.defaultBaseUrl ?? '',
			...(texts.baseUrlPlaceholder !== undefined && { placeholder: texts.baseUrlPlaceholder }),
			description:
				texts.baseUrlDescription ??
				`${displayName}'s public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.`,
		},
	];
	if (provider.defaultApiVersion !== undefined) {
		fields.push({
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			required: true,
			default: provider.defaultApiVersion,
			description: `The ${displayName} API version, sent as api-version on every request`,
		});
	}
	return fields;
}

/**
 * The headers the engine sends, for n8n's own requests with this credential (an HTTP Request node using it).
 * n8n's generic authentication always sets the header, so a bearer header is left empty without a key rather
 * than a bare "Bearer ".
 */
function authenticationOf(provider: ProviderDefinition): IAuthenticateGeneric {
	const { keyHeader, fixedHeaders } = provider.auth;
	const key =
		keyHeader === 'authorization'
			? '={{$credentials.apiKey ? "Bearer " + $credentials.apiKey : ""}}'
			: '={{$credentials.apiKey}}';
	return { type: 'generic', properties: { headers: { [keyHeader]: key, ...fixedHeaders } } };
}

/**
 * A Fusion credential type, built from its provider's definition. n8n's loader wants one class per file listed
 * in package.json, named after the file; each such class only names its provider. The test request is the
 * nodes' `testedBy` method, which sends it through the engine.
 */
export abstract class ProviderCredential implements ICredentialType {
	name: string;

	displayName: string;

	icon: Icon;

	documentationUrl: string;

	properties: INodeProperties[];

	authenticate: IAuthenticateGeneric;

	protected constructor(providerId: ProviderId) {
		const provider = providerById(providerId);
		const { icon, documentationUrl } = provider.credential;
		this.name = provider.credentialType;
		this.displayName = `Fusion: ${provider.displayName} API`;
		// Paths are relative to the file n8n loads, credentials/<Class>.credentials.js, not to this one.
		this.icon = { light: `file:icons/${icon}.svg`, dark: `file:icons/${icon}.dark.svg` };
		this.documentationUrl = documentationUrl;
		this.properties = credentialFields(provider);
		this.authenticate = authenticationOf(provider);
	}
}
