import { runChat } from '../../../nodes/engine/chat/run-chat';
import { BudgetExceededError, SpendBudget } from '../../../nodes/engine/chat/spend-budget';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import type { ModelSpec, UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { credentialKeyOf } from '../../../nodes/engine/providers/credential-key';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import {
	forModel,
	MockProviderServer,
	type MockReply,
} from '../../mock-provider/mock-provider-server';
import { settingsFor } from '../chat/engine-settings';
import { answer, costOf } from './scripted-answers';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const connections = () => ({
	openai: { baseUrl: `${server.url}/v1`, apiKey: 'sk-strategy-test-0123456789' },
	anthropic: { baseUrl: server.url, apiKey: 'sk-ant-strategy-test-0123456789' },
});

const ask = (model: ModelSpec, extra: Partial<UnifiedChatRequest> = {}): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'What is the capital of France?' }],
	...extra,
});

const serverError: MockReply = { status: 500, json: { error: { message: 'boom' } } };
const noRetries = { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } };

describe('best_of', () => {
	it('asks three 700 ms candidates in parallel, in well under 1.4 s, and keeps the longest', async () => {
		server.reply(forModel('gpt-4o'), answer('Paris.', 700));
		server.reply(forModel('gpt-4o-mini'), answer('The capital of France is Paris.', 700));
		server.reply(forModel('gpt-4.1'), answer('Paris is the capital.', 700));
		const started = Date.now();
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1'],
				selection: 'longest',
			}),
			settingsFor(connections()),
		);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(690);
		expect(elapsed).toBeLessThan(1_200);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.choices[0].message.content).toBe('The capital of France is Paris.');
		expect(output.fusion.strategy).toBe('best_of');
		expect(output.fusion.selection).toBe('longest');
		expect(
			output.fusion.candidates?.map((candidate) => [
				candidate.model,
				candidate.content,
				candidate.score,
			]),
		).toEqual([
			['openai/gpt-4o', 'Paris.', 6],
			['openai/gpt-4o-mini', 'The capital of France is Paris.', 31],
			['openai/gpt-4.1', 'Paris is the capital.', 21],
		]);
		for (const candidate of output.fusion.candidates ?? [])
			expect(candidate.latency_ms).toBeGreaterThanOrEqual(690);
		expect(output.fusion.cost_usd).toBeCloseTo(
			costOf(0.0025, 0.01) + costOf(0.00015, 0.0006) + costOf(0.002, 0.008),
			10,
		);
	});

	it('keeps the shortest', async () => {
		server.reply(forModel('gpt-4o'), answer('Paris.'));
		server.reply(forModel('gpt-4o-mini'), answer('The capital of France is Paris.'));
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
				selection: 'shortest',
			}),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.content).toBe('Paris.');
	});

	it('keeps the consensus answer: the one closest to all the others', async () => {
		server.reply(forModel('gpt-4o'), answer('Lyon is the capital of France.'));
		server.reply(forModel('gpt-4o-mini'), answer('The capital of France is Paris.'));
		server.reply(forModel('gpt-4.1'), answer('Paris is the capital of France, of course.'));
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1'],
			}),
			settingsFor(connections()),
		);
		expect(output.fusion.selection).toBe('consensus');
		expect(output.model).toBe('openai/gpt-4o-mini');
	});

	it('lets a judge model pick, shows it the numbered answers, and adds its cost', async () => {
		server.reply(forModel('gpt-4o'), answer('Lyon.'));
		server.reply(forModel('gpt-4o-mini'), answer('Paris.'));
		server.reply(forModel('gpt-4.1'), answer('2'));
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
				selection: 'judge',
				judge_model: 'openai/gpt-4.1',
			}),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.content).toBe('Paris.');
		expect(output.fusion.selection).toBe('judge openai/gpt-4.1');
		expect(output.fusion.candidates?.map((candidate) => candidate.score)).toEqual([0, 1]);
		const judgeRequest = server.requestsTo(forModel('gpt-4.1'))[0].body as {
			messages: Array<{ content: string }>;
		};
		expect(judgeRequest.messages[1].content).toContain('What is the capital of France?');
		expect(judgeRequest.messages[1].content).toContain('Answer 1:\nLyon.\n\nAnswer 2:\nParis.');
		expect(output.fusion.cost_usd).toBeCloseTo(
			costOf(0.0025, 0.01) + costOf(0.00015, 0.0006) + costOf(0.002, 0.008),
			10,
		);
		expect(output.fusion.attempts.map((attempt) => attempt.model).sort()).toEqual([
			'openai/gpt-4.1',
			'openai/gpt-4o',
			'openai/gpt-4o-mini',
		]);
		// The judge's call is marked as the judge's: it is no candidate's answer.
		expect(output.fusion.attempts.map((attempt) => [attempt.model, attempt.role])).toEqual([
			['openai/gpt-4o', undefined],
			['openai/gpt-4o-mini', undefined],
			['openai/gpt-4.1', 'judge'],
		]);
	});

	it('falls back to consensus when the judge gives no usable verdict, and says so', async () => {
		server.reply(forModel('gpt-4o'), answer('Paris, France.'));
		server.reply(forModel('gpt-4o-mini'), answer('Paris.'));
		server.reply(forModel('gpt-4.1'), answer('Both answers 1 and 2 are fine.'));
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
				judge_model: 'openai/gpt-4.1',
			}),
			settingsFor(connections()),
		);
		expect(output.fusion.selection).toBe('consensus (judge verdict unusable)');
		expect(output.fusion.warnings).toEqual([
			expect.stringMatching(
				/^best_of judge: verdict "Both answers 1 and 2 are fine\." names no single answer/,
			),
		]);
	});

	it('fastest: the first good answer wins and the slower calls are aborted at once', async () => {
		server.reply(forModel('gpt-4o'), answer('slow', 3_000));
		server.reply(forModel('gpt-4o-mini'), answer('fast', 100));
		server.reply(forModel('gpt-4.1'), answer('slow too', 3_000));
		const started = Date.now();
		const output = await runChat(
			ask({
				strategy: 'best_of',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1'],
				selection: 'fastest',
			}),
			settingsFor(connections()),
		);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(output.choices[0].message.content).toBe('fast');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(server.requestsTo(forModel('gpt-4o'))[0].abortedByClient).toBe(true);
		expect(server.requestsTo(forModel('gpt-4.1'))[0].abortedByClient).toBe(true);
		const stopped = output.fusion.attempts.filter((attempt) => attempt.status === 'cancelled');
		expect(stopped.map((attempt) => [attempt.reason, attempt.error])).toEqual([
			['another model answered first', undefined],
			['another model answered first', undefined],
		]);
	});

	it('ignores a failed candidate and still answers with the others', async () => {
		server.reply(forModel('gpt-4o'), serverError);
		server.reply(forModel('gpt-4o-mini'), answer('Paris.'));
		const output = await runChat(
			ask({ strategy: 'best_of', models: ['openai/gpt-4o', 'openai/gpt-4o-mini'] }),
			settingsFor(connections(), noRetries),
		);
		expect(output.choices[0].message.content).toBe('Paris.');
		expect(output.fusion.candidates?.[0]).toMatchObject({
			model: 'openai/gpt-4o',
			status: 'error',
			content: null,
		});
	});
});

