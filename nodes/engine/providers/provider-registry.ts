import { anthropicProvider } from './anthropic/anthropic-adapter';
import { geminiProvider } from './gemini/gemini-adapter';
import {
	azureOpenAiProvider,
	deepSeekProvider,
	groqProvider,
	mistralProvider,
	ollamaProvider,
	openAiCompatibleProvider,
	openAiProvider,
	openRouterProvider,
	togetherProvider,
	xaiProvider,
} from './openai-compatible/openai-compatible-providers';
import type { ProviderDefinitionFor } from './provider-definition';

/**
 * Every provider, in the editor's order. An entry here is all the engine and the nodes need; n8n also needs
 * its credential class in credentials/ and package.json, which a test holds to this list.
 */
const REGISTRY = [
	openAiProvider,
	anthropicProvider,
	geminiProvider,
	mistralProvider,
	openRouterProvider,
	groqProvider,
	deepSeekProvider,
	xaiProvider,
	togetherProvider,
	ollamaProvider,
	azureOpenAiProvider,
	openAiCompatibleProvider,
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
