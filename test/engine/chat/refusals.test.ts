import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-refusal-test-0123456789' },
	anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-refusal-test-0123456789' },
	google: { baseUrl: mock.server.url, apiKey: 'AIza-refusal-test-0123456789' },
});

const ask = (model: UnifiedChatRequest['model'], stream = false): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'Something unsafe' }],
	stream,
});

const OPENAI_REFUSAL = "I'm sorry, but I can't help with that.";
const usage = { prompt_tokens: 9, completion_tokens: 10, total_tokens: 19 };

/** How each provider says no, as its API sends it. */
const REFUSALS = [
	{
		name: "OpenAI's refusal",
		model: 'openai/gpt-4o',
		path: '/v1/chat/completions',
		reply: {
			json: {
				id: 'chatcmpl-1',
				object: 'chat.completion',
				created: 1,
				model: 'gpt-4o',
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: null, refusal: OPENAI_REFUSAL },
						finish_reason: 'stop',
					},
				],
				usage,
			},
		},
		refusal: OPENAI_REFUSAL,
	},
	{
		name: "Anthropic's stop_reason refusal",
		model: 'anthropic/claude-sonnet-4-5',
		path: '/v1/messages',
		reply: {
			json: {
				id: 'msg_1',
				type: 'message',
				role: 'assistant',
				model: 'claude-sonnet-4-5',
				content: [],
				stop_reason: 'refusal',
				stop_sequence: null,
				usage: { input_tokens: 9, output_tokens: 0 },
			},
		},
		refusal: 'Anthropic declined to answer (finish_reason content_filter)',
	},
	{
		name: "Gemini's blocked prompt",
		model: 'google/gemini-2.5-flash',
		path: ':generateContent',
		reply: {
			json: {
				promptFeedback: { blockReason: 'SAFETY' },
				usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
			},
		},
		refusal: 'Gemini blocked the prompt (blockReason SAFETY)',
	},
	{
		name: "Gemini's SAFETY finish",
		model: 'google/gemini-2.5-flash',
		path: ':generateContent',
		reply: {
			json: {
				candidates: [{ finishReason: 'SAFETY', index: 0 }],
				usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
			},
		},
		refusal: 'Gemini stopped the answer (finishReason SAFETY)',
	},
];

describe('refusals and safety blocks', () => {
	it.each(REFUSALS)(
		'$name is a content_filter outcome that fails over to the next model, once',
		async ({ model, path, reply, refusal }) => {
			mock.server.reply(path, reply);
			const output = await runChat(ask([model, 'openai/gpt-4o-mini']), settingsFor(connections()));
			expect(output.model).toBe('openai/gpt-4o-mini');
			expect(output.fusion.attempts.map((attempt) => [attempt.model, attempt.status])).toEqual([
				[model, 'error'],
				['openai/gpt-4o-mini', 'ok'],
			]);
			expect(output.fusion.attempts[0].error).toEqual({
				type: 'content_filter',
				message: expect.stringContaining(`refused: ${refusal}`),
			});
			// The refusal, not retried, then the next model's answer.
			expect(mock.server.requests).toHaveLength(2);
		},
	);

	it.each(REFUSALS)(
		'$name is the answer, its words kept, when failing over on refusals is off',
		async ({ model, path, reply, refusal }) => {
			mock.server.reply(path, reply);
			const output = await runChat(
				ask([model, 'openai/gpt-4o-mini']),
				settingsFor(connections(), { failOverOnRefusal: false }),
			);
			expect(output.model).toBe(model);
			expect(output.choices[0]).toEqual({
				index: 0,
				message: { role: 'assistant', content: null, refusal },
				logprobs: null,
				finish_reason: 'content_filter',
			});
			expect(output.fusion.attempts).toEqual([expect.objectContaining({ model, status: 'ok' })]);
		},
	);

	it('never counts against the model: no cool-down and no lower success rate after many refusals', async () => {
		const refusal = REFUSALS[0];
		const state = new MemoryFusionState();
		const settings = settingsFor(connections(), {
			state,
			health: { failuresBeforeCooldown: 2, cooldownMs: 60_000 },
		});
		for (let item = 0; item < 5; item++) {
			mock.server.reply(refusal.path, refusal.reply);
			const output = await runChat(ask([refusal.model, 'anthropic/claude-3-opus']), settings);
			expect(output.fusion.attempts[0]).toMatchObject({
				model: refusal.model,
				status: 'error',
				error: { type: 'content_filter' },
			});
		}
		const observed = await state.observedModels();
		expect(observed.get(refusal.model)).toBeUndefined();
		expect(observed.get('anthropic/claude-3-opus')).toMatchObject({ successRate: 1, calls: 5 });
	});

	it('keeps a streamed refusal away from a live client and fails over before any text was sent', async () => {
		const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
			data: JSON.stringify({
				id: 'c',
				object: 'chat.completion.chunk',
				created: 1,
				model: 'gpt-4o',
				choices: [{ index: 0, delta, finish_reason: finish }],
			}),
		});
		mock.server.reply('/v1/chat/completions', {
			sse: [
				chunk({ role: 'assistant', content: null, refusal: '' }),
				chunk({ refusal: "I can't " }),
				chunk({ refusal: 'help with that.' }),
				chunk({}, 'stop'),
				{ data: '[DONE]' },
			],
		});
		const deltas: string[] = [];
		const output = await runChat(
			ask(['openai/gpt-4o', 'anthropic/claude-3-opus'], true),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		expect(output.fusion.attempts[0].error).toEqual({
			type: 'content_filter',
			message: "OpenAI refused: I can't help with that.",
		});
		expect(output.model).toBe('anthropic/claude-3-opus');
		expect(deltas.join('')).toBe('[claude-3-opus-20240229] answer to: Something unsafe');
	});
});
