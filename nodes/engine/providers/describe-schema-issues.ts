import type { ZodError } from 'zod';

/**
 * The first few schema issues of a provider payload as one short line ("usage.output_tokens: Required;
 * content: Expected array"), for invalid_response messages; never the payload itself, which may echo secrets.
 */
export function describeSchemaIssues(error: ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`))
		.join('; ');
}
