import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { toAnthropicRequest } from '../../../../nodes/engine/providers/anthropic/to-anthropic-request';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';

const PNG_BASE64 = 'iVBORw0KGgo=';
const PDF_BASE64 = 'JVBERi0xLjQK';

function bodyFor(messages: ModelCallRequest['messages']) {
	return toAnthropicRequest({ model: 'claude-sonnet-4-5', messages, stream: false }).body;
}

function thrown(messages: ModelCallRequest['messages']): FusionError {
	try {
		bodyFor(messages);
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('toAnthropicRequest did not throw');
}

describe('toAnthropicRequest: content parts and tool turns', () => {
	it('sends a data-URL image as a base64 image block with its media type, an http(s) one as a url source', () => {
		const body = bodyFor([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Compare these' },
					{
						type: 'image_url',
						image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' },
					},
					{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
				],
			},
		]);
		expect(body.messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Compare these' },
					{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
					{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
				],
			},
		]);
	});

	it('sends a PDF as a base64 document block, titled by its filename when it has one', () => {
		const body = bodyFor([
			{
				role: 'user',
				content: [
					{
						type: 'file',
						file: {
							filename: 'invoice.pdf',
							file_data: `data:application/pdf;base64,${PDF_BASE64}`,
						},
					},
					{ type: 'file', file: { file_data: `data:application/pdf;base64,${PDF_BASE64}` } },
					{ type: 'text', text: 'Extract the totals' },
				],
			},
		]);
		const source = { type: 'base64', media_type: 'application/pdf', data: PDF_BASE64 };
		expect(body.messages[0].content).toEqual([
			{ type: 'document', source, title: 'invoice.pdf' },
			{ type: 'document', source },
			{ type: 'text', text: 'Extract the totals' },
		]);
	});

	it('sends a developer message as system and text-only parts as one text', () => {
		const body = bodyFor([
			{ role: 'developer', content: [{ type: 'text', text: 'Answer in JSON.' }] },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'a' },
					{ type: 'text', text: 'b' },
				],
			},
		]);
		expect(body.system).toBe('Answer in JSON.');
		expect(body.messages).toEqual([{ role: 'user', content: 'a\nb' }]);
	});

	it('turns tool calls into tool_use blocks and tool messages into one user turn of tool_result blocks', () => {
		const body = bodyFor([
			{ role: 'user', content: 'Weather in Paris and Rome?' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'weather', arguments: '{"city":"Paris"}' },
					},
					{
						id: 'call_2',
						type: 'function',
						function: { name: 'weather', arguments: '{"city":"Rome"}' },
					},
				],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: '18°C' },
			{ role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24°C' }] },
			{ role: 'user', content: 'Which is warmer?' },
		]);
		expect(body.messages).toEqual([
			{ role: 'user', content: 'Weather in Paris and Rome?' },
			{
				role: 'assistant',
				content: [
					{ type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
					{ type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Rome' } },
				],
			},
			{
				role: 'user',
				content: [
					{ type: 'tool_result', tool_use_id: 'call_1', content: '18°C' },
					{ type: 'tool_result', tool_use_id: 'call_2', content: '24°C' },
					{ type: 'text', text: 'Which is warmer?' },
				],
			},
		]);
	});

	it("keeps an assistant's words before its tool calls as a text block", () => {
		const body = bodyFor([
			{ role: 'user', content: 'Look it up' },
			{
				role: 'assistant',
				content: 'Let me check.',
				tool_calls: [{ id: 'c', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
			},
			{ role: 'tool', tool_call_id: 'c', content: 'found' },
		]);
		expect(body.messages[1].content).toEqual([
			{ type: 'text', text: 'Let me check.' },
			{ type: 'tool_use', id: 'c', name: 'lookup', input: {} },
		]);
	});

	it.each([
		['not JSON', '{"city": '],
		['JSON that is no object', '["Paris"]'],
	])('refuses tool-call arguments that are %s, naming the field', (_, argumentsText) => {
		const error = thrown([
			{ role: 'user', content: 'Hi' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
					{ id: 'b', type: 'function', function: { name: 'f', arguments: argumentsText } },
				],
			},
		]);
		expect(error.kind).toBe('bad_request');
		expect(error.message).toMatch(
			/^messages\[1\]\.tool_calls\[1\]\.function\.arguments must be a JSON object text/,
		);
	});

	it('names the field of a data URL that did not pass the edge', () => {
		const error = thrown([
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png,raw' } }] },
		]);
		expect(error.message).toBe('messages[0].content[0].image_url.url is not a valid data URL');
	});
});
