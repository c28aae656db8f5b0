import type { Message, StreamChunk } from '@n8n/ai-node-sdk';
import {
	PartialAnswerError,
	type ChatCompletionOutput,
	type ChatSettings,
} from '../../../nodes/engine';
import { EngineChatModel } from '../../../nodes/FusionChatModel/model/engine-chat-model';
import { addTool, addToolAsFunction } from './add-tool';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../../engine/chat/engine-settings';
import { recordedChunks, recordedSseEvents } from '../../fixtures/recorded';

type OpenAiChunk = { choices: Array<{ delta?: { content?: string } }> };

const mock = useMockProvider();
const noRetries = { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } };

function modelFor(
	model: unknown,
	overrides: Partial<ChatSettings> = {},
	answers: ChatCompletionOutput[] = [],
): EngineChatModel {
	const settings = settingsFor(
		{ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-model-test-0123456789' } },
		{ ...noRetries, ...overrides },
	);
	return new EngineChatModel(
		{ template: { model, max_tokens: 50 }, settings, onAnswer: (output) => answers.push(output) },
		'test-model',
	);
}

const question: Message[] = [
	{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
	{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] },
];

/** The conversation after the model asked for `add`: its call, then the tool's result. */
function withToolResult(call: { id: string; input: string }): Message[] {
	return [
		...question,
		{
			role: 'assistant',
			content: [{ type: 'tool-call', toolCallId: call.id, toolName: 'add', input: call.input }],
		},
		{ role: 'tool', content: [{ type: 'tool-result', toolCallId: call.id, result: '5' }] },
	];
}

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
	const chunks: StreamChunk[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return chunks;
}

describe('EngineChatModel.generate', () => {
	it('fails over from a 503 to the next model and reports usage and the attempts', async () => {
		const answers: ChatCompletionOutput[] = [];
		const model = modelFor(['openai/gpt-4o-sim-fail-503', 'openai/gpt-4o-mini'], {}, answers);
		const result = await model.generate(question);

		expect(result.message).toEqual({
			role: 'assistant',
			id: 'chatcmpl-sim',
			content: [{ type: 'text', text: '[gpt-4o-mini] answer to: Say hello' }],
		});
		expect(result.finishReason).toBe('stop');
		expect(result.usage?.promptTokens).toBeGreaterThan(0);
		expect(result.usage?.totalTokens).toBe(
			(result.usage?.promptTokens ?? 0) + (result.usage?.completionTokens ?? 0),
		);
		const fusion = (result.providerMetadata as { fusion: ChatCompletionOutput['fusion'] }).fusion;
		expect(fusion.attempts.map((attempt) => [attempt.model, attempt.status])).toEqual([
			['openai/gpt-4o-sim-fail-503', 'error'],
			['openai/gpt-4o-mini', 'ok'],
		]);
		expect(answers).toHaveLength(1);

		const sent = mock.server.requestsTo('/v1/chat/completions').map((request) => request.body);
		expect(sent).toHaveLength(2);
		expect(sent[1]).toMatchObject({
			model: 'gpt-4o-mini',
			max_completion_tokens: 50,
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: 'Say hello' },
			],
		});
	});

	it('takes the per-call settings the agent passes over the node parameters', async () => {
		await modelFor('openai/gpt-4o-mini').generate(question, {
			maxTokens: 7,
			temperature: 0.2,
			stopSequences: ['END'],
		});
		const [sent] = mock.server.requestsTo('/v1/chat/completions');
		expect(sent.body).toMatchObject({
			max_completion_tokens: 7,
			temperature: 0.2,
			stop: ['END'],
		});
	});

	it('refuses a conversation the engine cannot send, naming the field, and calls no provider', async () => {
		const model = modelFor('openai/gpt-4o-mini');
		await expect(
			model.generate([
				{ role: 'user', content: [{ type: 'text', text: 'Hi' }] },
				{
					role: 'assistant',
					content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'x', input: 'not json' }],
				},
			]),
		).rejects.toThrow(/messages\[1\]\.tool_calls\[0\]\.function\.arguments/);
		expect(mock.server.requests).toHaveLength(0);
	});

	it('stops the call when the agent cancels', async () => {
		const cancel = new AbortController();
		const call = modelFor('openai/gpt-4o-mini-sim-slow-5000').generate(question, {
			signal: cancel.signal,
		} as never);
		setTimeout(() => cancel.abort(), 100);
		const started = Date.now();
		await expect(call).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(3_000);
	});
});

