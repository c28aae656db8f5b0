import { z } from 'zod';

/*
 * Anthropic's wire types, as far as the engine reads them. Objects strip unknown fields (Anthropic adds fields
 * under its versioning policy); the fields we read are checked exactly.
 */

const tokenCount = z.number().int().nonnegative();
/** Cache counters are absent or null when the request used no prompt caching. */
const optionalTokenCount = tokenCount.nullish();

const usageSchema = z.object({
	input_tokens: tokenCount,
	output_tokens: tokenCount,
	cache_creation_input_tokens: optionalTokenCount,
	cache_read_input_tokens: optionalTokenCount,
	/** Thinking tokens, already inside output_tokens; reported by the newer models. */
	output_tokens_details: z.object({ thinking_tokens: optionalTokenCount }).nullish(),
});

const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
const toolUseBlockSchema = z.object({
	type: z.literal('tool_use'),
	id: z.string(),
	name: z.string(),
	input: z.unknown(),
});
/** thinking, redacted_thinking and server-tool blocks carry no answer text for a chat completion. */
const otherBlockSchema = z
	.object({ type: z.string() })
	.refine((block) => block.type !== 'text' && block.type !== 'tool_use', {
		message: 'a text block must carry a "text" string, a tool_use block an "id" and a "name"',
	});
const contentBlockSchema = z.union([textBlockSchema, toolUseBlockSchema, otherBlockSchema]);
export type AnthropicTextBlock = z.infer<typeof textBlockSchema>;
export type AnthropicToolUseBlock = z.infer<typeof toolUseBlockSchema>;
export type AnthropicContentBlock = z.infer<typeof contentBlockSchema>;

export function isAnthropicTextBlock(block: AnthropicContentBlock): block is AnthropicTextBlock {
	return block.type === 'text';
}

export function isAnthropicToolUseBlock(
	block: AnthropicContentBlock,
): block is AnthropicToolUseBlock {
	return block.type === 'tool_use';
}

/** Why Anthropic stopped, where it says more than stop_reason (a refusal's explanation). */
const stopDetailsSchema = z.object({ explanation: z.string().nullish() }).nullish();

export const anthropicMessagesResponseSchema = z.object({
	id: z.string(),
	model: z.string(),
	content: z.array(contentBlockSchema),
	stop_reason: z.string().nullable(),
	stop_details: stopDetailsSchema,
	usage: usageSchema,
});

export const anthropicErrorBodySchema = z.object({
	type: z.literal('error'),
	error: z.object({ type: z.string(), message: z.string() }),
});
export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;

const textDeltaSchema = z.object({ type: z.literal('text_delta'), text: z.string() });
const inputJsonDeltaSchema = z.object({
	type: z.literal('input_json_delta'),
	partial_json: z.string(),
});
/** thinking_delta, signature_delta, citations_delta: nothing for the answer text. */
const otherDeltaSchema = z
	.object({ type: z.string() })
	.refine((delta) => delta.type !== 'text_delta' && delta.type !== 'input_json_delta', {
		message: 'a text_delta must carry a "text" string, an input_json_delta a "partial_json"',
	});
const contentDeltaSchema = z.union([textDeltaSchema, inputJsonDeltaSchema, otherDeltaSchema]);
export type AnthropicTextDelta = z.infer<typeof textDeltaSchema>;
export type AnthropicInputJsonDelta = z.infer<typeof inputJsonDeltaSchema>;
export type AnthropicContentDelta = z.infer<typeof contentDeltaSchema>;

export function isAnthropicInputJsonDelta(
	delta: AnthropicContentDelta,
): delta is AnthropicInputJsonDelta {
	return delta.type === 'input_json_delta';
}

export function isAnthropicTextDelta(delta: AnthropicContentDelta): delta is AnthropicTextDelta {
	return delta.type === 'text_delta';
}

export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('message_start'),
		message: z.object({
			id: z.string(),
			model: z.string(),
			content: z.array(contentBlockSchema),
			usage: usageSchema,
		}),
	}),
	z.object({
		type: z.literal('content_block_start'),
		index: z.number().int(),
		content_block: contentBlockSchema,
	}),
	z.object({
		type: z.literal('content_block_delta'),
		index: z.number().int(),
		delta: contentDeltaSchema,
	}),
	z.object({ type: z.literal('content_block_stop'), index: z.number().int() }),
	z.object({
		type: z.literal('message_delta'),
		delta: z.object({ stop_reason: z.string().nullish(), stop_details: stopDetailsSchema }),
		// Cumulative counts; input and cache counters appear here only on some models.
		usage: z.object({
			output_tokens: tokenCount,
			input_tokens: optionalTokenCount,
			cache_creation_input_tokens: optionalTokenCount,
			cache_read_input_tokens: optionalTokenCount,
			output_tokens_details: usageSchema.shape.output_tokens_details,
		}),
	}),
	z.object({ type: z.literal('message_stop') }),
	z.object({ type: z.literal('ping') }),
	anthropicErrorBodySchema,
]);

/** Event types this engine knows; Anthropic may add others, which a stream reader should skip. */
export function isKnownAnthropicStreamEventType(type: string): boolean {
	return anthropicStreamEventSchema.optionsMap.has(type);
}

const capabilitySupport = z.object({ supported: z.boolean() }).nullish();

/** Anthropic's GET /v1/models: paginated by `after_id`; `capabilities` says per model what it takes. */
export const anthropicModelListSchema = z.object({
	data: z.array(
		z.object({
			id: z.string().min(1),
			display_name: z.string().nullish(),
			created_at: z.string().nullish(),
			capabilities: z
				.object({
					image_input: capabilitySupport,
					pdf_input: capabilitySupport,
					structured_outputs: capabilitySupport,
					thinking: capabilitySupport,
					effort: capabilitySupport,
				})
				.nullish(),
		}),
	),
	has_more: z.boolean().nullish(),
	last_id: z.string().nullish(),
});
