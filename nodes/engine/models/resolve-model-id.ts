import { KNOWN_MODELS, type ModelPricing } from '../catalog/seed-prices';
import { FusionError } from '../errors/fusion-error';
import type { ProviderDefinition } from '../providers/provider-adapter';
import { PROVIDERS, providerForPrefix } from '../providers/provider-registry';

export interface ResolvedModel {
	/** The id as the user wrote it: what the output reports. */
	fusionId: string;
	provider: ProviderDefinition;
	/** What the provider is sent as `model` (or Azure's deployment). */
	upstreamModel: string;
	pricing?: ModelPricing;
}

const knownById = new Map(KNOWN_MODELS.map((model) => [model.id, model]));

const PREFIX_LIST = PROVIDERS.flatMap((provider) => provider.modelPrefixes).join(', ');

/**
 * `provider/model`: the prefix up to the first slash picks the provider, the rest is the provider's own
 * model name (so `openrouter/anthropic/claude-3-opus` sends `anthropic/claude-3-opus`), unless the price
 * table maps a well-known alias to the provider's dated name.
 */
export function resolveModelId(modelId: string): ResolvedModel {
	const slash = modelId.indexOf('/');
	const prefix = slash > 0 ? modelId.slice(0, slash + 1) : '';
	const name = slash > 0 ? modelId.slice(slash + 1) : '';
	const provider = prefix === '' ? undefined : providerForPrefix(prefix.toLowerCase());
	if (provider === undefined || name === '') {
		throw new FusionError({
			kind: 'bad_request',
			message: `Model "${modelId}" does not start with a known provider; use one of ${PREFIX_LIST} followed by the model name, e.g. "openai/gpt-4o-mini"`,
		});
	}
	const known = knownById.get(modelId);
	return { fusionId: modelId, provider, upstreamModel: known?.upstream ?? name, pricing: known?.pricing };
}
