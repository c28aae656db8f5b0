import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { credentialKeyOf } from '../../../nodes/engine/providers/credential-key';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import type { RateLimits } from '../../../nodes/engine/state/fusion-state';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { acquireRateLimit } from '../../../nodes/engine/transport/rate-limiter';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

describe('acquireRateLimit', () => {
	it('holds requests over the per-minute limit until the bucket refills', async () => {
		const state = new MemoryFusionState();
		const started = Date.now();
		for (let request = 0; request < 121; request++)
			expect(await acquireRateLimit(state, 'k', { requestsPerMinute: 120 }, 1)).toMatchObject({
				admitted: true,
			});
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(450);
		expect(elapsed).toBeLessThan(1_500);
	});

	/** Which of these acquisitions, made in this order, go through at once (within 100 ms). */
	async function immediate(
		state: MemoryFusionState,
		limitsInOrder: RateLimits[],
	): Promise<boolean[]> {
		const controller = new AbortController();
		const outcomes: boolean[] = [];
		for (const limits of limitsInOrder) {
			const acquired = acquireRateLimit(state, 'k', limits, 1, { signal: controller.signal }).then(
				(admission) => admission.admitted,
			);
			outcomes.push(
				await Promise.race([
					acquired,
					new Promise<false>((resolve) => setTimeout(() => resolve(false), 100)),
				]),
			);
		}
		controller.abort();
		return outcomes;
	}

	it('holds two nodes with different limits for one credential to the strictest, in one shared bucket', async () => {
		const state = new MemoryFusionState();
		const alternating = Array.from({ length: 6 }, (_, index) => ({
			requestsPerMinute: index % 2 === 0 ? 2 : 3,
		}));
		expect(await immediate(state, alternating)).toEqual([true, true, false, false, false, false]);
	});

	it('applies a stricter limit to what the credential already sent this minute', async () => {
		const state = new MemoryFusionState();
		expect(
			await immediate(state, [
				{ requestsPerMinute: 10 },
				{ requestsPerMinute: 10 },
				{ requestsPerMinute: 10 },
				{ requestsPerMinute: 3 },
			]),
		).toEqual([true, true, true, false]);
	});

	it('lets a limit lapse a minute after the last request that set it', async () => {
		jest.useFakeTimers({ now: 0 });
		try {
			const state = new MemoryFusionState();
			await acquireRateLimit(state, 'k', { requestsPerMinute: 1 }, 1);
			await jest.advanceTimersByTimeAsync(61_000);
			// Under the lapsed limit of 1 a minute the second of these would wait a minute.
			let acquired = 0;
			for (let request = 0; request < 2; request++)
				void acquireRateLimit(state, 'k', { requestsPerMinute: 100 }, 1).then(() => acquired++);
			await jest.advanceTimersByTimeAsync(0);
			expect(acquired).toBe(2);
		} finally {
			jest.useRealTimers();
		}
	});

	it('gives up waiting when the execution is cancelled', async () => {
		const state = new MemoryFusionState();
		await state.pauseRateLimit('k', 10_000);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		expect(await acquireRateLimit(state, 'k', {}, 1, { signal: controller.signal })).toEqual({
			admitted: false,
			reason: 'cancelled',
		});
	});
});

describe('two Fusion Chat nodes with different limits on one credential', () => {
	const mock = useMockProvider();

	it('send no more than the strictest limit allows, together', async () => {
		const state = new MemoryFusionState();
		const connection = {
			openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-two-nodes-0123456789' },
		};
		const controller = new AbortController();
		const node = (requestsPerMinute: number) =>
			settingsFor(connection, {
				state,
				rateLimits: { requestsPerMinute },
				signal: controller.signal,
			});
		const [strict, loose] = [node(2), node(3)];
		const calls = Array.from({ length: 40 }, (_, index) =>
			runChat(
				{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: `item ${index}` }] },
				index % 2 === 0 ? strict : loose,
			).catch(() => undefined),
		);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(mock.server.requests).toHaveLength(2);
		controller.abort();
		await Promise.all(calls);
	});
});

