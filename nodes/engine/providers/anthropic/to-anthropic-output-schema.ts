/**
 * Anthropic's structured outputs compile the schema into a grammar and answer 400 to keywords the grammar cannot
 * hold (its "JSON Schema limitations": numeric and string bounds, array bounds beyond minItems 0 or 1, object
 * sizes, `not`). Such keywords are moved into the description, where the model still reads them; the engine
 * checks the answer against the user's full schema, so nothing the user asked for goes unenforced. Every object
 * must close with `additionalProperties: false`, so an object open to further keys cannot be expressed at all.
 */

const UNSUPPORTED_KEYWORDS = [
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'multipleOf',
	'minLength',
	'maxLength',
	'pattern',
	'maxItems',
	'uniqueItems',
	'minProperties',
	'maxProperties',
	'not',
] as const;

/** Keywords whose value is one subschema, a list of them, or a map of them. */
const SUBSCHEMA = ['items'] as const;
const SUBSCHEMA_LISTS = ['anyOf', 'allOf', 'prefixItems'] as const;
const SUBSCHEMA_MAPS = ['properties', '$defs', 'definitions'] as const;

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectSchema(schema: Schema): boolean {
	return (
		schema.type === 'object' ||
		(Array.isArray(schema.type) && schema.type.includes('object')) ||
		isSchema(schema.properties)
	);
}

function describeConstraint(keyword: string, value: unknown): string {
	return `${keyword}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

interface Findings {
	/** Keywords moved into descriptions. */
	moved: Set<string>;
	/** An object schema that allows keys it does not name (a map, `additionalProperties: true`). */
	openObject: boolean;
}

function transform(schema: Schema, found: Findings): Schema {
	const { moved } = found;
	const result: Schema = { ...schema };
	const notes: string[] = [];
	for (const keyword of UNSUPPORTED_KEYWORDS) {
		if (!(keyword in result)) continue;
		notes.push(describeConstraint(keyword, result[keyword]));
		moved.add(keyword);
		delete result[keyword];
	}
	if (typeof result.minItems === 'number' && result.minItems > 1) {
		notes.push(describeConstraint('minItems', result.minItems));
		moved.add('minItems');
		delete result.minItems;
	}
	if (Array.isArray(result.oneOf)) {
		// Exactly one versus at least one: the grammar knows only the latter; the full schema still checks the former.
		result.anyOf = result.oneOf;
		delete result.oneOf;
		moved.add('oneOf');
	}
	if (isObjectSchema(result)) {
		const open = result.additionalProperties !== undefined && result.additionalProperties !== false;
		if (open || !isSchema(result.properties)) found.openObject = true;
		result.additionalProperties = false;
	}
	for (const keyword of SUBSCHEMA) {
		if (isSchema(result[keyword])) result[keyword] = transform(result[keyword] as Schema, found);
	}
	for (const keyword of SUBSCHEMA_LISTS) {
		const list = result[keyword];
		if (Array.isArray(list)) {
			result[keyword] = list.map((entry) => (isSchema(entry) ? transform(entry, found) : entry));
		}
	}
	for (const keyword of SUBSCHEMA_MAPS) {
		const map = result[keyword];
		if (isSchema(map)) {
			result[keyword] = Object.fromEntries(
				Object.entries(map).map(([name, entry]) => [
					name,
					isSchema(entry) ? transform(entry, found) : entry,
				]),
			);
		}
	}
	if (notes.length > 0) {
		const description = typeof result.description === 'string' ? `${result.description}\n` : '';
		result.description = `${description}${notes.join('; ')}.`;
	}
	return result;
}

export interface AnthropicOutputSchema {
	schema: Schema;
	/** Keywords the grammar does not enforce, for a warning. */
	relaxed: string[];
	/** True when the schema has an open object, which structured outputs cannot express. */
	hasOpenObject: boolean;
}

/** The schema as Anthropic's structured outputs accept it. */
export function toAnthropicOutputSchema(schema: Schema): AnthropicOutputSchema {
	const found: Findings = { moved: new Set(), openObject: false };
	const result = transform(schema, found);
	return { schema: result, relaxed: [...found.moved], hasOpenObject: found.openObject };
}