describe('fallback with hedge_after_ms', () => {
	it('starts the backup when a 4 s primary is still silent and answers in well under 1 s', async () => {
		server.reply(forModel('gpt-4o'), answer('primary', 4_000));
		server.reply(forModel('claude-3-opus-20240229'), {
			json: {
				id: 'msg_1',
				type: 'message',
				role: 'assistant',
				model: 'claude-3-opus-20240229',
				content: [{ type: 'text', text: 'backup' }],
				stop_reason: 'end_turn',
				usage: { input_tokens: 5, output_tokens: 2 },
			},
		});
		const started = Date.now();
		const output = await runChat(
			ask({
				strategy: 'fallback',
				models: ['openai/gpt-4o', 'anthropic/claude-3-opus'],
				hedge_after_ms: 200,
			}),
			settingsFor(connections()),
		);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(190);
		expect(elapsed).toBeLessThan(1_000);
		expect(output.choices[0].message.content).toBe('backup');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(server.requestsTo(forModel('gpt-4o'))[0].abortedByClient).toBe(true);
		// In the order the calls started: the aborted primary first.
		expect(
			output.fusion.attempts.map((attempt) => [
				attempt.model,
				attempt.status,
				attempt.reason ?? attempt.error?.message,
			]),
		).toEqual([
			['openai/gpt-4o', 'cancelled', 'another model answered first'],
			['anthropic/claude-3-opus', 'ok', undefined],
		]);
	});

	it('does not start the backup when the primary answers in time', async () => {
		server.reply(forModel('gpt-4o'), answer('primary', 50));
		const output = await runChat(
			ask({
				strategy: 'fallback',
				models: ['openai/gpt-4o', 'anthropic/claude-3-opus'],
				hedge_after_ms: 500,
			}),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.content).toBe('primary');
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});

	it('moves on at once when the primary fails before the delay', async () => {
		server.reply(forModel('gpt-4o'), serverError);
		server.reply(forModel('gpt-4o-mini'), answer('second'));
		const started = Date.now();
		const output = await runChat(
			ask({
				strategy: 'fallback',
				models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
				hedge_after_ms: 2_000,
			}),
			settingsFor(connections(), noRetries),
		);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(output.choices[0].message.content).toBe('second');
	});
});

