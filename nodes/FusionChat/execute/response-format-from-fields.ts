import type { ReadParameter } from '../../shared/item-parameters';
import { InvalidRequestError, jsonFieldValue } from './invalid-request';

// OpenAI's rule for json_schema.name, the strictest of the providers that take a name.
const SCHEMA_NAME_LENGTH = 64;
const DEFAULT_SCHEMA_NAME = 'response';

/** The schema's title as a name OpenAI accepts (letters, digits, _ and -), or "response". */
function schemaNameOf(schema: Record<string, unknown>): string {
	const title = typeof schema.title === 'string' ? schema.title : '';
	const name = title
		.trim()
		.replace(/[^A-Za-z0-9_-]+/g, '_')
		.slice(0, SCHEMA_NAME_LENGTH);
	return name.replace(/_/g, '') === '' ? DEFAULT_SCHEMA_NAME : name;
}

/** The JSON Schema field as an object: typed as JSON text, or an object from an expression. */
function jsonSchemaFromField(read: ReadParameter): Record<string, unknown> {
	const schema = jsonFieldValue(read('jsonSchema', ''), 'JSON Schema');
	if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
		throw new InvalidRequestError([
			'JSON Schema must be a JSON object such as {"type": "object", "properties": {…}}',
		]);
	return schema as Record<string, unknown>;
}

/**
 * `response_format` from Response Format and JSON Schema. Text sends none, as the node did before the
 * field existed, so that saved workflows send exactly the request they sent.
 */
export function responseFormatFromFields(read: ReadParameter): Record<string, unknown> | undefined {
	const format = read('responseFormat', 'text');
	if (format === 'json_object') return { type: 'json_object' };
	if (format !== 'json_schema') return undefined;
	const schema = jsonSchemaFromField(read);
	return { type: 'json_schema', json_schema: { name: schemaNameOf(schema), schema, strict: true } };
}
