import { toAnthropicOutputSchema } from '../../../../nodes/engine/providers/anthropic/to-anthropic-output-schema';

describe('toAnthropicOutputSchema', () => {
	it('closes every object and relaxes nested constraints, oneOf and minItems above 1, leaving the input untouched', () => {
		const schema = {
			type: 'object',
			properties: {
				lines: {
					type: 'array',
					minItems: 2,
					items: { $ref: '#/$defs/line' },
				},
				status: { oneOf: [{ const: 'paid' }, { const: 'open' }] },
			},
			required: ['lines'],
			$defs: {
				line: {
					type: 'object',
					description: 'One line',
					properties: { sku: { type: 'string', pattern: '^[A-Z]+$', maxLength: 8 } },
				},
			},
		};
		const copy = structuredClone(schema);
		const result = toAnthropicOutputSchema(schema);
		expect(result.schema).toEqual({
			type: 'object',
			properties: {
				lines: {
					type: 'array',
					items: { $ref: '#/$defs/line' },
					description: 'minItems: 2.',
				},
				status: { anyOf: [{ const: 'paid' }, { const: 'open' }] },
			},
			required: ['lines'],
			additionalProperties: false,
			$defs: {
				line: {
					type: 'object',
					description: 'One line',
					properties: { sku: { type: 'string', description: 'maxLength: 8; pattern: ^[A-Z]+$.' } },
					additionalProperties: false,
				},
			},
		});
		expect(result.relaxed.sort()).toEqual(['maxLength', 'minItems', 'oneOf', 'pattern']);
		expect(result.hasOpenObject).toBe(false);
		expect(schema).toEqual(copy);
	});

	it('keeps minItems 0 and 1, and reports an object without properties as open', () => {
		const result = toAnthropicOutputSchema({
			type: 'object',
			properties: {
				tags: { type: 'array', minItems: 1, items: { type: 'string' } },
				extra: { type: 'object' },
			},
		});
		expect(result.relaxed).toEqual([]);
		expect(result.hasOpenObject).toBe(true);
	});
});
