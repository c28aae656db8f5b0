import { anthropicForcedToolSchema } from './anthropic-wire';
import { asRecord } from './wire-json';

/**
 * JSON answers for requests that ask for JSON, as a model that follows the request would give them: a value
 * that validates against the request's schema, built from the schema alone so that any test's schema works.
 * The directives `sim-badjson` and `sim-wrongjson` make a model that does not: text that is no JSON, and
 * JSON that breaks the schema.
 */

/** What a request asks for: JSON, with or without a schema. */
export interface JsonRequest {
	schema?: Record<string, unknown>;
}

export type JsonBehaviour = 'valid' | 'broken' | 'off-schema';

function firstType(schema: Record<string, unknown>): string | undefined {
	const { type } = schema;
	if (typeof type === 'string') return type;
	if (Array.isArray(type)) return type.find((name) => name !== 'null') as string | undefined;
	if (asRecord(schema.properties)) return 'object';
	return undefined;
}

/** The smallest value the schema accepts for the common keywords: required properties, enums, types. */
export function instanceOf(schema: unknown, name = 'value'): unknown {
	const record = asRecord(schema);
	if (record === undefined) return {};
	if (Array.isArray(record.enum) && record.enum.length > 0) return record.enum[0];
	if ('const' in record) return record.const;
	const alternatives = record.anyOf ?? record.oneOf;
	if (Array.isArray(alternatives) && alternatives.length > 0)
		return instanceOf(alternatives[0], name);
	switch (firstType(record)) {
		case 'object': {
			const properties = asRecord(record.properties) ?? {};
			const required = Array.isArray(record.required)
				? (record.required as string[])
				: Object.keys(properties);
			return Object.fromEntries(required.map((key) => [key, instanceOf(properties[key], key)]));
		}
		case 'array': {
			const minimum = typeof record.minItems === 'number' ? record.minItems : 1;
			return Array.from({ length: minimum }, () => instanceOf(record.items, name));
		}
		case 'integer':
		case 'number':
			return typeof record.minimum === 'number' ? record.minimum : 1;
		case 'boolean':
			return true;
		case 'null':
			return null;
		case 'string':
			return `simulated ${name}`;
		default:
			return {};
	}
}

/** A value of the wrong type for the schema's root, which any validator rejects. */
function offSchema(schema: Record<string, unknown> | undefined): unknown {
	return firstType(schema ?? {}) === 'array'
		? { not: 'an array' }
		: ['not', 'what', 'the', 'schema', 'asks'];
}

export function jsonBehaviourOf(model: string): JsonBehaviour {
	if (/(?:^|[^a-z0-9])sim-badjson(?![a-z0-9])/i.test(model)) return 'broken';
	if (/(?:^|[^a-z0-9])sim-wrongjson(?![a-z0-9])/i.test(model)) return 'off-schema';
	return 'valid';
}

/** The answer text for a JSON request. */
export function simulatedJsonText(request: JsonRequest, behaviour: JsonBehaviour): string {
	if (behaviour === 'broken') return '{"answer": "cut off mid-obj';
	if (behaviour === 'off-schema') return JSON.stringify(offSchema(request.schema));
	return JSON.stringify(
		request.schema === undefined ? { answer: 'simulated' } : instanceOf(request.schema),
	);
}

/** Where each wire format asks for JSON; undefined when the request asks for text. */
export function jsonRequestOf(
	body: Record<string, unknown>,
	format: 'openai' | 'mistral' | 'anthropic' | 'gemini',
): JsonRequest | undefined {
	if (format === 'gemini') {
		const config = asRecord(body.generationConfig);
		if (config?.responseMimeType !== 'application/json') return undefined;
		return { schema: asRecord(config.responseJsonSchema) ?? asRecord(config.responseSchema) };
	}
	if (format === 'anthropic') {
		const output = asRecord(asRecord(body.output_config)?.format);
		if (output?.type === 'json_schema') return { schema: asRecord(output.schema) };
		const toolSchema = anthropicForcedToolSchema(body);
		return toolSchema === undefined ? undefined : { schema: toolSchema };
	}
	const responseFormat = asRecord(body.response_format);
	if (responseFormat?.type === 'json_object')
		return { schema: schemaInSystemPrompt(body.messages) };
	if (responseFormat?.type === 'json_schema')
		return { schema: asRecord(asRecord(responseFormat.json_schema)?.schema) };
	return undefined;
}

/**
 * A JSON mode has no schema field, so a schema comes as an instruction in the system prompt ("… this JSON
 * Schema:\n{…}"); a model that follows it answers to that schema, as this simulated one does.
 */
function schemaInSystemPrompt(messages: unknown): Record<string, unknown> | undefined {
	if (!Array.isArray(messages)) return undefined;
	for (const message of messages.map(asRecord)) {
		if (message?.role !== 'system' || typeof message.content !== 'string') continue;
		const marker = message.content.indexOf('JSON Schema:\n');
		if (marker === -1) continue;
		try {
			return asRecord(JSON.parse(message.content.slice(marker + 'JSON Schema:\n'.length)));
		} catch {
			return undefined;
		}
	}
	return undefined;
}