describe('a 429 with Retry-After', () => {
	const mock = useMockProvider();
	const connections = () => ({
		openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-429-test-0123456789' },
		anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-429-test-0123456789' },
	});
	const ask = (content: string, model: string | string[] = 'openai/gpt-4o-mini') => ({
		model,
		messages: [{ role: 'user' as const, content }],
	});
	const rateLimited = (retryAfter: string) => ({
		status: 429,
		headers: { 'retry-after': retryAfter },
		json: { error: { message: 'Rate limit reached' } },
	});

	it('pauses the whole credential: another item waits instead of hammering the provider', async () => {
		mock.server.reply('/v1/chat/completions', rateLimited('1'));
		const settings = settingsFor(connections());
		const first = runChat(ask('first'), settings);
		await new Promise((resolve) => setTimeout(resolve, 150));
		const second = runChat(ask('second'), settings);
		await Promise.all([first, second]);
		const [limited, ...later] = mock.server.requests;
		expect(later).toHaveLength(2);
		for (const request of later)
			expect(request.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(950);
	});

	it('fails over at once, for that item and every later one, when the wait is longer than a call may take', async () => {
		mock.server.reply('/v1/chat/completions', rateLimited('3600'));
		const settings = settingsFor(connections(), {
			timeouts: { firstByteMs: 10_000, totalMs: 10_000, idleMs: 10_000, firstTokenMs: 10_000 },
		});
		const fallback = ['openai/gpt-4o-mini', 'anthropic/claude-3-opus'];
		const started = Date.now();
		const first = await runChat(ask('first', fallback), settings);
		const later = await Promise.all(
			['second', 'third'].map((content) => runChat(ask(content, fallback), settings)),
		);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(
			first.fusion.attempts.map((attempt) => [attempt.model, attempt.status, attempt.error?.type]),
		).toEqual([
			['openai/gpt-4o-mini', 'error', 'rate_limit'],
			['anthropic/claude-3-opus', 'ok', undefined],
		]);
		for (const output of later) {
			expect(output.model).toBe('anthropic/claude-3-opus');
			expect(output.fusion.attempts[0]).toMatchObject({
				model: 'openai/gpt-4o-mini',
				status: 'skipped',
				error: {
					type: 'rate_limit',
					message: expect.stringMatching(
						/^OpenAI asked this credential to wait \(Retry-After\) for another 3600 s, longer than this call may wait \(10 s\): not called/,
					),
				},
			});
		}
		expect(mock.server.requestsTo('/v1/chat/completions')).toHaveLength(1);
	});

	it('does not retry after a Retry-After longer than the call may take, but fails over at once', async () => {
		mock.server.reply('/v1/chat/completions', rateLimited('5'));
		const settings = settingsFor(connections(), {
			timeouts: { firstByteMs: 2_000, totalMs: 2_000, idleMs: 2_000, firstTokenMs: 2_000 },
		});
		const started = Date.now();
		const output = await runChat(
			ask('first', ['openai/gpt-4o-mini', 'anthropic/claude-3-opus']),
			settings,
		);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(output.fusion.attempts.map((attempt) => [attempt.model, attempt.status])).toEqual([
			['openai/gpt-4o-mini', 'error'],
			['anthropic/claude-3-opus', 'ok'],
		]);
	});

	it('does not wait for a Retry-After longer than the policy waits for, even within the timeout', async () => {
		mock.server.reply('/v1/chat/completions', rateLimited('45'));
		const settings = settingsFor(connections(), {
			timeouts: { firstByteMs: 60_000, totalMs: 60_000, idleMs: 60_000, firstTokenMs: 60_000 },
		});
		await runChat(ask('first', ['openai/gpt-4o-mini', 'anthropic/claude-3-opus']), settings);
		const started = Date.now();
		const output = await runChat(
			ask('second', ['openai/gpt-4o-mini', 'anthropic/claude-3-opus']),
			settings,
		);
		expect(Date.now() - started).toBeLessThan(500);
		expect(output.fusion.attempts[0].error?.message).toMatch(
			/for another 45 s, longer than this call may wait \(30 s\)/,
		);
	});

	it("keeps no item waiting for the credential's own rate limit past its timeout", async () => {
		const settings = settingsFor(connections(), {
			rateLimits: { requestsPerMinute: 1 },
			timeouts: { firstByteMs: 1_000, totalMs: 1_000, idleMs: 1_000, firstTokenMs: 1_000 },
		});
		await runChat(ask('first'), settings);
		const started = Date.now();
		const failure = (await runChat(ask('second'), settings).catch(
			(error: unknown) => error,
		)) as AllModelsFailedError;
		expect(Date.now() - started).toBeLessThan(500);
		expect(failure.attempts).toEqual([
			expect.objectContaining({
				status: 'skipped',
				error: {
					type: 'rate_limit',
					message: expect.stringMatching(
						/^this credential's rate limit \(requests or tokens per minute\) is used up for another 60 s, longer than this call may wait \(1 s\)/,
					),
				},
			}),
		]);
	});

	it('gives a call that waited for the rate limit only the rest of its time', async () => {
		mock.server.reply('/v1/chat/completions', { hang: true });
		const state = new MemoryFusionState();
		const connection = connections().openai;
		await state.pauseRateLimit(credentialKeyOf(providerById('openai'), connection), 600);
		const settings = settingsFor(
			{ openai: connection },
			{
				state,
				timeouts: { firstByteMs: 1_000, totalMs: 1_000, idleMs: 1_000, firstTokenMs: 1_000 },
			},
		);
		const started = Date.now();
		const failure = (await runChat(ask('slow'), settings).catch(
			(error: unknown) => error,
		)) as AllModelsFailedError;
		const elapsed = Date.now() - started;
		expect(failure.attempts[0].error?.type).toBe('timeout');
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(1_300);
	});

	it('waits without using the processor or growing the heap', async () => {
		const state = new MemoryFusionState();
		const connection = connections().openai;
		await state.pauseRateLimit(credentialKeyOf(providerById('openai'), connection), 1_500);
		const settings = settingsFor({ openai: connection }, { state });
		const items = Array.from({ length: 50 }, (_, index) => runChat(ask(`item ${index}`), settings));
		await new Promise((resolve) => setTimeout(resolve, 200));
		const heapBefore = process.memoryUsage().heapUsed;
		const cpuBefore = process.cpuUsage();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		const cpu = process.cpuUsage(cpuBefore);
		const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
		await Promise.all(items);
		expect((cpu.user + cpu.system) / 1000).toBeLessThan(50);
		expect(heapGrowth).toBeLessThan(2 * 1024 * 1024);
	});
});
