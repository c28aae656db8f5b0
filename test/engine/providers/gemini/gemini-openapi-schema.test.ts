import { openApiSchemaFromJsonSchema } from '../../../../nodes/engine/providers/gemini/gemini-openapi-schema';

describe('openApiSchemaFromJsonSchema', () => {
	it('keeps the subset, orders properties as written, and turns type lists into nullable or anyOf', () => {
		expect(
			openApiSchemaFromJsonSchema({
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				title: 'Invoice',
				properties: {
					number: { type: 'string', description: 'The invoice number', pattern: '^INV-' },
					total: { type: ['number', 'null'], minimum: 0 },
					status: { enum: ['paid', 'open'] },
					code: { type: ['string', 'integer'] },
					lines: { type: 'array', items: { type: 'string' }, minItems: 1 },
				},
				required: ['number', 'total'],
			}),
		).toStrictEqual({
			schema: {
				type: 'object',
				title: 'Invoice',
				properties: {
					number: { type: 'string', description: 'The invoice number', pattern: '^INV-' },
					total: { nullable: true, type: 'number', minimum: 0 },
					status: { enum: ['paid', 'open'] },
					code: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
					lines: { type: 'array', items: { type: 'string' }, minItems: 1 },
				},
				propertyOrdering: ['number', 'total', 'status', 'code', 'lines'],
				required: ['number', 'total'],
			},
			dropped: [],
		});
	});

	it('inlines local $refs and names what the subset cannot carry', () => {
		const { schema, dropped } = openApiSchemaFromJsonSchema({
			type: 'object',
			additionalProperties: false,
			$defs: { money: { type: 'number', exclusiveMinimum: 0 } },
			properties: {
				amount: { $ref: '#/$defs/money' },
				kind: { oneOf: [{ const: 'a' }, { const: 'b' }] },
				size: { enum: [1, 2] },
			},
		});
		expect(schema).toStrictEqual({
			type: 'object',
			properties: {
				amount: { type: 'number' },
				kind: { anyOf: [{ enum: ['a'] }, { enum: ['b'] }] },
				size: {},
			},
			propertyOrdering: ['amount', 'kind', 'size'],
		});
		expect(dropped).toEqual([
			'additionalProperties',
			'exclusiveMinimum',
			'oneOf (sent as anyOf)',
			'enum of non-strings',
		]);
	});

	it('stops at a recursive $ref instead of looping', () => {
		const { schema, dropped } = openApiSchemaFromJsonSchema({
			$ref: '#/definitions/node',
			definitions: {
				node: { type: 'object', properties: { child: { $ref: '#/definitions/node' } } },
			},
		});
		expect(schema).toStrictEqual({
			type: 'object',
			properties: { child: { type: 'object' } },
			propertyOrdering: ['child'],
		});
		expect(dropped).toEqual(['recursive $ref']);
	});
});
