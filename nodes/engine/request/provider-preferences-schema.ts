import { z } from 'zod';

const slugs = z
	.array(
		z.string({ invalid_type_error: 'must list strings' }).min(1, 'must not list an empty name'),
		{
			invalid_type_error: 'must be an array of provider names, e.g. ["anthropic", "openai"]',
		},
	)
	.min(1, 'must list at least one provider (leave the field out for none)');
const flag = z.boolean({ invalid_type_error: 'must be true or false' });
const usdPerMillion = z
	.number({ invalid_type_error: 'must be a number (USD per million tokens)' })
	.nonnegative('must be 0 or more');

/**
 * OpenRouter's provider-routing object, as its API reference documents it today: which of the providers behind
 * an OpenRouter model serve the request. Strict, so a misspelt key is the item's error instead of a preference
 * OpenRouter would silently ignore.
 */
export const providerPreferencesSchema = z
	.object(
		{
			order: slugs.optional(),
			only: slugs.optional(),
			ignore: slugs.optional(),
			allow_fallbacks: flag.optional(),
			require_parameters: flag.optional(),
			data_collection: z
				.enum(['allow', 'deny'], { errorMap: () => ({ message: 'must be "allow" or "deny"' }) })
				.optional(),
			zdr: flag.optional(),
			enforce_distillable_text: flag.optional(),
			quantizations: slugs.optional(),
			sort: z
				.enum(['price', 'throughput', 'latency'], {
					errorMap: () => ({ message: 'must be one of price, throughput, latency' }),
				})
				.optional(),
			max_price: z
				.object(
					{
						prompt: usdPerMillion.optional(),
						completion: usdPerMillion.optional(),
						request: usdPerMillion.optional(),
						image: usdPerMillion.optional(),
					},
					{ invalid_type_error: 'must be an object such as {"prompt": 1, "completion": 2}' },
				)
				.strict()
				.optional(),
		},
		{ invalid_type_error: "must be an object of OpenRouter's provider preferences" },
	)
	.strict();

export type ProviderPreferences = z.infer<typeof providerPreferencesSchema>;
