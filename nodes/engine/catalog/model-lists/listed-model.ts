import type { ZodError } from 'zod';
import { describeSchemaIssues } from '../../errors/describe-schema-issues';
import { FusionError } from '../../errors/fusion-error';
import type { ModelCapabilities, ModelPricing } from '../catalog-types';

/** One model as a provider's model-list endpoint describes it; every field but the id is optional. */
export interface ListedModel {
	/** The provider's own id for it, as listed (the part after `provider/` in a fusion id). */
	id: string;
	name?: string;
	/** Unix seconds. */
	created?: number;
	ownedBy?: string;
	contextWindow?: number;
	maxOutputTokens?: number;
	/** USD per 1K tokens, where the list carries live prices (OpenRouter, Together). */
	pricing?: ModelPricing;
	/** Only what the list states; the rest comes from the catalog. */
	capabilities?: Partial<ModelCapabilities>;
	/** The provider marks it deprecated or gives it a retirement date. */
	deprecated?: boolean;
}

/** One page of a model list; `cursor` is set when the provider has more pages. */
export interface ModelListPage {
	models: ListedModel[];
	cursor?: string;
}

export function invalidModelList(providerName: string, error: ZodError): FusionError {
	return new FusionError({
		kind: 'invalid_response',
		message: `${providerName} sent a model list in an unexpected shape (${describeSchemaIssues(error)})`,
	});
}

/** Drops undefined fields so a merged item carries only what the list said. */
export function definedOnly<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
