import { parseUnifiedRequest } from '../../../nodes/engine/request/unified-request';
import { issuesOf } from './issues-of';

/** A real 1×1 PNG, so that what passes here is what a provider would accept. */
const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;
/** "%PDF-1.4\n" and a little more, base64. */
const PDF_DATA_URL = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n').toString('base64')}`;

const model = 'openai/gpt-4o';

function userParts(...parts: unknown[]) {
	return {
		model,
		messages: [{ role: 'user', content: [{ type: 'text', text: 'Look:' }, ...parts] }],
	};
}

describe('parseUnifiedRequest: content parts', () => {
	it('accepts each part type and keeps it as sent', () => {
		const request = userParts(
			{ type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
			{ type: 'image_url', image_url: { url: PNG_DATA_URL } },
			{ type: 'file', file: { filename: 'invoice.pdf', file_data: PDF_DATA_URL } },
		);
		expect(parseUnifiedRequest(request)).toEqual({ ok: true, request });
	});

	it('accepts every supported image media type, whatever its case', () => {
		for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) {
			const url = `data:${type};base64,${PNG_BASE64}`;
			expect(parseUnifiedRequest(userParts({ type: 'image_url', image_url: { url } })).ok).toBe(
				true,
			);
		}
	});

	it('names an unknown part type', () => {
		expect(issuesOf(userParts({ type: 'video', video: {} }))).toEqual([
			'messages[0].content[1].type must be one of text, image_url, file',
		]);
		expect(issuesOf(userParts({ image_url: { url: PNG_DATA_URL } }))).toEqual([
			'messages[0].content[1].type must be one of text, image_url, file',
		]);
		expect(issuesOf(userParts('just text'))).toEqual([
			'messages[0].content[1] must be an object with a "type"',
		]);
	});

	it('names an image URL that is neither http(s) nor a data URL', () => {
		for (const url of ['ftp://example.com/cat.png', 'cat.png', 'https://']) {
			expect(issuesOf(userParts({ type: 'image_url', image_url: { url } }))).toEqual([
				'messages[0].content[1].image_url.url must be an http(s) URL or a data URL (data:image/png;base64,…)',
			]);
		}
	});

	it('names a malformed data URL', () => {
		for (const url of [
			'data:image/png,rawbytes',
			`data:image/png;base64;${PNG_BASE64}`,
			`data:;base64,${PNG_BASE64}`,
		]) {
			expect(issuesOf(userParts({ type: 'image_url', image_url: { url } }))).toEqual([
				'messages[0].content[1].image_url.url is not a valid data URL (data:image/png;base64,…)',
			]);
		}
	});

	it('names an unsupported image media type', () => {
		const url = `data:image/tiff;base64,${PNG_BASE64}`;
		expect(issuesOf(userParts({ type: 'image_url', image_url: { url } }))).toEqual([
			'messages[0].content[1].image_url.url is a data URL of image/tiff, which is not a supported image type (png, jpeg, gif, webp)',
		]);
	});

	it('names data that is not base64, without decoding it', () => {
		for (const data of ['AA!A', 'AAA', 'AA_A', 'A===', `${PNG_BASE64} `]) {
			const url = `data:image/png;base64,${data}`;
			expect(issuesOf(userParts({ type: 'image_url', image_url: { url } }))).toEqual([
				'messages[0].content[1].image_url.url is a data URL whose data is not valid base64',
			]);
		}
	});

	it('names a detail outside its values', () => {
		const part = { type: 'image_url', image_url: { url: PNG_DATA_URL, detail: 'ultra' } };
		expect(issuesOf(userParts(part))).toEqual([
			'messages[0].content[1].image_url.detail must be one of auto, low, high',
		]);
	});

	it('names file data that is not a PDF data URL', () => {
		for (const fileData of [PNG_DATA_URL, 'https://example.com/invoice.pdf', 'JVBERi0x']) {
			expect(issuesOf(userParts({ type: 'file', file: { file_data: fileData } }))).toEqual([
				'messages[0].content[1].file.file_data must be a PDF data URL (data:application/pdf;base64,…)',
			]);
		}
		expect(
			issuesOf(userParts({ type: 'file', file: { file_data: 'data:application/pdf;base64,JVB' } })),
		).toEqual([
			'messages[0].content[1].file.file_data is a data URL whose data is not valid base64',
		]);
	});

	it('names an unknown field inside a part, and a missing one', () => {
		expect(issuesOf(userParts({ type: 'text', text: 'a', cache_control: {} }))).toEqual([
			'unknown field in messages[0].content[1]: cache_control',
		]);
		expect(
			issuesOf(userParts({ type: 'image_url', image_url: { url: PNG_DATA_URL, size: 'big' } })),
		).toEqual(['unknown field in messages[0].content[1].image_url: size']);
		expect(issuesOf(userParts({ type: 'image_url' }))).toEqual([
			'messages[0].content[1].image_url is required',
		]);
		expect(issuesOf(userParts({ type: 'file', file: {} }))).toEqual([
			'messages[0].content[1].file.file_data is required',
		]);
		expect(issuesOf(userParts({ type: 'text', text: 7 }))).toEqual([
			'messages[0].content[1].text must be a string',
		]);
	});

	it('refuses content that is neither a string nor a non-empty array of parts', () => {
		expect(issuesOf({ model, messages: [{ role: 'user', content: 5 }] })).toEqual([
			'messages[0].content must be a string or an array of content parts',
		]);
		expect(issuesOf({ model, messages: [{ role: 'user', content: [] }] })).toEqual([
			'messages[0].content must contain at least one part',
		]);
	});

	it('checks a 200 KB image quickly and without decoding it', () => {
		const big = Buffer.alloc(150_000, 7).toString('base64');
		const request = userParts({
			type: 'image_url',
			image_url: { url: `data:image/png;base64,${big}` },
		});
		parseUnifiedRequest(request);
		const startedAt = performance.now();
		for (let round = 0; round < 10; round++) expect(parseUnifiedRequest(request).ok).toBe(true);
		// About 0.2 ms a round on a laptop; the bound leaves room for a loaded CI machine.
		expect((performance.now() - startedAt) / 10).toBeLessThan(5);
	});
});

