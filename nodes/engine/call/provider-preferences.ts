import type { ResolvedModel } from '../models/resolve-model-id';
import type { ModelCallRequest } from '../providers/provider-adapter';
import type { UnifiedChatRequest } from '../request/unified-request';

/**
 * OpenRouter's `provider` preferences go to a provider that routes across upstream providers itself and takes
 * them; any other provider would refuse the unknown field or ignore it, so it gets none and the output says so.
 */
export function providerPreferencesFor(
	request: UnifiedChatRequest,
	target: ResolvedModel,
): { fields: Pick<ModelCallRequest, 'provider'>; warnings: string[] } {
	if (request.provider === undefined) return { fields: {}, warnings: [] };
	if (target.provider.adapter.takesProviderPreferences === true)
		return { fields: { provider: request.provider }, warnings: [] };
	return {
		fields: {},
		warnings: [
			`provider (OpenRouter's provider preferences) was not sent to ${target.fusionId}: only openrouter/ models take it`,
		],
	};
}
