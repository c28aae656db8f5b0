import { z } from 'zod';
import {
	describeSchemaIssues,
	schemaPath,
} from '../../../nodes/engine/errors/describe-schema-issues';

describe('schemaPath', () => {
	it('writes indexes in brackets and names with dots', () => {
		expect(schemaPath(['choices', 0, 'message', 'content'])).toBe('choices[0].message.content');
		expect(schemaPath([2, 'id'])).toBe('[2].id');
		expect(schemaPath([])).toBe('');
	});
});

describe('describeSchemaIssues', () => {
	const schema = z.object({
		data: z.array(z.object({ id: z.string() })),
		a: z.string(),
		b: z.string(),
		c: z.string(),
	});

	it('names the first three issues with their paths, and no value', () => {
		const parsed = schema.safeParse({ data: [{ id: 'ok' }, { id: 7 }], secret: 'sk-1234' });
		expect(parsed.success ? '' : describeSchemaIssues(parsed.error)).toBe(
			'data[1].id: Expected string, received number; a: Required; b: Required',
		);
	});

	it('gives the bare message of an issue about the whole value', () => {
		const parsed = schema.safeParse('text');
		expect(parsed.success ? '' : describeSchemaIssues(parsed.error)).toBe(
			'Expected object, received string',
		);
	});
});
