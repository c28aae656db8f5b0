import type { INodeCredentialDescription, INodeProperties, NodeParameterValue } from 'n8n-workflow';
import { PROVIDERS } from '../engine';
import { CREDENTIAL_TEST_METHOD } from './credential-test';

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
		description: `Models whose ID starts with ${provider.modelPrefixes.map((prefix) => `"${prefix}"`).join(' or ')}`,
	})),
	default: ['openai'],
	required: true,
	description: 'The providers whose models this node calls',
	hint: 'Each provider chosen here gets its own credential field at the top of this panel',
};

/** A saved workflow may hold one provider as a plain string: n8n's editor wrote it so before node version 2. */
export function chosenProviders(value: unknown): Set<string> {
	if (typeof value === 'string') return new Set(value === '' ? [] : [value]);
	return new Set(
		Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [],
	);
}

/**
 * One credential slot per provider, shown when the provider is chosen under `providers` and, for a node that
 * needs credentials only in some modes, when the node's other parameters match `alsoShowWhen`.
 *
 * The conditions name the parameters by their root path ("/providers"), not by their bare name. n8n's editor
 * treats a bare-named parameter whose every option shows some credential as the node's single
 * "authentication" field: it hides that parameter (and every parameter it depends on), shows one mixed
 * credential picker instead, and on a pick overwrites the parameter with that one provider, dropping the
 * others. A root path selects the same value without triggering that rule.
 */
export function providerCredentialSlots(
	alsoShowWhen: Record<string, NodeParameterValue[]> = {},
): INodeCredentialDescription[] {
	const rootedConditions = Object.fromEntries(
		Object.entries(alsoShowWhen).map(([name, values]) => [`/${name}`, values]),
	);
	return PROVIDERS.map((provider) => ({
		name: provider.credentialType,
		displayName: `Credential for ${provider.displayName}`,
		required: true,
		testedBy: CREDENTIAL_TEST_METHOD,
		displayOptions: { show: { ...rootedConditions, '/providers': [provider.id] } },
	}));
}

export const providerCredentials: INodeCredentialDescription[] = providerCredentialSlots();