describe('parseUnifiedRequest: roles', () => {
	it('accepts developer, tool and assistant tool calls', () => {
		const request = {
			model,
			messages: [
				{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
				{ role: 'user', content: 'Weather in Paris?' },
				{
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: 'call_1',
							type: 'function',
							function: { name: 'weather', arguments: '{"city":"Paris"}' },
						},
					],
				},
				{ role: 'tool', tool_call_id: 'call_1', content: '18°C' },
				{ role: 'assistant', content: [{ type: 'text', text: '18°C in Paris.' }] },
			],
		};
		expect(parseUnifiedRequest(request)).toEqual({ ok: true, request });
	});

	it('keeps images and files to user messages', () => {
		const image = { type: 'image_url', image_url: { url: PNG_DATA_URL } };
		for (const role of ['system', 'developer', 'assistant']) {
			expect(issuesOf({ model, messages: [{ role, content: [image] }] })).toEqual([
				`messages[0].content[0].type must be text: a ${role === 'developer' ? 'system' : role} message carries only text parts`,
			]);
		}
		expect(
			issuesOf({ model, messages: [{ role: 'tool', tool_call_id: 'c', content: [image] }] }),
		).toEqual(['messages[0].content[0].type must be text: a tool message carries only text parts']);
	});

	it('allows a null content only beside tool_calls', () => {
		for (const message of [{ role: 'assistant', content: null }, { role: 'assistant' }]) {
			expect(issuesOf({ model, messages: [message] })).toEqual([
				'messages[0].content is required (it may be null only when the message has tool_calls)',
			]);
		}
		expect(issuesOf({ model, messages: [{ role: 'user', content: null }] })).toEqual([
			'messages[0].content must be a string or an array of content parts',
		]);
	});

	it('names what a tool message or a tool call lacks', () => {
		expect(issuesOf({ model, messages: [{ role: 'tool', content: '18°C' }] })).toEqual([
			'messages[0].tool_call_id is required',
		]);
		const call = { id: 'c', type: 'tool', function: { name: 'f', arguments: '{}' } };
		expect(
			issuesOf({ model, messages: [{ role: 'assistant', content: null, tool_calls: [call] }] }),
		).toEqual(['messages[0].tool_calls[0].type must be "function"']);
	});

	it('names a missing or unknown role, and a message that is no object', () => {
		expect(issuesOf({ model, messages: [{ content: 'Hi' }] })).toEqual([
			'messages[0].role is required',
		]);
		expect(issuesOf({ model, messages: [{ role: 'function', content: 'Hi' }] })).toEqual([
			'messages[0].role must be one of system, developer, user, assistant, tool',
		]);
		expect(issuesOf({ model, messages: ['Hi'] })).toEqual([
			'messages[0] must be an object with "role" and "content"',
		]);
		expect(issuesOf({ model, messages: [{ role: 'user', content: 'Hi', name: 'ann' }] })).toEqual([
			'unknown field in messages[0]: name',
		]);
	});
});
