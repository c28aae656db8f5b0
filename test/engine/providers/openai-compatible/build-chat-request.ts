import type {
	ModelCallRequest,
	ProviderConnection,
} from '../../../../nodes/engine/providers/provider-adapter';
import type { ProviderDefinition } from '../../../../nodes/engine/providers/provider-registry';

/** The conversation a request has unless a test gives its own. */
export const HI: ModelCallRequest['messages'] = [{ role: 'user', content: 'Hi' }];
export const TEST_KEY = 'test-key-0123456789';

/** The provider's default base URL (an Azure resource's for those without one) and a key. */
export function connectionFor(
	provider: ProviderDefinition,
	extra: Partial<ProviderConnection> = {},
): ProviderConnection {
	return {
		baseUrl: provider.defaultBaseUrl ?? 'https://my-resource.openai.azure.com',
		apiKey: TEST_KEY,
		...extra,
	};
}

/** The chat request the provider's adapter builds: model `m` saying "Hi", not streamed, unless overridden. */
export function buildChatRequest(
	provider: ProviderDefinition,
	overrides: Partial<ModelCallRequest> = {},
	extra: Partial<ProviderConnection> = {},
) {
	return provider.adapter.toChatRequest(
		{ model: 'm', messages: HI, stream: false, ...overrides },
		connectionFor(provider, extra),
	);
}
