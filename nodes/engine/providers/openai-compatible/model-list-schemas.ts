import { z } from 'zod';

/* The model-list endpoints of the OpenAI-compatible providers; only the fields the catalog reads are checked. */

const optionalCount = z.number().int().nonnegative().nullish();

/** OpenAI's GET /models, spoken by every OpenAI-compatible provider (Groq adds its limits, Ollama its tags). */
export const openAiModelListSchema = z.object({
	data: z.array(
		z.object({
			id: z.string().min(1),
			created: z.number().nullish(),
			owned_by: z.string().nullish(),
			context_window: optionalCount,
			max_completion_tokens: optionalCount,
		}),
	),
});

/** Mistral's GET /v1/models: capabilities and a deprecation date per model. */
export const mistralModelListSchema = z.object({
	data: z.array(
		z.object({
			id: z.string().min(1),
			name: z.string().nullish(),
			created: z.number().nullish(),
			owned_by: z.string().nullish(),
			max_context_length: optionalCount,
			deprecation: z.string().nullish(),
			capabilities: z
				.object({
					completion_chat: z.boolean().nullish(),
					completion_fim: z.boolean().nullish(),
					function_calling: z.boolean().nullish(),
					vision: z.boolean().nullish(),
					classification: z.boolean().nullish(),
				})
				.nullish(),
		}),
	),
});

/** OpenRouter's GET /api/v1/models: prices per token as decimal strings ("-1" where the price varies). */
export const openRouterModelListSchema = z.object({
	data: z.array(
		z.object({
			id: z.string().min(1),
			name: z.string().nullish(),
			created: z.number().nullish(),
			context_length: optionalCount,
			pricing: z.object({ prompt: z.string(), completion: z.string() }).nullish(),
			architecture: z
				.object({
					input_modalities: z.array(z.string()).nullish(),
					output_modalities: z.array(z.string()).nullish(),
				})
				.nullish(),
			top_provider: z.object({ max_completion_tokens: optionalCount }).nullish(),
			supported_parameters: z.array(z.string()).nullish(),
			expiration_date: z.string().nullish(),
		}),
	),
});

const togetherModelSchema = z.object({
	id: z.string().min(1),
	type: z.string().nullish(),
	display_name: z.string().nullish(),
	organization: z.string().nullish(),
	created: z.number().nullish(),
	context_length: optionalCount,
	pricing: z.object({ input: z.number(), output: z.number() }).nullish(),
});

/** Together's GET /v1/models: a bare array, prices in USD per million tokens. */
export const togetherModelListSchema = z.union([
	z.array(togetherModelSchema),
	z.object({ data: z.array(togetherModelSchema) }).transform((body) => body.data),
]);
