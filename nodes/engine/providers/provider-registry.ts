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
import type { ProviderDefinition, ProviderId } from './provider-adapter';

/** Every provider of the contract, in the contract's order (which is also the editor's). */
export const PROVIDERS: readonly ProviderDefinition[] = [
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
];

const byId = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

export function providerById(id: ProviderId): ProviderDefinition {
	const provider = byId.get(id);
	if (provider === undefined) throw new Error(`unknown provider ${id}`);
	return provider;
}

export function providerForPrefix(prefix: string): ProviderDefinition | undefined {
	return PROVIDERS.find((provider) => provider.modelPrefixes.includes(prefix));
}
