import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';

export type JsonSchemaValidator = ValidateFunction;

/** Distinct schemas a process keeps compiled; a workflow uses a handful, so this only bounds a pathological one. */
const MAX_CACHED_SCHEMAS = 100;

const compiled = new Map<string, JsonSchemaValidator>();

function validatorFactoryFor(schema: Record<string, unknown>): Ajv {
	const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
	// strict: false accepts the keywords OpenAI's structured outputs add; logger: false keeps the unknown formats
	// Ajv then ignores out of n8n's log.
	const options = { strict: false, logger: false } as const;
	if (dialect.includes('2020-12')) return new Ajv2020(options);
	if (dialect.includes('2019-09')) return new Ajv2019(options);
	return new Ajv(options);
}

/**
 * Compiles a JSON Schema (draft-07 unless its `$schema` names 2019-09 or 2020-12) into a validator; throws an
 * Error whose message says what is wrong with the schema. Compiled once per distinct schema text. Each schema
 * gets its own Ajv instance, so two schemas with the same `$id` never collide and a dropped one is freed whole.
 */
export function compileJsonSchema(schema: Record<string, unknown>): JsonSchemaValidator {
	const key = JSON.stringify(schema);
	const known = compiled.get(key);
	if (known !== undefined) return known;
	const validate = validatorFactoryFor(schema).compile(schema);
	if (compiled.size >= MAX_CACHED_SCHEMAS) compiled.delete(compiled.keys().next().value as string);
	compiled.set(key, validate);
	return validate;
}
