import { z } from 'zod';
import { compileJsonSchema } from './json-schema';

/** Compiled here, at the edge, so that a broken schema is the item's error before any model is called. */
export const jsonSchemaObject = z
	.record(z.string(), z.unknown(), { invalid_type_error: 'must be a JSON Schema object' })
	.superRefine((schema, ctx) => {
		try {
			compileJsonSchema(schema);
		} catch (error) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
			});
		}
	});