describe('round_robin', () => {
	it('cycles over the candidates across items, 6/4 for weights 0.6/0.4 over 10 requests', async () => {
		const settings = settingsFor(connections());
		const spec: ModelSpec = {
			strategy: 'round_robin',
			models: [
				{ id: 'openai/gpt-4o', weight: 0.6 },
				{ id: 'openai/gpt-4o-mini', weight: 0.4 },
			],
		};
		const models: string[] = [];
		for (let item = 0; item < 10; item++) models.push((await runChat(ask(spec), settings)).model);
		expect(models.filter((model) => model === 'openai/gpt-4o')).toHaveLength(6);
		expect(models.filter((model) => model === 'openai/gpt-4o-mini')).toHaveLength(4);
		expect(server.requests).toHaveLength(10);
	});

	it('falls through to the next candidate when the chosen one fails', async () => {
		server.reply(forModel('gpt-4o'), serverError);
		const output = await runChat(
			ask({ strategy: 'round_robin', models: ['openai/gpt-4o', 'openai/gpt-4o-mini'] }),
			settingsFor(connections(), noRetries),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.fusion.strategy).toBe('round_robin');
	});
});

describe('weighted', () => {
	it('starts with the candidate the random draw falls on, in proportion to weight', async () => {
		const spec: ModelSpec = {
			strategy: 'weighted',
			models: [
				{ id: 'openai/gpt-4o', weight: 1 },
				{ id: 'openai/gpt-4o-mini', weight: 3 },
			],
		};
		expect(
			(await runChat(ask(spec), settingsFor(connections(), { random: () => 0.1 }))).model,
		).toBe('openai/gpt-4o');
		expect(
			(await runChat(ask(spec), settingsFor(connections(), { random: () => 0.9 }))).model,
		).toBe('openai/gpt-4o-mini');
	});
});

describe('cost_optimized', () => {
	it('asks the cheapest model for this request first and fails over in price order', async () => {
		server.reply(forModel('gpt-4o-mini'), serverError);
		const output = await runChat(
			ask({
				strategy: 'cost_optimized',
				models: ['anthropic/claude-3-opus', 'openai/gpt-4o', 'openai/gpt-4o-mini'],
			}),
			settingsFor(connections(), noRetries),
		);
		expect(output.fusion.attempts.map((attempt) => [attempt.model, attempt.status])).toEqual([
			['openai/gpt-4o-mini', 'error'],
			['openai/gpt-4o', 'ok'],
		]);
	});
});

/** The key statistics are kept under for the tests' OpenAI credential, or for another user's. */
const openAiCredential = () => credentialKeyOf(providerById('openai'), connections().openai);
const someoneElsesCredential = () =>
	credentialKeyOf(providerById('openai'), {
		...connections().openai,
		apiKey: 'sk-someone-else-0123456789',
	});

