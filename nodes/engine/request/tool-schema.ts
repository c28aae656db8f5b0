import { z } from 'zod';
import { jsonSchemaObject } from './json-schema-object';

const TOOL_CHOICE_MODES = ['auto', 'none', 'required'] as const;
export type ToolChoiceMode = (typeof TOOL_CHOICE_MODES)[number];

/** OpenAI's rule for a function name; the other providers accept what OpenAI accepts. */
const functionName = z
	.string({ invalid_type_error: 'must be a string', required_error: 'is required' })
	.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, underscores or dashes');

export const toolSchema = z
	.object(
		{
			type: z.literal('function', { errorMap: () => ({ message: 'must be "function"' }) }),
			function: z
				.object(
					{
						name: functionName,
						description: z.string({ invalid_type_error: 'must be a string' }).optional(),
						parameters: jsonSchemaObject.optional(),
						strict: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
					},
					{ invalid_type_error: 'must be an object with "name"', required_error: 'is required' },
				)
				.strict(),
		},
		{ invalid_type_error: 'must be an object with "type": "function" and "function"' },
	)
	.strict();

export const toolsSchema = z
	.array(toolSchema, { invalid_type_error: 'must be an array of tools' })
	.min(1, 'must list at least one tool (leave the field out for none)')
	.superRefine((tools, ctx) => {
		const seen = new Set<string>();
		tools.forEach((tool, index) => {
			if (seen.has(tool.function.name)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: [index, 'function', 'name'],
					message: `"${tool.function.name}" is offered twice; each tool needs its own name`,
				});
			}
			seen.add(tool.function.name);
		});
	});

export const toolChoiceSchema = z.union(
	[
		z.enum(TOOL_CHOICE_MODES),
		z
			.object({
				type: z.literal('function'),
				function: z.object({ name: functionName }).strict(),
			})
			.strict(),
	],
	{
		errorMap: () => ({
			message: `must be one of ${TOOL_CHOICE_MODES.join(', ')} or {"type": "function", "function": {"name": …}}`,
		}),
	},
);

export type ToolDefinition = z.infer<typeof toolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
