import { z } from 'zod';
import { schemaPath } from '../errors/describe-schema-issues';
import { parseInto } from './dispatch-schema';
import { messageSchema } from './message-schema';
import { providerPreferencesSchema } from './provider-preferences-schema';
import { reasoningEffortSchema, responseFormatSchema } from './response-format-schema';
import { toolChoiceSchema, toolsSchema } from './tool-schema';

export {
	ROLES,
	type AssistantMessage,
	type ChatMessage,
	type ChatRole,
	type ContentPart,
	type FilePart,
	type ImagePart,
	type SystemMessage,
	type TextPart,
	type ToolCall,
	type ToolMessage,
	type UserMessage,
} from './message-schema';
export type { ReasoningEffort, ResponseFormat } from './response-format-schema';
export type { ToolChoice, ToolDefinition } from './tool-schema';
export type { ProviderPreferences } from './provider-preferences-schema';

export const STRATEGIES = [
	'fallback',
	'round_robin',
	'weighted',
	'cost_optimized',
	'latency_optimized',
	'performance_based',
	'best_of',
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export const BEST_OF_SELECTIONS = [
	'judge',
	'fuse',
	'longest',
	'shortest',
	'consensus',
	'fastest',
] as const;
export type BestOfSelection = (typeof BEST_OF_SELECTIONS)[number];

const modelId = z
	.string({ invalid_type_error: 'must be a model id string such as "openai/gpt-4o"' })
	.trim()
	.min(1, 'must not be empty')
	.regex(/^[^/\s]+\/\S+$/, 'must look like "provider/model", for example "openai/gpt-4o"');

const candidateSchema = z.union([
	modelId,
	z
		.object({
			id: modelId,
			weight: z.number().nonnegative('must be 0 or more').optional(),
			max_cost_per_1k_tokens: z.number().nonnegative('must be 0 or more').optional(),
			min_performance_score: z
				.number()
				.min(0, 'must be between 0 and 1')
				.max(1, 'must be between 0 and 1')
				.optional(),
		})
		.strict(),
]);

const strategySpecSchema = z
	.object({
		strategy: z.enum(STRATEGIES, {
			errorMap: () => ({ message: `must be one of ${STRATEGIES.join(', ')}` }),
		}),
		models: z.array(candidateSchema).min(1, 'must list at least one model'),
		selection: z
			.enum(BEST_OF_SELECTIONS, {
				errorMap: () => ({ message: `must be one of ${BEST_OF_SELECTIONS.join(', ')}` }),
			})
			.optional(),
		judge_model: modelId.optional(),
		hedge_after_ms: z
			.number()
			.int('must be a whole number of milliseconds')
			.positive('must be more than 0')
			.optional(),
	})
	.strict();

const modelListSchema = z.array(modelId).min(1, 'must list at least one model');

/** Validation dispatches on the value's shape (modelSchemaFor) so that each issue names the real field. */
type ModelSpecValue =
	| z.infer<typeof modelId>
	| z.infer<typeof modelListSchema>
	| z.infer<typeof strategySpecSchema>;

function modelSchemaFor(
	value: unknown,
): z.ZodType<ModelSpecValue, z.ZodTypeDef, unknown> | undefined {
	if (typeof value === 'string') return modelId;
	if (Array.isArray(value)) return modelListSchema;
	if (value !== null && typeof value === 'object') return strategySpecSchema;
	return undefined;
}

const modelSpecSchema = z.unknown().transform((value, ctx): ModelSpecValue => {
	if (value === undefined) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required' });
		return z.NEVER;
	}
	const schema = modelSchemaFor(value);
	if (schema === undefined) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message:
				'must be a model id, an array of model ids, or an object with "strategy" and "models"',
		});
		return z.NEVER;
	}
	return parseInto(schema, value, ctx);
});