describe('latency_optimized', () => {
	it('asks the model observed to be fastest in this process first', async () => {
		const state = new MemoryFusionState();
		await state.recordOutcome(openAiCredential(), 'openai/gpt-4o', { ok: true, latencyMs: 2_000 });
		await state.recordOutcome(openAiCredential(), 'openai/gpt-4o-mini', {
			ok: true,
			latencyMs: 150,
		});
		const output = await runChat(
			ask({ strategy: 'latency_optimized', models: ['openai/gpt-4o', 'openai/gpt-4o-mini'] }),
			settingsFor(connections(), { state }),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
	});

	it("goes by what the item's own credential observed, not another user's", async () => {
		const state = new MemoryFusionState();
		await state.recordOutcome(someoneElsesCredential(), 'openai/gpt-4o', {
			ok: true,
			latencyMs: 50,
		});
		const output = await runChat(
			ask({ strategy: 'latency_optimized', models: ['openai/gpt-4o', 'openai/gpt-4o-mini'] }),
			settingsFor(connections(), { state }),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
	});
});

describe('performance_based', () => {
	it("is not lowered by another user's failures with the same model", async () => {
		const state = new MemoryFusionState();
		// gpt-4o benchmarks above claude-3-opus; ten failures through someone else's broken proxy must not change that.
		for (let call = 0; call < 10; call++)
			await state.recordOutcome(someoneElsesCredential(), 'openai/gpt-4o', { ok: false });
		const output = await runChat(
			ask({ strategy: 'performance_based', models: ['anthropic/claude-3-opus', 'openai/gpt-4o'] }),
			settingsFor(connections(), { state }),
		);
		expect(output.model).toBe('openai/gpt-4o');
		expect((await state.readModels(openAiCredential())).get('openai/gpt-4o')).toMatchObject({
			calls: 1,
			successRate: 1,
		});
	});

	it('asks the highest-scoring model first', async () => {
		const state = new MemoryFusionState();
		for (let call = 0; call < 10; call++) {
			await state.recordOutcome(openAiCredential(), 'openai/gpt-4o', { ok: false });
			await state.recordOutcome(openAiCredential(), 'openai/gpt-4o-mini', {
				ok: true,
				latencyMs: 100,
			});
		}
		const output = await runChat(
			ask({ strategy: 'performance_based', models: ['openai/gpt-4o', 'openai/gpt-4o-mini'] }),
			settingsFor(connections(), {
				state,
				health: { failuresBeforeCooldown: 1_000, cooldownMs: 1 },
			}),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
	});
});

describe('constraints', () => {
	it('skips a candidate priced above max_cost_per_1k_tokens without calling it', async () => {
		const output = await runChat(
			ask({
				strategy: 'fallback',
				models: [
					{ id: 'anthropic/claude-3-opus', max_cost_per_1k_tokens: 0.01 },
					'openai/gpt-4o-mini',
				],
			}),
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.fusion.attempts[0]).toEqual({
			model: 'anthropic/claude-3-opus',
			provider: 'anthropic',
			status: 'skipped',
			reason: 'price 0.075 USD per 1K tokens is above max_cost_per_1k_tokens 0.01',
			latency_ms: 0,
		});
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});

	it('skips a candidate scoring below min_performance_score', async () => {
		const output = await runChat(
			ask({
				strategy: 'fallback',
				models: [{ id: 'openai/gpt-4o-mini', min_performance_score: 0.99 }, 'openai/gpt-4o'],
			}),
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'skipped',
			reason: expect.stringMatching(
				/^performance score 0\.\d+ is below min_performance_score 0\.99$/,
			),
		});
	});

	it('fails the item, listing the skips, when no candidate is allowed', async () => {
		const failure = await runChat(
			ask({
				strategy: 'fallback',
				models: [{ id: 'anthropic/claude-3-opus', max_cost_per_1k_tokens: 0.001 }],
			}),
			settingsFor(connections()),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		expect((failure as Error).message).toMatch(
			/anthropic\/claude-3-opus: skipped, price 0\.075 USD per 1K tokens is above max_cost_per_1k_tokens 0\.001/,
		);
		expect(server.requests).toHaveLength(0);
	});
});

describe('health', () => {
	it('cools a model down after repeated failures so later items skip it, and tries it again afterwards', async () => {
		const settings = settingsFor(connections(), {
			...noRetries,
			health: { failuresBeforeCooldown: 3, cooldownMs: 300 },
		});
		server.reply(forModel('gpt-4o'), serverError, serverError, serverError);
		const spec: ModelSpec = ['openai/gpt-4o', 'openai/gpt-4o-mini'];
		for (let item = 0; item < 3; item++)
			expect((await runChat(ask(spec), settings)).model).toBe('openai/gpt-4o-mini');
		const cooled = await runChat(ask(spec), settings);
		expect(cooled.fusion.attempts[0]).toMatchObject({
			model: 'openai/gpt-4o',
			status: 'skipped',
			reason: expect.stringMatching(/^cooling down after repeated failures/),
		});
		expect(server.requestsTo(forModel('gpt-4o'))).toHaveLength(3);
		await new Promise((resolve) => setTimeout(resolve, 350));
		const recovered = await runChat(ask(spec), settings);
		expect(recovered.model).toBe('openai/gpt-4o');
	});
});

describe('health is per credential', () => {
	it("does not cool a model down for one credential because of another credential's failures", async () => {
		const state = new MemoryFusionState();
		const failing = settingsFor(
			{ openai: { baseUrl: `${server.url}/failing/v1`, apiKey: 'sk-failing-0123456789' } },
			{ ...noRetries, state },
		);
		const healthy = settingsFor({ ...connections() }, { ...noRetries, state });
		server.reply('/failing/v1/chat/completions', serverError, serverError, serverError);
		for (let item = 0; item < 3; item++)
			await expect(runChat(ask('openai/gpt-4o'), failing)).rejects.toBeInstanceOf(
				AllModelsFailedError,
			);
		const cooled = await runChat(ask(['openai/gpt-4o', 'openai/gpt-4o-mini']), failing).catch(
			(error: unknown) => error,
		);
		expect(cooled).toMatchObject({ model: 'openai/gpt-4o-mini' });
		const other = await runChat(ask(['openai/gpt-4o', 'openai/gpt-4o-mini']), healthy);
		expect(other.model).toBe('openai/gpt-4o');
		expect(other.fusion.attempts).toHaveLength(1);
	});

	it('does not count rejected keys against the model', async () => {
		const settings = settingsFor(connections(), {
			...noRetries,
			health: { failuresBeforeCooldown: 1, cooldownMs: 60_000 },
		});
		server.reply(forModel('gpt-4o'), { status: 401, json: { error: { message: 'bad key' } } });
		await runChat(ask(['openai/gpt-4o', 'openai/gpt-4o-mini']), settings);
		const next = await runChat(ask(['openai/gpt-4o', 'openai/gpt-4o-mini']), settings);
		expect(next.model).toBe('openai/gpt-4o');
	});
});

describe('budget', () => {
	it('fails the items after the execution budget is spent', async () => {
		const budget = new SpendBudget(0.0005);
		const settings = settingsFor(connections(), { budget });
		server.reply(forModel('gpt-4o'), answer('first'));
		await runChat(ask('openai/gpt-4o'), settings);
		expect(budget.spentUsd).toBeCloseTo(costOf(0.0025, 0.01), 10);
		await expect(runChat(ask('openai/gpt-4o'), settings)).rejects.toBeInstanceOf(
			BudgetExceededError,
		);
		expect(server.requests).toHaveLength(1);
	});

	it('or, if asked, sends the remaining items to the cheapest candidate only', async () => {
		const budget = new SpendBudget(0, 'cheapest');
		const output = await runChat(
			ask(['anthropic/claude-3-opus', 'openai/gpt-4o-mini']),
			settingsFor(connections(), { budget }),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.fusion.warnings).toContain(
			"the execution's budget of $0 is spent: only the cheapest model, openai/gpt-4o-mini, was asked",
		);
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});
});

describe('soft failures', () => {
	it('treats an empty answer as a failure and fails over', async () => {
		server.reply(forModel('gpt-4o'), answer('   '));
		const output = await runChat(
			ask(['openai/gpt-4o', 'openai/gpt-4o-mini']),
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.fusion.attempts[0]).toMatchObject({
			status: 'error',
			error: {
				type: 'invalid_response',
				message: 'OpenAI answered with empty content (finish_reason stop)',
			},
		});
	});
});

describe('request checks', () => {
	it('requires a judge model for the judge selection', async () => {
		await expect(
			runChat(
				ask({ strategy: 'best_of', models: ['openai/gpt-4o'], selection: 'judge' }),
				settingsFor(connections()),
			),
		).rejects.toThrow('model.judge_model is required when model.selection is "judge"');
	});

	it('refuses hedge_after_ms outside fallback', async () => {
		await expect(
			runChat(
				ask({ strategy: 'round_robin', models: ['openai/gpt-4o'], hedge_after_ms: 100 }),
				settingsFor(connections()),
			),
		).rejects.toThrow('model.hedge_after_ms only applies to the "fallback" strategy');
	});
});
