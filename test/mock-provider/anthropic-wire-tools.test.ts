import type { MockReply, SseEvent } from './mock-provider-server';
import { simulateProviderReply } from './provider-simulator';

/** The simulated Anthropic model with tools: it calls one until a result is back, and refuses broken tool turns. */

const WEATHER = {
	name: 'get_weather',
	input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const CALL = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };

const post = (body: Record<string, unknown>) =>
	simulateProviderReply({
		method: 'POST',
		path: '/v1/messages',
		headers: {},
		body: { model: 'claude-sonnet-4-5', max_tokens: 1024, tools: [WEATHER], ...body },
		receivedAt: 0,
	});

const ask = { role: 'user', content: 'Weather in Paris?' };
const result = (toolUseId: string) => ({
	role: 'user',
	content: [{ type: 'tool_result', tool_use_id: toolUseId, content: '18°C and sunny' }],
});

function message(reply: MockReply): string | undefined {
	if (!('json' in reply) || reply.status !== 400) return undefined;
	return (reply.json as { error: { message: string } }).error.message;
}

const events = (reply: MockReply) =>
	(reply as { sse: SseEvent[] }).sse.map(
		(event) => JSON.parse(event.data) as Record<string, unknown>,
	);

describe("the mock's Anthropic wire with tools", () => {
	it('calls the first offered tool with arguments that fit its schema, stop_reason tool_use', () => {
		expect(post({ messages: [ask] })).toMatchObject({
			json: {
				content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'simulated city' } }],
				stop_reason: 'tool_use',
			},
		});
	});

	it('streams the call as a tool_use block start and input_json_delta pieces', () => {
		const streamed = events(post({ messages: [ask], stream: true }));
		expect(streamed).toContainEqual(
			expect.objectContaining({
				type: 'content_block_start',
				content_block: expect.objectContaining({
					type: 'tool_use',
					name: 'get_weather',
					input: {},
				}),
			}),
		);
		const json = streamed
			.filter((event) => event.type === 'content_block_delta')
			.map((event) => (event.delta as { partial_json: string }).partial_json)
			.join('');
		expect(JSON.parse(json)).toEqual({ city: 'simulated city' });
		expect(streamed).toContainEqual(
			expect.objectContaining({ delta: expect.objectContaining({ stop_reason: 'tool_use' }) }),
		);
	});

	it('answers in text with the results once they are back, and calls nothing when tool_choice is none', () => {
		const reply = post({
			messages: [ask, { role: 'assistant', content: [CALL] }, result('toolu_1')],
		});
		expect(reply).toMatchObject({
			json: {
				content: [{ type: 'text', text: 'Using the tool results: 18°C and sunny' }],
				stop_reason: 'end_turn',
			},
		});
		expect(post({ messages: [ask], tool_choice: { type: 'none' } })).toMatchObject({
			json: { content: [{ type: 'text' }], stop_reason: 'end_turn' },
		});
	});

	it('refuses a tool_result without its tool_use in the turn before, as Anthropic does', () => {
		expect(
			message(post({ messages: [ask, { role: 'assistant', content: [CALL] }, result('toolu_9')] })),
		).toBe(
			'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
		);
		expect(message(post({ messages: [ask, result('toolu_1')] }))).toMatch(
			/^messages\.1\.content\.0: unexpected `tool_use_id`/,
		);
	});

	it('refuses a tool_use left without its result in the next turn', () => {
		const reply = post({
			messages: [
				ask,
				{ role: 'assistant', content: [CALL] },
				{ role: 'user', content: 'And Rome?' },
			],
		});
		expect(message(reply)).toBe(
			'messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
		);
	});

	it('refuses a budget-thinking request that continues a tool call without its thinking block', () => {
		const reply = post({
			max_tokens: 4096,
			thinking: { type: 'enabled', budget_tokens: 1024 },
			messages: [ask, { role: 'assistant', content: [CALL] }, result('toolu_1')],
		});
		expect(message(reply)).toMatch(
			/^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/,
		);
	});
});
