import { z } from 'zod';
import { typeDispatchErrorMap } from './dispatch-schema';
import { jsonSchemaObject } from './json-schema-object';

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export const reasoningEffortSchema = z.enum(REASONING_EFFORTS, {
	errorMap: () => ({ message: `must be one of ${REASONING_EFFORTS.join(', ')}` }),
});

const RESPONSE_FORMAT_TYPES = ['text', 'json_object', 'json_schema'] as const;

export const responseFormatSchema = z.discriminatedUnion(
	'type',
	[
		z.object({ type: z.literal('text') }).strict(),
		z.object({ type: z.literal('json_object') }).strict(),
		z
			.object({
				type: z.literal('json_schema'),
				json_schema: z
					.object(
						{
							// OpenAI's rule for the name; other providers take whatever OpenAI does.
							name: z
								.string({ invalid_type_error: 'must be a string' })
								.regex(
									/^[a-zA-Z0-9_-]{1,64}$/,
									'must be 1 to 64 letters, digits, underscores or dashes',
								),
							schema: jsonSchemaObject,
							strict: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
							description: z.string({ invalid_type_error: 'must be a string' }).optional(),
						},
						{ invalid_type_error: 'must be an object with "name" and "schema"' },
					)
					.strict(),
			})
			.strict(),
	],
	{ errorMap: typeDispatchErrorMap(`must be one of ${RESPONSE_FORMAT_TYPES.join(', ')}`) },
);

export type ResponseFormat = z.infer<typeof responseFormatSchema>;
