import type { ZodError } from 'zod';

/** A field's path as a reader writes it: `choices[0].message.content`. */
export function schemaPath(path: ReadonlyArray<string | number>): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`,
		'',
	);
}

/**
 * The first few schema issues of a payload as one short line ("usage.output_tokens: Required; content:
 * Expected array"), for messages about a provider's answer; never the payload itself, which may echo secrets.
 */
export function describeSchemaIssues(error: ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) =>
			issue.path.length === 0 ? issue.message : `${schemaPath(issue.path)}: ${issue.message}`,
		)
		.join('; ');
}
