import { Redis } from 'ioredis';
import type { FusionState } from '../../../nodes/engine/state/fusion-state';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { SmoothWeightedRoundRobin } from '../../../nodes/engine/state/memory/smooth-weighted-round-robin';
import { RedisFusionState } from '../../../nodes/engine/state/redis/redis-fusion-state';
import { RedisServer } from '../../helpers/redis-server';

/** Only Date: ioredis needs real timers and ticks while the test moves the clock. */
const fakeNow = (now: number) =>
	jest.useFakeTimers({
		now,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});

let server: RedisServer;
const clients: Redis[] = [];
let prefixes = 0;

function redisClient(): Redis {
	const client = new Redis(server.url, { lazyConnect: false });
	clients.push(client);
	return client;
}

/** Each test its own prefix, so that tests share the server but not its keys. */
const redisState = (options: { cacheEntries?: number; clock?: () => number } = {}) =>
	new RedisFusionState(redisClient(), {
		prefix: `test${++prefixes}:`,
		clock: () => Date.now(),
		...options,
	});

beforeAll(async () => {
	server = await RedisServer.start();
});

afterAll(async () => {
	await Promise.all(clients.map((client) => client.quit()));
	await server?.stop();
});

afterEach(() => jest.useRealTimers());

/** The same behaviour from the state of one process and from the state every process shares through Redis. */
describe.each<[string, (options?: { cacheEntries?: number }) => FusionState]>([
	['MemoryFusionState', (options) => new MemoryFusionState(options)],
	['RedisFusionState', (options) => redisState(options)],
])('%s', (_name, make) => {
	describe('rate limits', () => {
		it('takes a request while the bucket holds one, then says how long until the next', async () => {
			fakeNow(0);
			const state = make();
			for (let request = 0; request < 2; request++)
				expect(await state.takeRateLimit('c', { requestsPerMinute: 2 }, 1)).toEqual({
					waitMs: 0,
					paused: false,
				});
			expect(await state.takeRateLimit('c', { requestsPerMinute: 2 }, 1)).toEqual({
				waitMs: 30_000,
				paused: false,
			});
			expect(await state.takeRateLimit('other', { requestsPerMinute: 2 }, 1)).toEqual({
				waitMs: 0,
				paused: false,
			});
		});

		it('holds every limit set for the credential within the last minute to the strictest', async () => {
			fakeNow(0);
			const state = make();
			await state.takeRateLimit('c', { requestsPerMinute: 1 }, 1);
			expect(
				(await state.takeRateLimit('c', { requestsPerMinute: 100 }, 1)).waitMs,
			).toBeGreaterThan(0);
		});

		it('charges tokens, gives back the unused part when settled, and takes no request when tokens are short', async () => {
			fakeNow(0);
			const state = make();
			const limits = { requestsPerMinute: 10, tokensPerMinute: 1_000 };
			expect((await state.takeRateLimit('c', limits, 800)).waitMs).toBe(0);
			expect(await state.takeRateLimit('c', limits, 400)).toEqual({
				waitMs: 12_000,
				paused: false,
			});
			await state.settleRateLimit('c', 800, 500);
			expect((await state.takeRateLimit('c', limits, 400)).waitMs).toBe(0);
			// Ten requests a minute: two went out; the refused one was given back.
			for (let request = 0; request < 8; request++)
				expect((await state.takeRateLimit('c', { requestsPerMinute: 10 }, 0)).waitMs).toBe(0);
			expect((await state.takeRateLimit('c', { requestsPerMinute: 10 }, 0)).waitMs).toBeGreaterThan(
				0,
			);
		});

		it('gives back a request taken and not made, with its tokens, to the buckets there are', async () => {
			fakeNow(0);
			const state = make();
			const limits = { requestsPerMinute: 2, tokensPerMinute: 1_000 };
			expect((await state.takeRateLimit('c', limits, 600)).waitMs).toBe(0);
			await state.giveBackRateLimit('c', 600);
			// All 1,000 tokens and both requests are there again.
			expect((await state.takeRateLimit('c', limits, 1_000)).waitMs).toBe(0);
			expect((await state.takeRateLimit('c', { requestsPerMinute: 2 }, 0)).waitMs).toBe(0);
			expect((await state.takeRateLimit('c', { requestsPerMinute: 2 }, 0)).waitMs).toBe(30_000);
			// A credential without buckets gets none from a give-back.
			await state.giveBackRateLimit('other', 600);
			expect(await state.takeRateLimit('other', {}, 1)).toEqual({ waitMs: 0, paused: false });
		});

		it('pauses a credential, keeping the longer of two pauses', async () => {
			fakeNow(0);
			const state = make();
			await state.pauseRateLimit('c', 5_000);
			await state.pauseRateLimit('c', 1_000);
			expect(await state.takeRateLimit('c', {}, 1)).toEqual({ waitMs: 5_000, paused: true });
			jest.setSystemTime(5_000);
			expect(await state.takeRateLimit('c', {}, 1)).toEqual({ waitMs: 0, paused: false });
		});
	});

	describe('model records', () => {
		it('keeps a decaying mean of latency and success per credential and model', async () => {
			const state = make();
			await state.recordOutcome('c', 'openai/gpt-4o', { ok: true, latencyMs: 100 });
			await state.recordOutcome('c', 'openai/gpt-4o', { ok: true, latencyMs: 200 });
			await state.recordOutcome('c', 'openai/gpt-4o', { ok: false });
			const record = (await state.readModels('c')).get('openai/gpt-4o');
			expect(record).toMatchObject({ latencyMs: 120, calls: 3, consecutiveFailures: 1 });
			expect(record?.successRate).toBeCloseTo(0.8, 10);
			expect((await state.readModels('other')).size).toBe(0);
		});

		it('counts consecutive failures with the time of the last, until a success clears them', async () => {
			fakeNow(1_000);
			const state = make();
			for (let call = 0; call < 3; call++) await state.recordOutcome('c', 'm/x', { ok: false });
			expect((await state.readModels('c')).get('m/x')).toMatchObject({
				consecutiveFailures: 3,
				lastFailureAt: 1_000,
				calls: 3,
			});
			await state.recordOutcome('c', 'm/x', { ok: true, latencyMs: 50 });
			expect((await state.readModels('c')).get('m/x')).toMatchObject({
				consecutiveFailures: 0,
				lastFailureAt: undefined,
				latencyMs: 50,
			});
		});

		it('hands out copies', async () => {
			const state = make();
			await state.recordOutcome('c', 'm/x', { ok: true, latencyMs: 50 });
			const read = (await state.readModels('c')).get('m/x');
			if (read !== undefined) read.calls = 99;
			expect((await state.readModels('c')).get('m/x')?.calls).toBe(1);
		});

		it('shows, per model, what the credential that called it most has seen', async () => {
			const state = make();
			await state.recordOutcome('once', 'm/x', { ok: false });
			for (let call = 0; call < 2; call++)
				await state.recordOutcome('busy', 'm/x', { ok: true, latencyMs: 300 });
			expect(await state.observedModels()).toEqual(
				new Map([['m/x', { latencyMs: 300, successRate: 1, calls: 2 }]]),
			);
		});
	});

	describe('rotations', () => {
		it('advances a smooth weighted rotation per key', async () => {
			const state = make();
			const picks: number[] = [];
			for (let pick = 0; pick < 5; pick++) picks.push(await state.advanceRotation('a', [0.6, 0.4]));
			expect(picks).toEqual([0, 1, 0, 1, 0]);
			expect(await state.advanceRotation('b', [1, 1])).toBe(0);
		});
	});

	describe('cache', () => {
		it('forgets an entry after its time to live', async () => {
			fakeNow(0);
			const state = make();
			await state.setCached('a', { id: '1' }, 1_000);
			jest.setSystemTime(999);
			expect(await state.getCached('a')).toEqual({ id: '1' });
			jest.setSystemTime(1_000);
			expect(await state.getCached('a')).toBeUndefined();
		});

		it('drops the least recently used entry when full', async () => {
			const state = make({ cacheEntries: 2 });
			await state.setCached('a', 'a', 60_000);
			await state.setCached('b', 'b', 60_000);
			await state.getCached('a');
			await state.setCached('c', 'c', 60_000);
			expect(await state.getCached('b')).toBeUndefined();
			expect(await state.getCached('a')).toBe('a');
			expect(await state.getCached('c')).toBe('c');
		});

		it('stores and hands out copies', async () => {
			const state = make();
			const value = { nested: { text: 'kept' } };
			await state.setCached('a', value, 60_000);
			value.nested.text = 'changed before the read';
			const read = (await state.getCached('a')) as typeof value;
			read.nested.text = 'changed after the read';
			expect(await state.getCached('a')).toEqual({ nested: { text: 'kept' } });
		});
	});

	it('gives the same picks as the rotation in memory', async () => {
		const state = make();
		const weights = [0.5, 0.3, 0.2];
		const reference = new SmoothWeightedRoundRobin(weights);
		for (let pick = 0; pick < 30; pick++)
			expect(await state.advanceRotation('r', weights)).toBe(reference.next());
	});
});