const probability = (min: number, max: number) =>
	z
		.number({ invalid_type_error: 'must be a number' })
		.min(min, `must be between ${min} and ${max}`)
		.max(max, `must be between ${min} and ${max}`);

const tokenCount = z
	.number({ invalid_type_error: 'must be a number' })
	.int('must be a whole number')
	.positive('must be more than 0');

export const unifiedRequestSchema = z
	.object({
		model: modelSpecSchema,
		messages: z.array(messageSchema).min(1, 'must contain at least one message'),
		max_tokens: tokenCount.optional(),
		max_completion_tokens: tokenCount.optional(),
		temperature: probability(0, 2).optional(),
		top_p: probability(0, 1).optional(),
		stream: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		frequency_penalty: probability(-2, 2).optional(),
		presence_penalty: probability(-2, 2).optional(),
		stop: z
			.union([z.string(), z.array(z.string()).max(4, 'may list at most 4 sequences')], {
				errorMap: () => ({ message: 'must be a string or an array of up to 4 strings' }),
			})
			.optional(),
		response_format: responseFormatSchema.optional(),
		reasoning_effort: reasoningEffortSchema.optional(),
		seed: z
			.number({ invalid_type_error: 'must be a number' })
			.int('must be a whole number')
			.optional(),
		user: z.string({ invalid_type_error: 'must be a string' }).optional(),
		tools: toolsSchema.optional(),
		tool_choice: toolChoiceSchema.optional(),
		parallel_tool_calls: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		provider: providerPreferencesSchema.optional(),
	})
	.strict()
	.superRefine((request, ctx) => {
		const choice = request.tool_choice;
		const offered = new Set(request.tools?.map((tool) => tool.function.name));
		if (typeof choice === 'object' && !offered.has(choice.function.name)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['tool_choice', 'function', 'name'],
				message: `names "${choice.function.name}", which is not among the offered tools${offered.size === 0 ? ' (tools is empty)' : ` (${[...offered].join(', ')})`}`,
			});
		}
		if (choice === 'required' && request.tools === undefined) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['tool_choice'],
				message: 'is "required" but the request offers no tools',
			});
		}
		const { max_tokens, max_completion_tokens } = request;
		if (
			max_tokens !== undefined &&
			max_completion_tokens !== undefined &&
			max_tokens !== max_completion_tokens
		) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['max_completion_tokens'],
				message: `(${max_completion_tokens}) and max_tokens (${max_tokens}) mean the same and must not differ`,
			});
		}
	});

export type UnifiedChatRequest = z.infer<typeof unifiedRequestSchema>;
export type ModelSpec = UnifiedChatRequest['model'];
export type CandidateSpec = z.infer<typeof candidateSchema>;

export type ParseResult =
	| { ok: true; request: UnifiedChatRequest }
	| { ok: false; issues: string[] };

/** The answer's length limit, under either of OpenAI's names for it. */
export function maxOutputTokens(
	request: Pick<UnifiedChatRequest, 'max_tokens' | 'max_completion_tokens'>,
): number | undefined {
	return request.max_tokens ?? request.max_completion_tokens;
}

/** Validates a unified request; every issue names the field it is about ("messages[1].role must be …"). */
export function parseUnifiedRequest(input: unknown): ParseResult {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return { ok: false, issues: ['the request must be a JSON object with "model" and "messages"'] };
	}
	const result = unifiedRequestSchema.safeParse(input);
	if (result.success) return { ok: true, request: result.data };
	const issues = result.error.issues.map((issue) => {
		const field = schemaPath(issue.path);
		if (issue.code === 'unrecognized_keys') {
			const where = field === '' ? '' : ` in ${field}`;
			return `unknown field${issue.keys.length > 1 ? 's' : ''}${where}: ${issue.keys.join(', ')}`;
		}
		if (issue.code === 'invalid_type' && issue.received === 'undefined')
			return `${field} is required`;
		return `${field} ${issue.message}`;
	});
	return { ok: false, issues: [...new Set(issues)] };
}
