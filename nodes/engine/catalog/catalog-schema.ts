import { z } from 'zod';
import { PROVIDERS } from '../providers/provider-registry';
import { MODEL_CAPABILITIES } from '../providers/listed-model';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const fusionId = z.string().regex(/^[a-z][a-z-]*\/\S+$/, '"provider/model"');
const price = z.number().finite().nonnegative();
const tokens = z.number().int().nonnegative();
const httpsUrl = z.string().url().startsWith('https://');

export const catalogModelDataSchema = z
	.object({
		id: fusionId,
		aliases: z.array(fusionId).optional(),
		upstream: z.string().min(1).optional(),
		name: z.string().min(1),
		ownedBy: z.string().regex(/^[a-z0-9-]+$/, 'a lower-case organisation slug'),
		released: isoDate,
		capabilities: z.array(z.enum(MODEL_CAPABILITIES)).min(1),
		pricePerMillion: z.object({ input: price, output: price }).strict(),
		contextWindow: tokens.positive(),
		maxOutputTokens: tokens,
		arena: z
			.object({ elo: z.number().int().min(800).max(2000), asOf: isoDate })
			.strict()
			.nullable(),
		estimatedLatencyMs: z.number().int().positive(),
		deprecated: z.boolean().optional(),
	})
	.strict()
	.superRefine((model, context) => {
		const generates =
			model.capabilities.includes('chat') || model.capabilities.includes('completions');
		if (generates && model.maxOutputTokens === 0) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['maxOutputTokens'],
				message: 'a model that writes answers needs an answer limit',
			});
		}
		if (model.maxOutputTokens > model.contextWindow) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['maxOutputTokens'],
				message: 'cannot exceed the context window',
			});
		}
	});

/** What every file in `providers/` must satisfy; the catalog tests run each one through it. */
export const providerCatalogDataSchema = z
	.object({
		provider: z.enum(PROVIDERS.map((provider) => provider.id) as [string, ...string[]]),
		checkedAt: isoDate,
		source: httpsUrl,
		capabilitiesCheckedAt: isoDate,
		capabilitySources: z.array(httpsUrl).min(1),
		models: z.array(catalogModelDataSchema).min(1),
	})
	.strict()
	.superRefine((catalog, context) => {
		const prefixes =
			PROVIDERS.find((provider) => provider.id === catalog.provider)?.modelPrefixes ?? [];
		catalog.models.forEach((model, index) => {
			for (const id of [model.id, ...(model.aliases ?? [])]) {
				if (!prefixes.some((prefix) => id.startsWith(prefix))) {
					context.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['models', index, 'id'],
						message: `${id} does not start with one of ${catalog.provider}'s prefixes (${prefixes.join(', ')})`,
					});
				}
			}
		});
	});
