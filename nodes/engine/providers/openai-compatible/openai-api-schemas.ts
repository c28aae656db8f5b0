import { z } from 'zod';

/*
 * OpenAI's chat/completions wire types, as far as the engine reads them, shared by every OpenAI-compatible
 * provider. Objects strip unknown fields, so each provider's extras (reasoning_content, x_groq, obfuscation,
 * system_fingerprint, service_tier, …) pass; the fields we read are checked exactly.
 */

const tokenCount = z.number().int().nonnegative();

export const openAiUsageSchema = z.object({
	prompt_tokens: tokenCount,
	completion_tokens: tokenCount,
	/** Some self-hosted servers leave it out; it is then the sum. */
	total_tokens: tokenCount.optional(),
	/** OpenRouter's charge for the call in USD; read only when it is a number. */
	cost: z.unknown().optional(),
	completion_tokens_details: z.object({ reasoning_tokens: tokenCount.nullish() }).nullish(),
	prompt_tokens_details: z.object({ cached_tokens: tokenCount.nullish() }).nullish(),
	/** DeepSeek's name for the cached part of the prompt. */
	prompt_cache_hit_tokens: tokenCount.nullish(),
});
export type OpenAiUsage = z.infer<typeof openAiUsageSchema>;

/** Mistral's reasoning models send content as parts: `text` parts are the answer, `thinking` parts are not. */
const contentPartSchema = z
	.object({ type: z.string(), text: z.unknown().optional() })
	.refine((part) => part.type !== 'text' || typeof part.text === 'string', {
		message: 'a text part must carry a "text" string',
	});
export const openAiContentSchema = z.union([z.string(), z.array(contentPartSchema)]).nullish();
export type OpenAiContent = z.infer<typeof openAiContentSchema>;

/** What a whole answer and each chunk of a streamed one both carry. */
const completionHeaderFields = {
	id: z.string().nullish(),
	created: z.number().nullish(),
	model: z.string().nullish(),
};

/** The text of a message or delta: content, or a refusal (OpenAI's structured outputs, safety) instead. */
const answerTextSchema = z.object({ content: openAiContentSchema, refusal: z.string().nullish() });

/**
 * A tool call of a whole answer. Some compatible servers leave out the id, and some send the arguments as an
 * object instead of JSON text; both are mended when read.
 */
const toolCallSchema = z.object({
	id: z.string().nullish(),
	function: z.object({
		name: z.string().min(1, 'must name the function'),
		arguments: z.union([z.string(), z.record(z.unknown())]).nullish(),
	}),
});
export type OpenAiToolCall = z.infer<typeof toolCallSchema>;

/** One piece of a streamed tool call: its index (some servers leave it out), the id and name in its first piece. */
const toolCallDeltaSchema = z.object({
	index: z.number().int().nonnegative().nullish(),
	id: z.string().nullish(),
	function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
export type OpenAiToolCallDelta = z.infer<typeof toolCallDeltaSchema>;

const messageSchema = answerTextSchema.extend({ tool_calls: z.array(toolCallSchema).nullish() });
const deltaSchema = answerTextSchema.extend({
	tool_calls: z.array(toolCallDeltaSchema).nullish(),
});

export const openAiChatResponseSchema = z.object({
	...completionHeaderFields,
	choices: z
		.array(z.object({ message: messageSchema, finish_reason: z.string().nullish() }))
		.min(1, 'must hold at least one choice'),
	usage: openAiUsageSchema.nullish(),
});
export type OpenAiChatResponse = z.infer<typeof openAiChatResponseSchema>;

/** The error object of `{error: {...}}`; OpenRouter's `code` is a number (the HTTP status), OpenAI's a string. */
export const openAiErrorObjectSchema = z.object({
	message: z.string(),
	type: z.string().nullish(),
	code: z.union([z.string(), z.number()]).nullish(),
	param: z.string().nullish(),
});
export type OpenAiErrorObject = z.infer<typeof openAiErrorObjectSchema>;
/** The `error` field: the object, or a bare string from some proxies. */
export const openAiErrorFieldSchema = z.union([openAiErrorObjectSchema, z.string()]);
export type OpenAiErrorField = z.infer<typeof openAiErrorFieldSchema>;

export const openAiChatChunkSchema = z.object({
	...completionHeaderFields,
	// The include_usage chunk has an empty array; an error chunk may have none at all.
	choices: z
		.array(z.object({ delta: deltaSchema.nullish(), finish_reason: z.string().nullish() }))
		.nullish(),
	usage: openAiUsageSchema.nullish(),
	/** OpenRouter (and Groq, vLLM) report a failure met after the 200 status as a chunk with an `error`. */
	error: openAiErrorFieldSchema.optional(),
});
export type OpenAiChatChunk = z.infer<typeof openAiChatChunkSchema>;

/** One item of a FastAPI/pydantic validation failure (Mistral's 422). */
const validationItemSchema = z.object({
	loc: z.array(z.union([z.string(), z.number()])).optional(),
	msg: z.string(),
});
export const validationDetailSchema = z.union([z.string(), z.array(validationItemSchema)]);
export type ValidationDetail = z.infer<typeof validationDetailSchema>;

/** The error bodies of OpenAI-style APIs, tried in this order. */
export const openAiErrorBodySchema = z.union([
	// OpenAI, Azure, Groq, xAI, DeepSeek, Together, OpenRouter, Ollama.
	z.object({ error: openAiErrorFieldSchema }),
	// Mistral: `message` is a text, a {detail} object, or the detail array itself; `code` a string or number.
	z.object({
		object: z
			.string()
			.refine((value) => value.toLowerCase() === 'error', { message: 'must be "error"' }),
		message: z.union([
			z.string(),
			z.object({ detail: validationDetailSchema }),
			z.array(validationItemSchema),
		]),
		type: z.string().nullish(),
		code: z.union([z.string(), z.number()]).nullish(),
	}),
	// A bare FastAPI validation failure.
	z.object({ detail: validationDetailSchema }),
	// `{"message": "Unauthorized"}` (Mistral's gateway).
	z.object({ message: z.string() }),
]);
export type OpenAiErrorBody = z.infer<typeof openAiErrorBodySchema>;
