import { openAiSchemaValidator, schemaErrors } from '../fixtures/openapi/openai-schemas';
import type { RecordedRequest, SseEvent } from './mock-provider-server';
import { simulateProviderReply } from './provider-simulator';

/**
 * The OpenAI and Mistral wires in a tool conversation: a call while no result is back, streamed in pieces by
 * index or whole; an answer with the results after; the APIs' refusals of a malformed tool turn; and OpenAI's
 * own document as the oracle for what the mock answers.
 */

const TOOL = {
	type: 'function',
	function: {
		name: 'lookup',
		parameters: { type: 'object', properties: { term: { type: 'string' } }, required: ['term'] },
	},
};
const ASK = { role: 'user', content: 'Look it up' };

const post = (path: string, body: Record<string, unknown>): RecordedRequest =>
	({
		method: 'POST',
		path,
		headers: {},
		body: { model: 'm', ...body },
	}) as unknown as RecordedRequest;
const openAi = (body: Record<string, unknown>) =>
	simulateProviderReply(post('/v1/chat/completions', body));
const mistral = (body: Record<string, unknown>) =>
	simulateProviderReply(post('/mistral/v1/chat/completions', body));

const callTurn = (id: string) => ({
	role: 'assistant',
	content: null,
	tool_calls: [{ id, type: 'function', function: { name: 'lookup', arguments: '{"term":"x"}' } }],
});

const sseChunks = (reply: unknown) =>
	(reply as { sse: SseEvent[] }).sse
		.map((event) => event.data)
		.filter((data) => data !== '[DONE]')
		.map((data) => JSON.parse(data) as Record<string, unknown>);

describe('a model offered tools', () => {
	it('calls the first one with arguments that fit its schema, a valid CreateChatCompletionResponse', () => {
		const reply = openAi({ messages: [ASK], tools: [TOOL] }) as { json: Record<string, unknown> };
		expect(reply.json).toMatchObject({
			choices: [
				{
					finish_reason: 'tool_calls',
					message: {
						content: null,
						tool_calls: [{ id: 'call_sim_lookup', type: 'function', function: { name: 'lookup' } }],
					},
				},
			],
		});
		expect(schemaErrors(openAiSchemaValidator('CreateChatCompletionResponse'), reply.json)).toEqual(
			[],
		);
	});

	it('streams the call in pieces by index, id and name first, each a valid CreateChatCompletionStreamResponse', () => {
		const chunks = sseChunks(openAi({ messages: [ASK], tools: [TOOL], stream: true }));
		const validate = openAiSchemaValidator('CreateChatCompletionStreamResponse');
		for (const chunk of chunks) expect(schemaErrors(validate, chunk)).toEqual([]);
		const pieces = chunks.flatMap(
			(chunk) =>
				(chunk.choices as Array<{ delta: { tool_calls?: Array<Record<string, unknown>> } }>)[0]
					?.delta.tool_calls ?? [],
		);
		expect(pieces.length).toBeGreaterThan(2);
		expect(pieces[0]).toMatchObject({
			index: 0,
			id: 'call_sim_lookup',
			function: { name: 'lookup', arguments: '' },
		});
		expect(pieces.slice(1).every((piece) => piece.index === 0 && piece.id === undefined)).toBe(
			true,
		);
		const text = pieces
			.map((piece) => (piece.function as { arguments: string }).arguments)
			.join('');
		expect(JSON.parse(text)).toEqual({ term: expect.any(String) });
	});

	it('calls the tool tool_choice names, and none with tool_choice "none"', () => {
		const other = { type: 'function', function: { name: 'other' } };
		const named = openAi({
			messages: [ASK],
			tools: [TOOL, other],
			tool_choice: { type: 'function', function: { name: 'other' } },
		});
		expect(named).toHaveProperty('json.choices.0.message.tool_calls.0.function.name', 'other');
		const none = openAi({ messages: [ASK], tools: [TOOL], tool_choice: 'none' });
		expect(none).toHaveProperty('json.choices.0.finish_reason', 'stop');
	});

	it('answers with the results once they are back', () => {
		const reply = openAi({
			messages: [
				ASK,
				callTurn('call_1'),
				{ role: 'tool', tool_call_id: 'call_1', content: 'found: 42' },
			],
			tools: [TOOL],
		});
		expect(reply).toHaveProperty(
			'json.choices.0.message.content',
			'Using the tool results: found: 42',
		);
	});

	it('Mistral: nine-character ids, no content beside the call, pieces with an empty name as recorded', () => {
		expect(mistral({ messages: [ASK], tools: [TOOL], tool_choice: 'any' })).toMatchObject({
			json: {
				choices: [{ message: { tool_calls: [{ id: 'simlookup', function: { name: 'lookup' } }] } }],
			},
		});
		const chunks = sseChunks(mistral({ messages: [ASK], tools: [TOOL], stream: true }));
		expect(chunks.at(-1)).toHaveProperty('usage');
		expect(chunks.at(-1)).toHaveProperty('choices.0.finish_reason', 'tool_calls');
		expect(chunks[2]).toHaveProperty('choices.0.delta.tool_calls.0.function.name', '');
	});
});

describe('a malformed tool turn', () => {
	const openAiError = (body: Record<string, unknown>) =>
		openAi(body) as { status: number; json: { error: { message: string; type: string } } };
	const mistralError = (body: Record<string, unknown>) =>
		mistral(body) as { status: number; json: { object: string; message: string } };

	it.each([
		[
			'a tool message with no call before it',
			[ASK, { role: 'tool', tool_call_id: 'call_1', content: 'r' }],
			"messages with role 'tool' must be a response to a preceeding message with 'tool_calls'",
		],
		[
			'a result for another call',
			[ASK, callTurn('call_1'), { role: 'tool', tool_call_id: 'call_2', content: 'r' }],
			"'tool_call_id' of 'call_2' not found in 'tool_calls' of previous message",
		],
		[
			'a call left without its result',
			[ASK, callTurn('call_1'), { role: 'user', content: 'and?' }],
			'The following tool_call_ids did not have response messages: call_1',
		],
	])('OpenAI refuses %s with a 400 in its error body', (_name, messages, words) => {
		const reply = openAiError({ messages, tools: [TOOL] });
		expect(reply.status).toBe(400);
		expect(reply.json.error).toMatchObject({
			type: 'invalid_request_error',
			message: expect.stringContaining(words),
		});
	});

	it('OpenAI refuses Mistral\'s "any" for tool_choice', () => {
		const reply = openAiError({ messages: [ASK], tools: [TOOL], tool_choice: 'any' });
		expect(reply.status).toBe(400);
		expect(reply.json.error.message).toContain("Invalid value: 'any'");
	});

	it('Mistral refuses an id that is not nine letters or digits, in its own words', () => {
		const reply = mistralError({
			messages: [ASK, callTurn('call_1'), { role: 'tool', tool_call_id: 'call_1', content: 'r' }],
			tools: [TOOL],
		});
		expect(reply.status).toBe(400);
		expect(reply.json).toMatchObject({
			object: 'error',
			message: 'Tool call id was call_1 but must be a-z, A-Z, 0-9, with a length of 9.',
		});
	});
});
