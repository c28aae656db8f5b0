import { PartialAnswerError } from '../../../nodes/engine/call/partial-answer-error';
import { cacheKeyOf } from '../../../nodes/engine/chat/response-cache';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { ToolCallDelta } from '../../../nodes/engine/providers/provider-adapter';
import { estimatePromptTokens } from '../../../nodes/engine/request/estimate-tokens';
import type {
	ToolDefinition,
	UnifiedChatRequest,
} from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { recordedOpenAiStream } from '../../fixtures/recorded';
import { forModel } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

/** How tools shape routing: who may answer, which strategies can choose, what the cache and the estimate see. */

const mock = useMockProvider();

const TOOL: ToolDefinition = {
	type: 'function',
	function: {
		name: 'lookup',
		description: 'Looks a term up in the company glossary',
		parameters: { type: 'object', properties: { term: { type: 'string' } }, required: ['term'] },
	},
};

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-tool-routing-0123456789' },
	ollama: { baseUrl: `${mock.server.url}/ollama/v1` },
});

const withTools = (model: UnifiedChatRequest['model'], extra: Partial<UnifiedChatRequest> = {}) =>
	({
		model,
		messages: [{ role: 'user', content: 'What does SLA mean?' }],
		tools: [TOOL],
		...extra,
	}) as UnifiedChatRequest;

const sentModels = () =>
	mock.server.requests.map((request) => (request.body as { model: string }).model);

describe('a model the catalog says cannot call tools', () => {
	it('is skipped with the reason, and the next model calls the tool', async () => {
		const output = await runChat(
			withTools(['ollama/gemma3', 'openai/gpt-4o']),
			settingsFor(connections()),
		);
		expect(output.fusion.attempts[0]).toEqual({
			model: 'ollama/gemma3',
			provider: 'ollama',
			status: 'skipped',
			reason: 'ollama/gemma3 cannot call tools (catalog, 2026-11)',
			latency_ms: 0,
		});
		expect(sentModels()).toEqual(['gpt-4o']);
		expect(output.choices[0].finish_reason).toBe('tool_calls');
	});

	it('is skipped for a conversation that has called tools, even with no tools offered now', async () => {
		const output = await runChat(
			{
				model: ['ollama/gemma3', 'openai/gpt-4o'],
				messages: [
					{ role: 'user', content: 'What does SLA mean?' },
					{
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: 'call_1',
								type: 'function',
								function: { name: 'lookup', arguments: '{"term":"SLA"}' },
							},
						],
					},
					{ role: 'tool', tool_call_id: 'call_1', content: 'service level agreement' },
				],
			},
			settingsFor(connections()),
		);
		expect(output.fusion.attempts.map((attempt) => attempt.status)).toEqual(['skipped', 'ok']);
		expect(output.choices[0].message.content).toBe(
			'Using the tool results: service level agreement',
		);
	});
});

describe('best_of with tools', () => {
	it.each(['consensus', 'longest', 'judge'] as const)(
		'refuses selection %s before any call, saying what works',
		async (selection) => {
			const failing = runChat(
				withTools({
					strategy: 'best_of',
					models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
					selection,
					...(selection === 'judge' ? { judge_model: 'openai/gpt-4o-mini' } : {}),
				}),
				settingsFor(connections()),
			);
			await expect(failing).rejects.toThrow(
				`model.selection "${selection}" cannot choose among tool calls: with tools, best_of takes only "fastest"`,
			);
			expect(mock.server.requests).toEqual([]);
		},
	);

	it('takes the fastest answer, and hands its call to a live client in one piece', async () => {
		const pieces: ToolCallDelta[] = [];
		const output = await runChat(
			withTools({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
				selection: 'fastest',
			}),
			settingsFor(connections(), { onToolCallDelta: (piece) => pieces.push(piece) }),
		);
		const [call] = output.choices[0].message.tool_calls ?? [];
		expect(call.function.name).toBe('lookup');
		expect(pieces).toEqual([
			{ index: 0, id: call.id, name: 'lookup', argumentsDelta: call.function.arguments },
		]);
	});
});

describe('the response cache with tools', () => {
	const credentials = ['openai:0123abcd'];
	const key = cacheKeyOf('wf:node', withTools('openai/gpt-4o'), credentials);

	it.each([
		[
			'another tool description',
			{ tools: [{ ...TOOL, function: { ...TOOL.function, description: 'Other' } }] },
		],
		['no tools', { tools: undefined }],
		['tool_choice', { tool_choice: 'required' }],
		['parallel_tool_calls', { parallel_tool_calls: false }],
	] as const)('keys a request with %s apart', (_name, extra) => {
		expect(
			cacheKeyOf(
				'wf:node',
				withTools('openai/gpt-4o', extra as Partial<UnifiedChatRequest>),
				credentials,
			),
		).not.toBe(key);
	});

	it('replays a cached tool call to a live client', async () => {
		const settings = settingsFor(connections(), {
			state: new MemoryFusionState(),
			cache: { ttlMs: 60_000, scope: 'wf:node' },
		});
		const first = await runChat(withTools('openai/gpt-4o'), settings);
		const pieces: ToolCallDelta[] = [];
		const again = await runChat(withTools('openai/gpt-4o'), {
			...settings,
			onToolCallDelta: (piece) => pieces.push(piece),
		});
		expect(again.fusion.cached).toBe(true);
		expect(again.choices[0].message.tool_calls).toEqual(first.choices[0].message.tool_calls);
		expect(pieces.map((piece) => piece.id)).toEqual([first.choices[0].message.tool_calls?.[0].id]);
		// The race of the test before may still be landing: only this model's calls count.
		expect(mock.server.requestsTo(forModel('gpt-4o'))).toHaveLength(1);
	});
});

describe('a streamed tool call that breaks off', () => {
	it('ends the item once a piece reached the live client: no other model is asked', async () => {
		// The recorded xAI stream, cut before its usage and [DONE]: the call has arrived, the answer has not ended.
		mock.server.reply(forModel('gpt-4o'), {
			sse: recordedOpenAiStream('xai-tool-call'),
			cutAfterEvents: 7,
			eventDelayMs: 10,
		});
		const pieces: ToolCallDelta[] = [];
		const failure = await runChat(
			withTools(['openai/gpt-4o', 'openai/gpt-4o-mini'], { stream: true }),
			settingsFor(connections(), {
				onToolCallDelta: (piece) => pieces.push(piece),
				retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
			}),
		).catch((error: unknown) => error);
		expect(pieces.map((piece) => piece.id)).toEqual(['call_55117580']);
		expect(failure).toBeInstanceOf(PartialAnswerError);
		expect((failure as Error).message).toMatch(
			/^The answer from openai\/gpt-4o broke off after part of a tool call had already been streamed/,
		);
		expect(mock.server.requestsTo(forModel('gpt-4o-mini'))).toEqual([]);
	});
});

describe('the token estimate', () => {
	it('counts the tool definitions the model reads', () => {
		const plain = estimatePromptTokens({ messages: withTools('openai/gpt-4o').messages });
		const withDefinitions = estimatePromptTokens(withTools('openai/gpt-4o'));
		expect(withDefinitions - plain).toBe(Math.ceil(JSON.stringify([TOOL]).length / 4));
	});
});
