import {
	maxOutputTokens,
	parseUnifiedRequest,
} from '../../../nodes/engine/request/unified-request';
import { issuesOf } from './issues-of';

const valid = { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };

const invoiceSchema = {
	type: 'object',
	properties: { number: { type: 'string' }, total: { type: 'number' } },
	required: ['number', 'total'],
	additionalProperties: false,
};

describe('parseUnifiedRequest: response_format, reasoning and the other new options', () => {
	it('keeps every new option it accepts', () => {
		for (const response_format of [
			{ type: 'text' },
			{ type: 'json_object' },
			{
				type: 'json_schema',
				json_schema: {
					name: 'invoice-v2',
					schema: invoiceSchema,
					strict: true,
					description: 'An invoice',
				},
			},
		]) {
			const request = {
				...valid,
				response_format,
				reasoning_effort: 'minimal',
				max_completion_tokens: 300,
				seed: -42,
				user: 'user-1234',
			};
			expect(parseUnifiedRequest(request)).toEqual({ ok: true, request });
		}
	});

	it('names a response_format of an unknown type or shape', () => {
		expect(issuesOf({ ...valid, response_format: { type: 'yaml' } })).toEqual([
			'response_format.type must be one of text, json_object, json_schema',
		]);
		expect(issuesOf({ ...valid, response_format: 'json' })).toEqual([
			'response_format must be an object with a "type"',
		]);
		expect(issuesOf({ ...valid, response_format: { type: 'json_object', schema: {} } })).toEqual([
			'unknown field in response_format: schema',
		]);
	});

	it('requires a json_schema to carry a schema object and a valid name', () => {
		expect(
			issuesOf({ ...valid, response_format: { type: 'json_schema', json_schema: { name: 'x' } } }),
		).toEqual(['response_format.json_schema.schema is required']);
		expect(
			issuesOf({
				...valid,
				response_format: { type: 'json_schema', json_schema: { name: 'x', schema: [] } },
			}),
		).toEqual(['response_format.json_schema.schema must be a JSON Schema object']);
		expect(issuesOf({ ...valid, response_format: { type: 'json_schema' } })).toEqual([
			'response_format.json_schema is required',
		]);
		expect(
			issuesOf({
				...valid,
				response_format: {
					type: 'json_schema',
					json_schema: { name: 'an invoice', schema: invoiceSchema },
				},
			}),
		).toEqual([
			'response_format.json_schema.name must be 1 to 64 letters, digits, underscores or dashes',
		]);
	});

	it('compiles the schema at the edge, so a broken one is the request error', () => {
		const issues = issuesOf({
			...valid,
			response_format: {
				type: 'json_schema',
				json_schema: { name: 'x', schema: { type: 'object', properties: { a: { type: 'text' } } } },
			},
		});
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatch(
			/^response_format\.json_schema\.schema is not a valid JSON Schema: .*properties\/a\/type/,
		);
	});

	it('names the two token limits when they disagree, and accepts them when they agree', () => {
		expect(issuesOf({ ...valid, max_tokens: 100, max_completion_tokens: 200 })).toEqual([
			'max_completion_tokens (200) and max_tokens (100) mean the same and must not differ',
		]);
		expect(parseUnifiedRequest({ ...valid, max_tokens: 100, max_completion_tokens: 100 }).ok).toBe(
			true,
		);
		expect(issuesOf({ ...valid, max_completion_tokens: 0 })).toEqual([
			'max_completion_tokens must be more than 0',
		]);
	});

	it('names a bad reasoning_effort, seed or user', () => {
		expect(issuesOf({ ...valid, reasoning_effort: 'max', seed: 1.5, user: 7 })).toEqual([
			'reasoning_effort must be one of none, minimal, low, medium, high',
			'seed must be a whole number',
			'user must be a string',
		]);
	});
});

describe('maxOutputTokens', () => {
	it('reads either name', () => {
		expect(maxOutputTokens({ max_tokens: 10 })).toBe(10);
		expect(maxOutputTokens({ max_completion_tokens: 20 })).toBe(20);
		expect(maxOutputTokens({})).toBeUndefined();
	});
});
