import { parsedAnswerOf } from '../../../nodes/engine/call/json-answer';
import type { ModelAnswer } from '../../../nodes/engine/providers/provider-adapter';
import type { ResponseFormat } from '../../../nodes/engine/request/unified-request';

const answer = (content: string, finishReason: ModelAnswer['finishReason'] = 'stop') => ({
	content,
	finishReason,
});

const invoiceFormat: ResponseFormat = {
	type: 'json_schema',
	json_schema: {
		name: 'invoice',
		schema: {
			type: 'object',
			properties: {
				invoice_number: { type: 'string' },
				lines: {
					type: 'array',
					items: {
						type: 'object',
						properties: { 'unit price': { type: 'number' } },
						required: ['unit price'],
					},
				},
				currency: { enum: ['EUR', 'USD'] },
			},
			required: ['invoice_number'],
			additionalProperties: false,
		},
	},
};

const invalidOutput = (message: string | RegExp) =>
	expect.objectContaining({
		kind: 'invalid_output',
		message: typeof message === 'string' ? message : expect.stringMatching(message),
	});

describe('parsedAnswerOf', () => {
	it('has nothing to parse for a text request', () => {
		expect(parsedAnswerOf(answer('{"a":1}'), undefined, 'OpenAI')).toBeUndefined();
		expect(parsedAnswerOf(answer('{"a":1}'), { type: 'text' }, 'OpenAI')).toBeUndefined();
	});

	it('parses any JSON for json_object, and JSON that fits the schema for json_schema', () => {
		expect(parsedAnswerOf(answer(' {"a": [1, null]}\n'), { type: 'json_object' }, 'X')).toEqual({
			a: [1, null],
		});
		const invoice = { invoice_number: 'A-1', lines: [{ 'unit price': 2.5 }], currency: 'EUR' };
		expect(parsedAnswerOf(answer(JSON.stringify(invoice)), invoiceFormat, 'X')).toEqual(invoice);
	});

	it('calls text that is not JSON invalid_output, showing its start and the parser error', () => {
		expect(() =>
			parsedAnswerOf(
				answer('Sure! Here is the JSON: {"a": 1}'),
				{ type: 'json_object' },
				'Mistral',
			),
		).toThrow(
			invalidOutput(
				/^Mistral answered text that is not JSON \(Unexpected token .*\): Sure! Here is the JSON: \{"a": 1\}$/,
			),
		);
	});

	it('does not strip a Markdown fence: no provider documents adding one in JSON mode', () => {
		expect(() =>
			parsedAnswerOf(answer('```json\n{"a": 1}\n```'), { type: 'json_object' }, 'OpenAI'),
		).toThrow(invalidOutput(/^OpenAI answered text that is not JSON [\s\S]*\): ```json/));
	});

	it('says when broken JSON was cut off at the token limit', () => {
		expect(() =>
			parsedAnswerOf(answer('{"invoice_number": "A-', 'length'), invoiceFormat, 'Anthropic'),
		).toThrow(
			invalidOutput(
				/^Anthropic answered text that is not JSON .*\(the answer was cut off: finish_reason length\)$/,
			),
		);
	});

	it.each([
		[{ lines: [] }, `$ must have required property 'invoice_number'`],
		[{ invoice_number: 7 }, '$.invoice_number must be string'],
		[
			{ invoice_number: 'A', lines: [{ 'unit price': '2' }] },
			'$.lines[0]["unit price"] must be number',
		],
		[
			{ invoice_number: 'A', currency: 'GBP' },
			'$.currency must be equal to one of the allowed values (["EUR","USD"])',
		],
		[{ invoice_number: 'A', note: 'x' }, '$ must NOT have additional properties ("note")'],
	])('names the JSON path that breaks the schema in %j', (value, violation) => {
		expect(() => parsedAnswerOf(answer(JSON.stringify(value)), invoiceFormat, 'Gemini')).toThrow(
			invalidOutput(`Gemini answered JSON that does not match the schema "invoice": ${violation}`),
		);
	});
});
