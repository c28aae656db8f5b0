import type { CatalogModel } from '../catalog/catalog-types';
import { matchCatalogModel } from '../catalog/model-catalog';
import { FusionError } from '../errors/fusion-error';
import type { ModelPricing } from '../providers/listed-model';
import {
	PROVIDERS,
	providerForPrefix,
	type ProviderDefinition,
} from '../providers/provider-registry';

export interface ResolvedModel {
	/** The id as the user wrote it: what the output reports. */
	fusionId: string;
	provider: ProviderDefinition;
	/** What the provider is sent as `model` (or Azure's deployment). */
	upstreamModel: string;
	/** USD per 1K tokens from the bundled catalog; undefined for a model it does not know. */
	pricing?: ModelPricing;
	/** The catalog's entry (quality score, latency estimate, limits), when it knows the model. */
	catalog?: CatalogModel;
}

const PREFIX_LIST = PROVIDERS.flatMap((provider) => provider.modelPrefixes).join(', ');

/**
 * `provider/model`: the prefix up to the first slash picks the provider, the rest is the provider's own
 * model name (so `openrouter/anthropic/claude-3-opus` sends `anthropic/claude-3-opus`), unless the catalog
 * maps the id to the provider's dated name (`anthropic/claude-3-opus` sends `claude-3-opus-20240229`).
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
	const match = matchCatalogModel(modelId);
	// An alias or the provider's own name is already what the provider expects; only the entry's id is mapped.
	const upstreamModel = match?.via === 'id' ? match.model.upstreamModel : name;
	return {
		fusionId: modelId,
		provider,
		upstreamModel,
		pricing: match?.model.pricing,
		catalog: match?.model,
	};
}
