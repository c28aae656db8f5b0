import { simulateProviderReply } from './provider-simulator';
import type { MockReply } from './mock-provider-server';

const messagesRequest = (body: Record<string, unknown>) =>
	simulateProviderReply({
		method: 'POST',
		path: '/v1/messages',
		headers: {},
		body: {
			model: 'claude-sonnet-4-5',
			max_tokens: 4096,
			messages: [{ role: 'user', content: 'Hi' }],
			...body,
		},
		receivedAt: 0,
	});

function rejection(reply: MockReply): string {
	expect(reply).toMatchObject({
		status: 400,
		json: { type: 'error', error: { type: 'invalid_request_error' } },
	});
	return (reply as { json: { error: { message: string } } }).json.error.message;
}

const userBlocks = (...content: unknown[]) => ({ messages: [{ role: 'user', content }] });

describe("the mock's Anthropic wire checks", () => {
	it.each([
		[
			'an image of a media type Anthropic does not take',
			userBlocks({
				type: 'image',
				source: { type: 'base64', media_type: 'image/bmp', data: 'Qk0=' },
			}),
			/^messages\.0\.content\.0\.source\.base64\.media_type: Input should be 'image\/jpeg'/,
		],
		[
			'an image whose base64 data is missing',
			userBlocks({ type: 'image', source: { type: 'base64', media_type: 'image/png' } }),
			/source\.base64\.data/,
		],
		[
			'a document that is not a PDF',
			userBlocks({
				type: 'document',
				source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
			}),
			/media_type: Input should be 'application\/pdf'/,
		],
		[
			'an OpenAI image_url part',
			userBlocks({ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }),
			/Input tag 'image_url'/,
		],
		[
			'a budget below 1024',
			{ thinking: { type: 'enabled', budget_tokens: 500 } },
			/budget_tokens: Input should be greater than or equal to 1024/,
		],
		[
			'a budget not below max_tokens',
			{ max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } },
			/`max_tokens` must be greater than `thinking.budget_tokens`/,
		],
		[
			'thinking with temperature',
			{ temperature: 0.5, thinking: { type: 'adaptive' } },
			/`temperature` may only be set to 1/,
		],
		[
			'thinking with a forced tool',
			{
				thinking: { type: 'enabled', budget_tokens: 1024 },
				tools: [{ name: 'json_answer', input_schema: { type: 'object' } }],
				tool_choice: { type: 'tool', name: 'json_answer' },
			},
			/tool_choice forces tool use/,
		],
	])('rejects %s', (_, body, message) => {
		expect(rejection(messagesRequest(body))).toMatch(message);
	});

	it('answers a forced tool with a tool_use block holding an instance of its schema', () => {
		const reply = messagesRequest({
			tools: [
				{
					name: 'json_answer',
					description: 'x',
					input_schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
				},
			],
			tool_choice: { type: 'tool', name: 'json_answer' },
		});
		expect(reply).toMatchObject({
			json: {
				content: [{ type: 'tool_use', name: 'json_answer', input: { n: 1 } }],
				stop_reason: 'tool_use',
			},
		});
	});

	it('puts a thinking block before the answer of a thinking request', () => {
		const reply = messagesRequest({
			max_tokens: 3000,
			thinking: { type: 'enabled', budget_tokens: 1024 },
		});
		expect(reply).toMatchObject({ json: { content: [{ type: 'thinking' }, { type: 'text' }] } });
	});
});
