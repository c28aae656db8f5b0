import { isBase64, parseDataUrl } from '../../../nodes/engine/request/data-url';
import { estimatePromptTokens } from '../../../nodes/engine/request/estimate-tokens';
import { compileJsonSchema } from '../../../nodes/engine/request/json-schema';
import { partTypesOf, textOf } from '../../../nodes/engine/request/message-content';
import type { ChatMessage } from '../../../nodes/engine/request/unified-request';

describe('parseDataUrl', () => {
	it('reads the media type and the base64 payload, with or without parameters', () => {
		expect(parseDataUrl('data:image/PNG;base64,AAAA')).toEqual({
			mediaType: 'image/png',
			base64: 'AAAA',
		});
		expect(parseDataUrl('data:application/pdf;name=a.pdf;base64,JVBE')).toEqual({
			mediaType: 'application/pdf',
			base64: 'JVBE',
		});
	});

	it('is undefined for anything but a base64 data URL', () => {
		for (const url of [
			'https://example.com/a.png',
			'data:image/png,AAAA',
			'data:image/png;base64AAAA',
			'data:png;base64,AAAA',
		]) {
			expect(parseDataUrl(url)).toBeUndefined();
		}
	});
});

describe('isBase64', () => {
	it('accepts padded standard base64 only', () => {
		for (const text of [
			'AAAA',
			'AA==',
			'AAA=',
			Buffer.from('any bytes\u00ff').toString('base64'),
		]) {
			expect(isBase64(text)).toBe(true);
		}
		for (const text of ['', 'AAA', 'A===', 'AA_-', 'AA A', 'AA=A', 'AAAA\n']) {
			expect(isBase64(text)).toBe(false);
		}
	});
});

describe('textOf and partTypesOf', () => {
	const messages: ChatMessage[] = [
		{ role: 'system', content: 'Be brief.' },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'Compare' },
				{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
				{ type: 'text', text: 'with this.' },
			],
		},
		{
			role: 'assistant',
			content: null,
			tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
		},
	];

	it('joins the text parts and ignores the rest', () => {
		expect(textOf(messages[1].content)).toBe('Compare\nwith this.');
		expect(textOf('plain')).toBe('plain');
		expect(textOf(null)).toBe('');
	});

	it('names the media a conversation carries', () => {
		expect([...partTypesOf(messages)]).toEqual(['image']);
		const withPdf: ChatMessage[] = [
			...messages,
			{
				role: 'user',
				content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE' } }],
			},
		];
		expect([...partTypesOf(withPdf)].sort()).toEqual(['image', 'pdf']);
		expect(partTypesOf([messages[0]]).size).toBe(0);
	});
});

describe('estimatePromptTokens', () => {
	it('counts text by length and images by OpenAI’s published rule', () => {
		const text = estimatePromptTokens({ messages: [{ role: 'user', content: 'x'.repeat(400) }] });
		expect(text).toBe(104);
		const image = (detail?: 'low' | 'high') =>
			estimatePromptTokens({
				messages: [
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'x'.repeat(400) },
							{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail } },
						],
					},
				],
			});
		expect(image('low')).toBe(104 + 85);
		expect(image('high')).toBe(104 + 765);
		expect(image()).toBe(104 + 765);
	});

	it('counts a PDF by its size', () => {
		const file_data = `data:application/pdf;base64,${'A'.repeat(40_000)}`;
		const tokens = estimatePromptTokens({
			messages: [{ role: 'user', content: [{ type: 'file', file: { file_data } }] }],
		});
		expect(tokens).toBeGreaterThan(7_000);
		expect(tokens).toBeLessThan(8_000);
	});
});

describe('compileJsonSchema', () => {
	it('validates values and compiles each distinct schema once', () => {
		const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };
		const validate = compileJsonSchema(schema);
		expect(validate({ n: 1 })).toBe(true);
		expect(validate({ n: 'one' })).toBe(false);
		expect(compileJsonSchema(JSON.parse(JSON.stringify(schema)))).toBe(validate);
	});

	it('follows the dialect the schema names, and lets two schemas share an $id', () => {
		const tuple = {
			$schema: 'https://json-schema.org/draft/2020-12/schema',
			$id: 'https://example.com/pair',
			type: 'array',
			prefixItems: [{ type: 'string' }, { type: 'number' }],
			items: false,
		};
		const validate = compileJsonSchema(tuple);
		expect(validate(['a', 1])).toBe(true);
		expect(validate(['a', 1, 2])).toBe(false);
		expect(compileJsonSchema({ ...tuple, items: true })(['a', 1, 2])).toBe(true);
	});

	it('throws, saying why, for an invalid schema', () => {
		expect(() => compileJsonSchema({ type: 'text' })).toThrow(/type/);
	});
});
