import { toGeminiContents } from '../../../../nodes/engine/providers/gemini/to-gemini-contents';
import type { ChatMessage } from '../../../../nodes/engine/request/unified-request';
import { thrownFusionError } from '../../../helpers/thrown-fusion-error';

const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PDF_BASE64 = 'JVBERi0xLjQKJcOkw7zDtsOfCg==';

function convert(messages: ChatMessage[], model = 'gemini-2.5-flash') {
	const warnings: string[] = [];
	return { ...toGeminiContents(messages, model, warnings), warnings };
}

const weatherCall = (id: string, args = '{"city":"Paris"}') => ({
	id,
	type: 'function' as const,
	function: { name: 'get_weather', arguments: args },
});

describe('toGeminiContents', () => {
	it('sends an image data URL as inlineData with its own media type, and its base64 untouched', () => {
		const { contents, warnings } = convert([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is this?' },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
				],
			},
		]);
		expect(contents).toStrictEqual([
			{
				role: 'user',
				parts: [
					{ text: 'What is this?' },
					{ inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
				],
			},
		]);
		expect(warnings).toEqual([]);
	});

	it('sends an https image URL as fileData, its type read from the extension', () => {
		const { contents } = convert([
			{
				role: 'user',
				content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.JPG?size=2' } }],
			},
		]);
		expect(contents[0].parts).toStrictEqual([
			{ fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.JPG?size=2' } },
		]);
	});

	it('sends a PDF file part as inlineData application/pdf', () => {
		const { contents } = convert([
			{
				role: 'user',
				content: [
					{
						type: 'file',
						file: { filename: 'a.pdf', file_data: `data:application/pdf;base64,${PDF_BASE64}` },
					},
					{ type: 'text', text: 'Summarise' },
				],
			},
		]);
		expect(contents[0].parts).toStrictEqual([
			{ inlineData: { mimeType: 'application/pdf', data: PDF_BASE64 } },
			{ text: 'Summarise' },
		]);
	});

	it('refuses an image Gemini does not read, naming the field, rather than sending it', () => {
		const error = thrownFusionError(() =>
			convert([
				{ role: 'user', content: 'first' },
				{
					role: 'user',
					content: [
						{ type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' } },
					],
				},
			]),
		);
		expect(error.kind).toBe('bad_request');
		expect(error.message).toBe(
			'Google Gemini does not read image/gif images (messages[1].content[0].image_url.url); it reads image/png, image/jpeg, image/webp, image/heic, image/heif',
		);
	});

	it('warns once that image detail is not sent', () => {
		const { warnings } = convert([
			{
				role: 'user',
				content: [
					{
						type: 'image_url',
						image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'low' },
					},
					{
						type: 'image_url',
						image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' },
					},
				],
			},
		]);
		expect(warnings).toEqual([
			'image_url.detail is not supported by Google Gemini and was not sent',
		]);
	});

	it('joins developer and system text into the system text', () => {
		const { systemText, contents } = convert([
			{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
			{ role: 'user', content: 'Hi' },
			{ role: 'system', content: 'Answer in French.' },
		]);
		expect(systemText).toBe('Be brief.\n\nAnswer in French.');
		expect(contents).toStrictEqual([{ role: 'user', parts: [{ text: 'Hi' }] }]);
	});

	it('sends tool calls as functionCall parts with parsed args, and tool results as functionResponse parts named by the call', () => {
		const { contents, warnings } = convert([
			{ role: 'user', content: 'Weather in Paris and Rome?' },
			{
				role: 'assistant',
				content: 'Let me look.',
				tool_calls: [weatherCall('call_1'), weatherCall('call_2', '{"city":"Rome"}')],
			},
			{ role: 'tool', tool_call_id: 'call_2', content: '21°C' },
			{ role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '18°C' }] },
			{ role: 'user', content: 'Thanks' },
		]);
		expect(contents).toStrictEqual([
			{ role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
			{
				role: 'model',
				parts: [
					{ text: 'Let me look.' },
					{ functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } } },
					{ functionCall: { id: 'call_2', name: 'get_weather', args: { city: 'Rome' } } },
				],
			},
			{
				role: 'user',
				parts: [
					{ functionResponse: { id: 'call_2', name: 'get_weather', response: { result: '21°C' } } },
					{ functionResponse: { id: 'call_1', name: 'get_weather', response: { result: '18°C' } } },
					{ text: 'Thanks' },
				],
			},
		]);
		expect(warnings).toEqual([]);
	});

	it('gives Gemini 3 the documented stand-in signature on the first call of a turn, which it would otherwise refuse', () => {
		const { contents } = convert(
			[
				{ role: 'user', content: 'Weather?' },
				{ role: 'assistant', content: null, tool_calls: [weatherCall('a'), weatherCall('b')] },
				{ role: 'tool', tool_call_id: 'a', content: 'sunny' },
				{ role: 'tool', tool_call_id: 'b', content: 'rain' },
			],
			'gemini-3-flash-preview',
		);
		expect(contents[1].parts).toStrictEqual([
			{
				functionCall: { id: 'a', name: 'get_weather', args: { city: 'Paris' } },
				thoughtSignature: 'skip_thought_signature_validator',
			},
			{ functionCall: { id: 'b', name: 'get_weather', args: { city: 'Paris' } } },
		]);
	});

	it('reads empty arguments as a call without arguments', () => {
		const { contents } = convert([
			{ role: 'user', content: 'Time?' },
			{ role: 'assistant', content: null, tool_calls: [weatherCall('t', '')] },
		]);
		expect(contents[1].parts).toStrictEqual([
			{ functionCall: { id: 't', name: 'get_weather', args: {} } },
		]);
	});

	it.each([
		['{"city": "Par', 'messages[1].tool_calls[0].function.arguments is not valid JSON'],
		[
			'["Paris"]',
			"messages[1].tool_calls[0].function.arguments must be a JSON object: Gemini takes a function's arguments as one",
		],
	])('refuses arguments %s as a bad request naming the field', (args, message) => {
		const error = thrownFusionError(() =>
			convert([
				{ role: 'user', content: 'Weather?' },
				{ role: 'assistant', content: null, tool_calls: [weatherCall('c1', args)] },
			]),
		);
		expect(error).toMatchObject({ kind: 'bad_request', message });
	});

	it('refuses a tool result whose id matches no earlier call, since Gemini needs the function name', () => {
		const error = thrownFusionError(() =>
			convert([
				{ role: 'user', content: 'Weather?' },
				{ role: 'assistant', content: null, tool_calls: [weatherCall('c1')] },
				{ role: 'tool', tool_call_id: 'c9', content: '18°C' },
			]),
		);
		expect(error).toMatchObject({
			kind: 'bad_request',
			message:
				'messages[2].tool_call_id "c9" matches no tool call of an earlier assistant message; Gemini needs the function\'s name',
		});
	});

	it('leaves out empty messages and empty text parts with a warning, as Gemini refuses empty text', () => {
		const { contents, warnings } = convert([
			{ role: 'user', content: [{ type: 'text', text: '' }] },
			{
				role: 'user',
				content: [
					{ type: 'text', text: '' },
					{ type: 'text', text: 'Hi' },
				],
			},
		]);
		expect(contents).toStrictEqual([{ role: 'user', parts: [{ text: 'Hi' }] }]);
		expect(warnings).toEqual([
			'messages[0] (user) is empty and was not sent: Gemini refuses empty text',
		]);
	});
});
