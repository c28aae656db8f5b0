import type { ZodError } from 'zod';
import { describeSchemaIssues } from '../errors/describe-schema-issues';
import { FusionError } from '../errors/fusion-error';

/** USD per 1,000 tokens: the unit of Fusion Chat's cost and of Fusion Models' output. */
export interface ModelPricing {
	prompt_tokens: number;
	completion_tokens: number;
}

/** Providers publish per million tokens; fusion counts per thousand. Rounded so 0.59 / 1000 is 0.00059. */
export function perThousand(perMillion: number): number {
	return Number((perMillion / 1000).toPrecision(12));
}

/**
 * What a model can be used for. The first four are the original public output; the rest are what routing and users filter
 * on: `vision` (image input), `tools` (function calling), `json_output` (a JSON mode), `pdf` (PDF input),
 * `json_schema` (an answer held to a JSON Schema) and `reasoning` (a reasoning-effort or thinking control).
 */
export const MODEL_CAPABILITIES = [
	'chat',
	'completions',
	'embeddings',
	'moderation',
	'vision',
	'tools',
	'json_output',
	'pdf',
	'json_schema',
	'reasoning',
] as const;

export type ModelCapability = (typeof MODEL_CAPABILITIES)[number];

export type ModelCapabilities = Record<ModelCapability, boolean>;

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

/** A list's next page: its first page's address with the provider's paging parameters set. */
export function withQuery(url: string, parameters: Record<string, string>): string {
	const next = new URL(url);
	for (const [name, value] of Object.entries(parameters)) next.searchParams.set(name, value);
	return next.toString();
}
