import { geminiAdapter } from '../../../../nodes/engine/providers/gemini/gemini-adapter';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { modelCallRequest } from '../model-call-request';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function withImage(url: string, model = 'gemini-2.5-flash'): ModelCallRequest {
	return modelCallRequest(model, {
		messages: [
			{ role: 'system', content: 'Be brief.' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is this?' },
					{ type: 'image_url', image_url: { url } },
				],
			},
		],
	});
}

const gap = (request: ModelCallRequest) => geminiAdapter.requestGap?.(request);

describe('the Gemini adapter requestGap', () => {
	it.each([
		[
			'a text request',
			modelCallRequest('gemini-2.0-flash', { messages: [{ role: 'user', content: 'Hi' }] }),
		],
		['a PNG data URL', withImage(PNG, 'gemini-2.0-flash')],
		['an https .webp URL', withImage('https://example.com/a/photo.webp')],
		[
			'a PDF',
			modelCallRequest('gemini-2.5-flash', {
				messages: [
					{
						role: 'user',
						content: [
							{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
						],
					},
				],
			}),
		],
	] as Array<[string, ModelCallRequest]>)('finds none for %s', (_name, request) => {
		expect(gap(request)).toBeUndefined();
	});

	it.each([
		[
			withImage('data:image/gif;base64,R0lGODlhAQABAAAAACw='),
			'Google Gemini does not read image/gif images (messages[1].content[1].image_url.url); it reads image/png, image/jpeg, image/webp, image/heic, image/heif',
		],
		[
			withImage('https://example.com/cat.png', 'gemini-2.0-flash'),
			'Google Gemini model gemini-2.0-flash cannot fetch an image from a URL (messages[1].content[1].image_url.url); send the image as a data URL',
		],
		[
			withImage('http://example.com/cat.png'),
			'Google Gemini fetches https URLs only (messages[1].content[1].image_url.url); send the image as a data URL',
		],
		[
			withImage('https://example.com/images/42'),
			"Google Gemini needs an image URL's type, and messages[1].content[1].image_url.url ends in none of .png, .jpg, .jpeg, .webp, .heic, .heif; send the image as a data URL",
		],
	])('says why Gemini cannot take %#', (request, reason) => {
		expect(gap(request)).toBe(reason);
		// The conversion refuses the same request, so that nothing is sent if it was not screened.
		expect(() =>
			geminiAdapter.toChatRequest(request, { baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }),
		).toThrow(reason);
	});
});
