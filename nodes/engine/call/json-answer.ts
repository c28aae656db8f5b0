import type { ErrorObject } from 'ajv';
import { FusionError } from '../errors/fusion-error';
import type { ModelAnswer } from '../providers/provider-adapter';
import { compileJsonSchema } from '../request/json-schema';
import type { ResponseFormat } from '../request/unified-request';

/** Enough of a bad answer to recognise it (prose, a fence, a cut-off object) without carrying all of it. */
const SHOWN_CHARACTERS = 80;
/** Schema violations named in the error; the first few say what went wrong, the rest only add length. */
const SHOWN_VIOLATIONS = 3;

/** `/items/0/unit price` (a JSON Pointer, as Ajv reports it) as `$.items[0]["unit price"]`. */
function jsonPathOf(pointer: string): string {
	if (pointer === '') return '$';
	return `$${pointer
		.slice(1)
		.split('/')
		.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
		.map((key) => {
			if (/^\d+$/.test(key)) return `[${key}]`;
			if (/^[A-Za-z_$][\w$]*$/.test(key)) return `.${key}`;
			return `[${JSON.stringify(key)}]`;
		})
		.join('')}`;
}

function describeViolation(error: ErrorObject): string {
	const extra =
		error.keyword === 'additionalProperties'
			? ` ("${String(error.params.additionalProperty)}")`
			: error.keyword === 'enum'
				? ` (${JSON.stringify(error.params.allowedValues)})`
				: '';
	return `${jsonPathOf(error.instancePath)} ${error.message ?? 'is invalid'}${extra}`;
}

function invalidOutput(answer: ModelAnswer, what: string): FusionError {
	// A cut-off answer is the usual cause of broken JSON; saying so points at max_tokens.
	const cutOff =
		answer.finishReason === 'length' ? ' (the answer was cut off: finish_reason length)' : '';
	return new FusionError({ kind: 'invalid_output', message: `${what}${cutOff}` });
}

/**
 * The JSON value of an answer to a `json_object` or `json_schema` request, checked against the schema;
 * undefined for a text request. The text is parsed as it came: no provider documents wrapping its JSON mode's
 * answer in a Markdown fence, so one there is a broken answer, not something to strip. Throws a FusionError
 * `invalid_output` that says what is wrong.
 */
export function parsedAnswerOf(
	answer: ModelAnswer,
	responseFormat: ResponseFormat | undefined,
	providerName: string,
): unknown {
	if (responseFormat === undefined || responseFormat.type === 'text') return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(answer.content);
	} catch (error) {
		const start = answer.content.trim().slice(0, SHOWN_CHARACTERS);
		throw invalidOutput(
			answer,
			`${providerName} answered text that is not JSON (${(error as Error).message}): ${start}`,
		);
	}
	if (responseFormat.type === 'json_object') return parsed;
	const { name, schema } = responseFormat.json_schema;
	const validate = compileJsonSchema(schema);
	if (!validate(parsed)) {
		const violations = (validate.errors ?? []).slice(0, SHOWN_VIOLATIONS).map(describeViolation);
		throw invalidOutput(
			answer,
			`${providerName} answered JSON that does not match the schema "${name}": ${violations.join('; ')}`,
		);
	}
	return parsed;
}
