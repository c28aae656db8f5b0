import type { RecordedRequest } from './mock-provider-server';
import { simulateProviderReply } from './provider-simulator';

/** The mock refuses what OpenAI and Mistral refuse in content parts, with their status and error shape. */

const post = (path: string, messages: unknown[]): RecordedRequest =>
	({
		method: 'POST',
		path,
		headers: {},
		body: { model: 'm', messages },
	}) as unknown as RecordedRequest;

const user = (...content: unknown[]) => [{ role: 'user', content }];
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK';

describe('the OpenAI wire checks', () => {
	it.each([
		[
			'an unknown part type',
			user({ type: 'document_url', document_url: PDF }),
			"Invalid value: 'document_url'",
		],
		[
			'image_url as a string',
			user({ type: 'image_url', image_url: 'https://x/a.png' }),
			'expected an object',
		],
		[
			'a detail outside auto, low, high',
			user({ type: 'image_url', image_url: { url: 'https://x', detail: 'max' } }),
			"Invalid value: 'max'",
		],
		['a file without data', user({ type: 'file', file: { filename: 'a.pdf' } }), 'file_data'],
		[
			'an image in a system message',
			[{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }],
			"Invalid value: 'image_url'",
		],
	])('refuses %s with a 400', (_name, messages, message) => {
		const reply = simulateProviderReply(post('/v1/chat/completions', messages)) as {
			status: number;
			json: { error: { message: string } };
		};
		expect(reply.status).toBe(400);
		expect(reply.json.error.message).toContain(message);
	});

	it('takes text, image (URL and detail) and file parts', () => {
		const reply = simulateProviderReply(
			post(
				'/v1/chat/completions',
				user(
					{ type: 'text', text: 'Hi' },
					{ type: 'image_url', image_url: { url: 'https://x/a.png', detail: 'low' } },
					{ type: 'file', file: { filename: 'a.pdf', file_data: PDF } },
				),
			),
		);
		expect(reply).toHaveProperty('json.choices');
	});
});

describe('the Mistral wire checks', () => {
	const mistral = (messages: unknown[]) =>
		simulateProviderReply(post('/mistral/v1/chat/completions', messages)) as {
			status?: number;
			json: { detail?: Array<{ loc: unknown[]; msg: string }> };
		};

	it("refuses OpenAI's inline file part and the developer role with a 422 naming where", () => {
		const reply = mistral([
			{ role: 'developer', content: 'Be brief.' },
			...user({ type: 'file', file: { file_data: PDF } }),
		]);
		expect(reply.status).toBe(422);
		expect(reply.json.detail?.map((item) => item.loc)).toEqual([
			['body', 'messages', 0],
			['body', 'messages', '1', 'content', '0'],
		]);
	});

	it('takes document_url and image_url as a string or an object', () => {
		const reply = mistral(
			user(
				{ type: 'document_url', document_url: PDF },
				{ type: 'image_url', image_url: 'https://x/a.png' },
				{ type: 'image_url', image_url: { url: 'https://x/a.png' } },
			),
		);
		expect(reply).toHaveProperty('json.choices');
	});
});
