import { simulateProviderReply } from './provider-simulator';
import { instanceOf, jsonRequestOf } from './simulated-json';
import type { MockReply } from './mock-provider-server';

/** A model asked for JSON answers JSON that fits the schema, in every wire format, unless told otherwise. */

const INVOICE = {
	type: 'object',
	properties: {
		invoice_number: { type: 'string' },
		total: { type: 'number', minimum: 0 },
		currency: { type: 'string', enum: ['EUR', 'USD'] },
		lines: {
			type: 'array',
			items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
		},
		note: { type: ['string', 'null'] },
	},
	required: ['invoice_number', 'total', 'currency', 'lines'],
	additionalProperties: false,
};
const EXPECTED = {
	invoice_number: 'simulated invoice_number',
	total: 0,
	currency: 'EUR',
	lines: [{ sku: 'simulated sku' }],
};

const post = (path: string, body: Record<string, unknown>) => ({
	method: 'POST',
	path,
	headers: {},
	body,
	receivedAt: 0,
});
const messages = [{ role: 'user', content: 'Extract the invoice' }];
const openAiJsonSchema = (model: string) =>
	post('/v1/chat/completions', {
		model,
		messages,
		response_format: {
			type: 'json_schema',
			json_schema: { name: 'invoice', schema: INVOICE, strict: true },
		},
	});
const openAiText = (reply: MockReply) =>
	(reply as { json: { choices: Array<{ message: { content: string } }> } }).json.choices[0].message
		.content;

describe('JSON answers of the simulator', () => {
	it('builds the smallest instance of a schema: required properties, enums, minimums, array items', () => {
		expect(instanceOf(INVOICE)).toEqual(EXPECTED);
	});

	it('answers an OpenAI json_schema request with JSON that fits the schema', () => {
		expect(JSON.parse(openAiText(simulateProviderReply(openAiJsonSchema('gpt-4o-mini'))))).toEqual(
			EXPECTED,
		);
	});

	it('answers broken JSON for sim-badjson and off-schema JSON for sim-wrongjson', () => {
		const broken = openAiText(simulateProviderReply(openAiJsonSchema('gpt-4o-mini-sim-badjson')));
		expect(() => JSON.parse(broken)).toThrow();
		const wrong = JSON.parse(
			openAiText(simulateProviderReply(openAiJsonSchema('gpt-4o-mini-sim-wrongjson'))),
		);
		expect(Array.isArray(wrong)).toBe(true);
	});

	it('reads where each wire format asks for JSON, and leaves a text request alone', () => {
		expect(jsonRequestOf({ response_format: { type: 'json_object' } }, 'mistral')).toEqual({});
		expect(
			jsonRequestOf(
				{ output_config: { format: { type: 'json_schema', schema: INVOICE } } },
				'anthropic',
			),
		).toEqual({ schema: INVOICE });
		expect(
			jsonRequestOf(
				{ generationConfig: { responseMimeType: 'application/json', responseJsonSchema: INVOICE } },
				'gemini',
			),
		).toEqual({ schema: INVOICE });
		expect(jsonRequestOf({ response_format: { type: 'text' } }, 'openai')).toBeUndefined();
		expect(jsonRequestOf({ generationConfig: { temperature: 0 } }, 'gemini')).toBeUndefined();
	});
});
