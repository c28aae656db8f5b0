import type { INodeCredentialDescription, INodeProperties, NodeParameterValue } from 'n8n-workflow';
import { PROVIDERS } from '../engine';
import { CREDENTIAL_TEST_METHOD } from './test-provider-credential';

/**
 * The providers a node may call. It decides which credential slots the editor shows: one per chosen
 * provider instead of twelve at once. Shared by Fusion Chat and Fusion Models.
 */
export const providersProperty: INodeProperties = {
	displayName: 'Providers',
	name: 'providers',
	type: 'multiOptions',
	options: PROVIDERS.map((provider) => ({
		name: provider.displayName,
		value: provider.id,
		description: `Models whose id starts with ${provider.modelPrefixes.map((prefix) => `"${prefix}"`).join(' or ')}`,
	})),
	default: ['openai'],
	required: true,
	description: 'The providers whose models this node calls. A credential field appears for each one you choose.',
};

/**
 * One credential slot per provider, shown when the provider is chosen under `providers` and, for a node that
 * needs credentials only in some modes, when the node's other parameters match `alsoShowWhen`.
 */
export function providerCredentialSlots(alsoShowWhen: Record<string, NodeParameterValue[]> = {}): INodeCredentialDescription[] {
	return PROVIDERS.map((provider) => ({
		name: provider.credentialType,
		required: true,
		testedBy: CREDENTIAL_TEST_METHOD,
		displayOptions: { show: { ...alsoShowWhen, providers: [provider.id] } },
	}));
}

export const providerCredentials: INodeCredentialDescription[] = providerCredentialSlots();
