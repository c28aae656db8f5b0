import { z } from 'zod';

/*
 * Gemini's generateContent wire types, as far as the engine reads them. Objects strip unknown fields (Google adds
 * fields often: safetyRatings, groundingMetadata, thoughtSignature, …); the fields we read are checked exactly.
 * Optional fields accept null as well as absence, as proxies in front of Gemini re-serialise that way.
 */

const tokenCount = z.number().int().nonnegative();

const partSchema = z.object({
	/** Absent on functionCall / inlineData parts; '' on the part that only carries a thoughtSignature. */
	text: z.string().nullish(),
	/** Thought summaries come as text parts flagged `thought: true`; they are not the answer. */
	thought: z.boolean().nullish(),
	/** A whole call; Gemini gives it an id only sometimes, and no args for a function without parameters. */
	functionCall: z
		.object({
			id: z.string().nullish(),
			name: z.string().nullish(),
			args: z.record(z.unknown()).nullish(),
		})
		.nullish(),
	/** Gemini 3 requires the signature of a functionCall part back with that call on the next request. */
	thoughtSignature: z.string().nullish(),
});
export type GeminiPart = z.infer<typeof partSchema>;

const candidateSchema = z.object({
	/** Absent, or without parts, when the answer was filtered or the thinking used every output token. */
	content: z.object({ parts: z.array(partSchema).nullish() }).nullish(),
	/** Absent on stream chunks until the last one. */
	finishReason: z.string().nullish(),
});

const usageMetadataSchema = z.object({
	promptTokenCount: tokenCount.nullish(),
	candidatesTokenCount: tokenCount.nullish(),
	thoughtsTokenCount: tokenCount.nullish(),
	/** The part of promptTokenCount read from a cache (implicit or cachedContent), billed at the cached rate. */
	cachedContentTokenCount: tokenCount.nullish(),
	totalTokenCount: tokenCount.nullish(),
});
export type GeminiUsageMetadata = z.infer<typeof usageMetadataSchema>;

/** A whole non-streamed answer, and also each chunk of `streamGenerateContent?alt=sse`. */
export const geminiResponseSchema = z.object({
	candidates: z.array(candidateSchema).nullish(),
	/** Set, with no candidate, when the prompt itself was blocked. */
	promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
	usageMetadata: usageMetadataSchema.nullish(),
	modelVersion: z.string().nullish(),
	responseId: z.string().nullish(),
});
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

/** Google's standard error body: `status` is the gRPC code name, `details` the google.rpc detail objects. */
export const geminiErrorBodySchema = z.object({
	error: z.object({
		code: z.number().int().nullish(),
		message: z.string(),
		status: z.string().nullish(),
		details: z.array(z.unknown()).nullish(),
	}),
});
export type GeminiErrorBody = z.infer<typeof geminiErrorBodySchema>;

/** Gemini's GET /v1beta/models: names are `models/<id>`, paginated by `nextPageToken`. */
export const geminiModelListSchema = z.object({
	models: z
		.array(
			z.object({
				name: z.string().min(1),
				displayName: z.string().nullish(),
				inputTokenLimit: tokenCount.nullish(),
				outputTokenLimit: tokenCount.nullish(),
				supportedGenerationMethods: z.array(z.string()).nullish(),
				thinking: z.boolean().nullish(),
			}),
		)
		.default([]),
	nextPageToken: z.string().nullish(),
});
