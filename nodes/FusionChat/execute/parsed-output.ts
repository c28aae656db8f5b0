import type { IDataObject } from 'n8n-workflow';
import type { ChatCompletionOutput } from '../../engine';

/** Where Output Parsed JSON Only keeps the response the node would have given otherwise. */
export const RESPONSE_KEY = '_response';

/** The answer's parsed JSON (json_object and json_schema answers), or undefined for any other answer. */
export function parsedAnswerOf(output: ChatCompletionOutput): unknown {
	return (output.choices[0].message as { parsed?: unknown }).parsed;
}

/** Output Parsed JSON Only met an answer with no JSON in it: a refusal, most likely. */
export class NoParsedAnswerError extends Error {
	constructor(refusal: string | undefined) {
		super(
			`The answer holds no parsed JSON to output${refusal === undefined ? '' : ` (the model refused: ${refusal})`}; turn off Options → Output Parsed JSON Only to get the answer as it is`,
		);
		this.name = 'NoParsedAnswerError';
	}
}

function isJsonObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The parsed JSON as the item itself, so that the next node reads `{{ $json.invoice_number }}`, and
 * `response` (the item the node gives without the option) under RESPONSE_KEY. An item's JSON must be an
 * object: any other value (an array, a string) goes under `parsed`.
 */
export function toParsedOnlyOutput(
	output: ChatCompletionOutput,
	response: IDataObject,
): IDataObject {
	const parsed = parsedAnswerOf(output);
	if (parsed === undefined)
		throw new NoParsedAnswerError(output.choices[0].message.refusal ?? undefined);
	return {
		...(isJsonObject(parsed) ? parsed : { parsed }),
		[RESPONSE_KEY]: response,
	} as IDataObject;
}
