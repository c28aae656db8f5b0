import { z } from 'zod';

/**
 * Parses `value` with the schema a dispatcher picked for it, reporting that schema's issues as the dispatcher's
 * own: a plain z.union would answer "invalid input" for any mistake inside one of its shapes, where dispatching
 * on the value first keeps messages like "messages[0].content[1].type must be one of …".
 */
export function parseInto<T>(
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	value: unknown,
	ctx: z.RefinementCtx,
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	for (const issue of result.error.issues) ctx.addIssue(issue);
	return z.NEVER;
}

/**
 * For a z.discriminatedUnion on `type`: an unknown or missing type gets `unknownType` ("must be one of text, …"),
 * a value that is no object says so.
 */
export function typeDispatchErrorMap(unknownType: string): z.ZodErrorMap {
	return (issue, ctx) => {
		if (issue.code === z.ZodIssueCode.invalid_union_discriminator) return { message: unknownType };
		if (issue.code === z.ZodIssueCode.invalid_type) {
			return { message: 'must be an object with a "type"' };
		}
		return { message: ctx.defaultError };
	};
}
