import type { Message } from '@n8n/ai-node-sdk';
import { parseUnifiedRequest } from '../../../nodes/engine';
import { toUnifiedMessages } from '../../../nodes/FusionChatModel/model/to-unified-messages';

const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The converted messages as the engine accepts them; a failure here names the field the conversion got wrong. */
function accepted(messages: Message[]) {
	const parsed = parseUnifiedRequest({
		model: 'openai/gpt-4o-mini',
		messages: toUnifiedMessages(messages),
	});
	if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
	return parsed.request.messages;
}

describe('toUnifiedMessages', () => {
	it('turns a tool conversation into OpenAI turns: calls with their ids, one tool message per result', () => {
		const messages: Message[] = [
			{ role: 'system', content: [{ type: 'text', text: 'You add numbers.' }] },
			{ role: 'user', content: [{ type: 'text', text: 'What is 2 + 3?' }] },
			{
				role: 'assistant',
				content: [
					{ type: 'reasoning', text: 'I should use the tool' },
					{ type: 'tool-call', toolCallId: 'call_a', toolName: 'add', input: '{"a":2,"b":3}' },
					{ type: 'tool-call', toolCallId: 'call_b', toolName: 'add', input: '{"a":1,"b":1}' },
					// The agent may list a call both as content and as the message's calls.
					{ type: 'tool-call', toolCallId: 'call_a', toolName: 'add', input: '{"a":2,"b":3}' },
				],
			},
			{
				role: 'tool',
				content: [
					{ type: 'tool-result', toolCallId: 'call_a', result: '5' },
					{ type: 'tool-result', toolCallId: 'call_b', result: { sum: 2 } },
				],
			},
		];
		expect(accepted(messages)).toEqual([
			{ role: 'system', content: 'You add numbers.' },
			{ role: 'user', content: 'What is 2 + 3?' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: 'call_a', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } },
					{ id: 'call_b', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":1}' } },
				],
			},
			{ role: 'tool', tool_call_id: 'call_a', content: '5' },
			{ role: 'tool', tool_call_id: 'call_b', content: '{"sum":2}' },
		]);
	});

	it('keeps the text of an assistant turn that also calls a tool, and joins a tool result given as text parts', () => {
		const messages: Message[] = [
			{ role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
			{
				role: 'assistant',
				content: [
					{ type: 'text', text: 'Let me look.' },
					{ type: 'tool-call', toolCallId: 'w1', toolName: 'weather', input: '{}' },
				],
			},
			{
				role: 'tool',
				content: [
					{
						type: 'tool-result',
						toolCallId: 'w1',
						result: [
							{ type: 'text', text: 'Sunny, ' },
							{ type: 'text', text: '21 °C' },
						],
					},
				],
			},
			{ role: 'assistant', content: [{ type: 'text', text: 'It is sunny.' }] },
		];
		const [, assistant, tool, answer] = accepted(messages);
		expect(assistant).toEqual({
			role: 'assistant',
			content: 'Let me look.',
			tool_calls: [{ id: 'w1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
		});
		expect(tool).toEqual({ role: 'tool', tool_call_id: 'w1', content: 'Sunny, 21 °C' });
		expect(answer).toEqual({ role: 'assistant', content: 'It is sunny.' });
	});

	it('sends images as image_url parts and PDFs as file parts, from bytes or from a URL', () => {
		const pdf = Buffer.from('%PDF-1.4 tiny').toString('base64');
		const [user] = accepted([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Describe these' },
					{ type: 'file', mediaType: 'image/png', data: Buffer.from(PNG_BASE64, 'base64') },
					{ type: 'file', mediaType: 'image/jpeg', data: 'https://example.com/cat.jpg' },
					{ type: 'file', mediaType: 'application/pdf', data: pdf },
				],
			},
		]);
		expect(user).toEqual({
			role: 'user',
			content: [
				{ type: 'text', text: 'Describe these' },
				{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
				{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
				{ type: 'file', file: { file_data: `data:application/pdf;base64,${pdf}` } },
			],
		});
	});

	it('leaves a file type no provider takes for the request check to name', () => {
		const parsed = parseUnifiedRequest({
			model: 'openai/gpt-4o-mini',
			messages: toUnifiedMessages([
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'Read' },
						{ type: 'file', mediaType: 'audio/wav', data: 'AAAA' },
					],
				},
			]),
		});
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.issues.join('\n')).toContain('messages[0].content[1].file.file_data');
	});

	it('gives a tool call without an id one, so that the turn is still valid', () => {
		const [, assistant] = accepted([
			{ role: 'user', content: [{ type: 'text', text: 'Go' }] },
			{ role: 'assistant', content: [{ type: 'tool-call', toolName: 'go', input: '{}' }] },
		]);
		expect(assistant).toEqual({
			role: 'assistant',
			content: null,
			tool_calls: [{ id: 'call_1_0', type: 'function', function: { name: 'go', arguments: '{}' } }],
		});
	});
});
