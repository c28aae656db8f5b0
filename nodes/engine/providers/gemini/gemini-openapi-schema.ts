type JsonObject = Record<string, unknown>;

/** Keywords of Gemini's `Schema` object that mean what they mean in JSON Schema, copied as they are. */
const COPIED = new Set([
	'format',
	'title',
	'description',
	'nullable',
	'minItems',
	'maxItems',
	'minProperties',
	'maxProperties',
	'minLength',
	'maxLength',
	'pattern',
	'example',
	'default',
	'minimum',
	'maximum',
	'required',
]);

/** Keywords that say nothing about the answer, dropped without a word; `$defs` is read through `$ref`. */
const SILENT = new Set(['$schema', '$id', '$comment', '$defs', 'definitions', 'examples']);

function asObject(value: unknown): JsonObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as JsonObject)
		: undefined;
}

interface Conversion {
	root: JsonObject;
	/** Keywords Gemini's Schema cannot carry, by the name the warning gives them. */
	dropped: Set<string>;
	/** The `$ref`s being inlined, so that a recursive schema stops instead of looping. */
	resolving: Set<string>;
}

function resolveRef(ref: string, conversion: Conversion): unknown {
	const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
	return match === null ? undefined : asObject(conversion.root[match[1]])?.[match[2]];
}

function convertType(type: unknown, out: JsonObject, conversion: Conversion): void {
	if (typeof type === 'string') {
		out.type = type;
		return;
	}
	if (!Array.isArray(type)) {
		conversion.dropped.add('type');
		return;
	}
	const types = type.filter((name) => name !== 'null');
	if (types.length < type.length) out.nullable = true;
	if (types.length === 0) out.type = 'null';
	else if (types.length === 1) out.type = types[0];
	else out.anyOf = types.map((name) => ({ type: name }));
}

/** Gemini's enum holds strings only. */
function convertEnum(values: unknown[], out: JsonObject, conversion: Conversion): void {
	if (values.every((value) => typeof value === 'string')) out.enum = values;
	else conversion.dropped.add('enum of non-strings');
}

function convertNode(node: unknown, conversion: Conversion): JsonObject {
	const schema = asObject(node);
	if (schema === undefined) return {};
	if (typeof schema.$ref === 'string') {
		const ref = schema.$ref;
		const target = resolveRef(ref, conversion);
		if (target === undefined || conversion.resolving.has(ref)) {
			conversion.dropped.add(target === undefined ? '$ref outside $defs' : 'recursive $ref');
			return { type: 'object' };
		}
		conversion.resolving.add(ref);
		const inlined = convertNode(target, conversion);
		conversion.resolving.delete(ref);
		return inlined;
	}
	const out: JsonObject = {};
	for (const [keyword, value] of Object.entries(schema)) {
		if (COPIED.has(keyword)) out[keyword] = value;
		else if (keyword === 'type') convertType(value, out, conversion);
		else if (keyword === 'enum' && Array.isArray(value)) convertEnum(value, out, conversion);
		else if (keyword === 'const') convertEnum([value], out, conversion);
		else if (keyword === 'properties' && asObject(value)) {
			const properties = Object.entries(asObject(value) ?? {});
			out.properties = Object.fromEntries(
				properties.map(([name, property]) => [name, convertNode(property, conversion)]),
			);
			out.propertyOrdering = properties.map(([name]) => name);
		} else if (keyword === 'items' && asObject(value)) out.items = convertNode(value, conversion);
		else if ((keyword === 'anyOf' || keyword === 'oneOf') && Array.isArray(value)) {
			if (keyword === 'oneOf') conversion.dropped.add('oneOf (sent as anyOf)');
			out.anyOf = value.map((alternative) => convertNode(alternative, conversion));
		} else if (!SILENT.has(keyword)) conversion.dropped.add(keyword);
	}
	return out;
}

/**
 * A JSON Schema in the OpenAPI 3.0 subset Gemini's `responseSchema` takes: local `$ref`s inlined, type lists as
 * `nullable` or `anyOf`, `propertyOrdering` from the order of `properties` (Gemini 2.0 orders keys by nothing else).
 * What the subset cannot say (`additionalProperties`, `allOf`, `not`, tuples, …) is left out and named in `dropped`.
 */
export function openApiSchemaFromJsonSchema(schema: JsonObject): {
	schema: JsonObject;
	dropped: string[];
} {
	const conversion: Conversion = { root: schema, dropped: new Set(), resolving: new Set() };
	const converted = convertNode(schema, conversion);
	return { schema: converted, dropped: [...conversion.dropped] };
}
