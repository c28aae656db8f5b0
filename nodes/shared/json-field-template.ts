import { isSafeObjectProperty } from 'n8n-workflow';

/** Literal text, or the path of a field in the item's JSON (`["a", "b"]` for `$json.a.b`). */
export type JsonFieldTemplate = Array<string | string[]>;

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
// No backslash (no escapes to interpret), no line break, no braces (`}}` would end n8n's code chunk) and no
// parentheses (n8n looks for its extension calls in the code before evaluating it).
const QUOTED_KEY = `"[^"\\\\{}()\\r\\n\\u2028\\u2029]*"|'[^'\\\\{}()\\r\\n\\u2028\\u2029]*'`;
const SEGMENT = `\\.${IDENTIFIER}|\\[[ \\t\\r\\n]*(?:${QUOTED_KEY})[ \\t\\r\\n]*\\]`;
const REFERENCE = new RegExp(`^[ \\t\\r\\n]*\\$json((?:${SEGMENT})+)[ \\t\\r\\n]*$`);
const SEGMENTS = new RegExp(
	`\\.(${IDENTIFIER})|\\[[ \\t\\r\\n]*(?:"([^"]*)"|'([^']*)')[ \\t\\r\\n]*\\]`,
	'g',
);
// The same test n8n's Expression.resolveSimpleParameterValue makes on the whole text before evaluating it.
const CONSTRUCTOR_ACCESS = /\.\s*constructor/;
// Between references: anything but braces (which would open or close one) and backslashes (which n8n's
// splitter treats as escapes).
const LITERAL_TEXT = /^[^{}\\]*$/;

/**
 * A field name both of n8n's expression engines read from the item's own data: not one n8n's sanitizer refuses
 * (`__proto__`, `binding`, … as its running version lists them; without that list, none) and not one every
 * object inherits, which the isolated-VM engine answers from the isolate's Object.prototype.
 */
function isPlainFieldName(key: string): boolean {
	return typeof isSafeObjectProperty === 'function' && isSafeObjectProperty(key) && !(key in {});
}

function pathFrom(segments: string): string[] | undefined {
	const path = [...segments.matchAll(SEGMENTS)].map((match) => match[1] ?? match[2] ?? match[3]);
	return path.every(isPlainFieldName) ? path : undefined;
}

/**
 * The template in a parameter's raw value, when it is an expression made only of literal text and references
 * to fields of the item's JSON: `={{ $json.text }}`, `={{$json.a.b}}`, `={{ $json["my field"] }}`,
 * `=Summarize: {{ $json['x'] }}`. Anything else (a call, an operator, `$('Other')`, optional chaining, an
 * index, an escape) is undefined and left to n8n.
 */
export function jsonFieldTemplateFrom(raw: string): JsonFieldTemplate | undefined {
	if (!raw.startsWith('=') || CONSTRUCTOR_ACCESS.test(raw)) return undefined;
	const template: JsonFieldTemplate = [];
	let rest = raw.slice(1);
	while (rest !== '') {
		const open = rest.indexOf('{{');
		const text = open === -1 ? rest : rest.slice(0, open);
		if (!LITERAL_TEXT.test(text)) return undefined;
		if (text !== '') template.push(text);
		if (open === -1) break;
		const close = rest.indexOf('}}', open + 2);
		if (close === -1) return undefined;
		const segments = REFERENCE.exec(rest.slice(open + 2, close))?.[1];
		const path = segments === undefined ? undefined : pathFrom(segments);
		if (path === undefined) return undefined;
		template.push(path);
		rest = rest.slice(close + 2);
	}
	return template.some((part) => typeof part !== 'string') ? template : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function fieldAt(json: unknown, path: string[]): unknown {
	let value = json;
	for (const key of path) {
		if (!isPlainObject(value) || !Object.prototype.propertyIsEnumerable.call(value, key))
			return undefined;
		value = value[key];
	}
	return value;
}

/**
 * The text n8n makes of `template` for an item whose JSON is `json`, when every field it names is a string:
 * n8n returns a lone reference's value as it is, and joins literal text and string values as they are. For
 * any other value (a number, an object, null, a missing field) undefined, so that n8n converts it or reports
 * the error itself.
 */
export function jsonFieldText(template: JsonFieldTemplate, json: unknown): string | undefined {
	let text = '';
	for (const part of template) {
		if (typeof part === 'string') {
			text += part;
			continue;
		}
		const value = fieldAt(json, part);
		if (typeof value !== 'string') return undefined;
		text += value;
	}
	return text;
}