describe('EngineChatModel.stream', () => {
	it('passes text on as the provider sends it, then the finish with usage', async () => {
		const model = modelFor('openai/gpt-4o-mini-sim-drip-30');
		const arrivals: number[] = [];
		const chunks: StreamChunk[] = [];
		for await (const chunk of model.stream(question)) {
			arrivals.push(Date.now());
			chunks.push(chunk);
		}
		const deltas = chunks.filter((chunk) => chunk.type === 'text-delta');
		expect(deltas.length).toBeGreaterThan(2);
		expect(deltas.map((chunk) => chunk.delta).join('')).toBe(
			'[gpt-4o-mini-sim-drip-30] answer to: Say hello',
		);
		// The first piece arrived well before the last: it was not held back until the answer was complete.
		expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(60);
		const finish = chunks[chunks.length - 1];
		expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
		expect(finish.type === 'finish' && finish.usage?.completionTokens).toBeGreaterThan(0);
		const [sent] = mock.server.requestsTo('/v1/chat/completions');
		expect(sent.body).toMatchObject({ stream: true });
	});

	it('fails over before any text has reached the agent', async () => {
		const chunks = await collect(
			modelFor(['openai/gpt-4o-sim-fail-500', 'openai/gpt-4o-mini']).stream(question),
		);
		expect(
			chunks
				.filter((chunk) => chunk.type === 'text-delta')
				.map((chunk) => chunk.delta)
				.join(''),
		).toBe('[gpt-4o-mini] answer to: Say hello');
	});

	it('asks no other model once text has reached the agent: a cut stream ends the call', async () => {
		mock.server.reply((request) => (request.body as { model?: string }).model === 'gpt-4o', {
			sse: recordedSseEvents('openai'),
			cutAfterEvents: 4,
			eventDelayMs: 10,
		});
		const recordedText = recordedChunks('openai')
			.slice(0, 4)
			.map((line) => (JSON.parse(line) as OpenAiChunk).choices[0]?.delta?.content ?? '')
			.join('');
		const received: string[] = [];
		await expect(
			(async () => {
				for await (const chunk of modelFor(['openai/gpt-4o', 'openai/gpt-4o-mini']).stream(
					question,
				))
					if (chunk.type === 'text-delta') received.push(chunk.delta);
			})(),
		).rejects.toBeInstanceOf(PartialAnswerError);
		// What was read before the cut; the piece in flight when the socket closed may be lost.
		expect(received.join('')).not.toBe('');
		expect(recordedText.startsWith(received.join(''))).toBe(true);
		expect(
			mock.server.requests.map((request) => (request.body as { model: string }).model),
		).toEqual(['gpt-4o']);
	});
});

describe("EngineChatModel with the agent's tools", () => {
	it('sends the tools, gives the tool call back, then answers from the tool result', async () => {
		const model = modelFor('openai/gpt-4o-mini').withTools([addTool]);
		const first = await model.generate(question);
		expect(first.finishReason).toBe('tool-calls');
		const [call] = first.message.content;
		expect(call).toMatchObject({ type: 'tool-call', toolName: 'add' });
		if (call.type !== 'tool-call') throw new Error('no tool call');
		expect(call.toolCallId).toEqual(expect.any(String));
		expect(JSON.parse(call.input)).toEqual({ a: expect.any(Number), b: expect.any(Number) });

		const second = await model.generate(
			withToolResult({ id: call.toolCallId ?? '', input: call.input }),
		);
		expect(second.finishReason).toBe('stop');
		expect(second.message.content).toEqual([{ type: 'text', text: 'Using the tool results: 5' }]);

		const [firstTurn, secondTurn] = mock.server
			.requestsTo('/v1/chat/completions')
			.map((request) => request.body as Record<string, unknown>);
		expect(firstTurn.tools).toEqual([addToolAsFunction]);
		expect(secondTurn.messages).toEqual([
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Say hello' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: call.toolCallId,
						type: 'function',
						function: { name: 'add', arguments: call.input },
					},
				],
			},
			{ role: 'tool', tool_call_id: call.toolCallId, content: '5' },
		]);
	});

	it("streams a tool call in pieces that each carry the call's id and name", async () => {
		const chunks = await collect(
			modelFor('openai/gpt-4o-mini').withTools([addTool]).stream(question),
		);
		const pieces = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
		expect(pieces.length).toBeGreaterThan(0);
		const [firstPiece] = pieces;
		if (firstPiece.type !== 'tool-call-delta') throw new Error('no tool-call piece');
		for (const piece of pieces) expect(piece).toMatchObject({ id: firstPiece.id, name: 'add' });
		const argumentsText = pieces
			.map((piece) => (piece.type === 'tool-call-delta' ? (piece.argumentsDelta ?? '') : ''))
			.join('');
		expect(JSON.parse(argumentsText)).toEqual({ a: expect.any(Number), b: expect.any(Number) });
		expect(chunks[chunks.length - 1]).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
		expect(mock.server.requests[0].body).toMatchObject({
			stream: true,
			tools: [expect.anything()],
		});
	});
});
