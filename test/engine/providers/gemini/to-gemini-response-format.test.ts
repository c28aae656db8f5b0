import { toGeminiResponseFormat } from '../../../../nodes/engine/providers/gemini/to-gemini-response-format';
import type { ResponseFormat } from '../../../../nodes/engine/request/unified-request';

const schema = {
	type: 'object',
	properties: { label: { type: 'string', enum: ['bug', 'question'] } },
	required: ['label'],
	additionalProperties: false,
};
const jsonSchema: ResponseFormat = {
	type: 'json_schema',
	json_schema: { name: 'ticket', schema, strict: true },
};

function convert(format: ResponseFormat | undefined, model: string) {
	const warnings: string[] = [];
	return { config: toGeminiResponseFormat(format, model, warnings), warnings };
}

describe('toGeminiResponseFormat', () => {
	it.each([undefined, { type: 'text' } as const])('asks for nothing for %p', (format) => {
		expect(convert(format, 'gemini-2.5-flash')).toEqual({ config: {}, warnings: [] });
	});

	it('asks for JSON by mime type for json_object', () => {
		expect(convert({ type: 'json_object' }, 'gemini-2.0-flash')).toEqual({
			config: { responseMimeType: 'application/json' },
			warnings: [],
		});
	});

	it.each(['gemini-2.5-flash', 'gemini-3-pro-preview', 'gemini-flash-latest'])(
		'sends %s the schema as JSON Schema, unchanged',
		(model) => {
			const { config, warnings } = convert(jsonSchema, model);
			expect(config).toStrictEqual({
				responseMimeType: 'application/json',
				responseJsonSchema: schema,
			});
			expect(config.responseJsonSchema).toBe(schema);
			expect(warnings).toEqual([]);
		},
	);

	it('sends Gemini 2.0 the OpenAPI subset, warning for what it left out', () => {
		expect(convert(jsonSchema, 'gemini-2.0-flash')).toEqual({
			config: {
				responseMimeType: 'application/json',
				responseSchema: {
					type: 'object',
					properties: { label: { type: 'string', enum: ['bug', 'question'] } },
					propertyOrdering: ['label'],
					required: ['label'],
				},
			},
			warnings: [
				'Google Gemini model gemini-2.0-flash takes a schema in the OpenAPI subset only; response_format.json_schema.schema was sent without additionalProperties',
			],
		});
	});
});
