import { anthropicProvider } from './anthropic/anthropic-adapter';
import { geminiProvider } from './gemini/gemini-adapter';
import {
	openAiProvider,
	OTHER_OPENAI_COMPATIBLE_PROVIDERS,
} from './openai-compatible/openai-compatible-providers';
import type { ProviderDefinitionFor } from './provider-definition';

/**
 * Every provider, in the editor's order: OpenAI, the two with APIs of their own, then the other OpenAI-compatible
 * ones. An entry is all the engine and the nodes need; n8n also needs the provider's credential class in
 * credentials/ and its line in package.json, which a test holds to this list.
 */
const REGISTRY = [
	openAiProvider,
	anthropicProvider,
	geminiProvider,
	...OTHER_OPENAI_COMPATIBLE_PROVIDERS,
] as const;

export type ProviderId = (typeof REGISTRY)[number]['id'];

/** A provider of the registry. */
export type ProviderDefinition = ProviderDefinitionFor<ProviderId>;

export const PROVIDERS: readonly ProviderDefinition[] = REGISTRY;

const byId = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

export function providerById(id: ProviderId): ProviderDefinition {
	const provider = byId.get(id);
	if (provider === undefined) throw new Error(`unknown provider ${id}`);
	return provider;
}

export function providerForPrefix(prefix: string): ProviderDefinition | undefined {
	return PROVIDERS.find((provider) => provider.modelPrefixes.includes(prefix));
}
