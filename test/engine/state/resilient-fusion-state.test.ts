import { Redis } from 'ioredis';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { connectRedis } from '../../../nodes/engine/state/redis/connect-redis';
import { RedisFusionState } from '../../../nodes/engine/state/redis/redis-fusion-state';
import { ResilientFusionState } from '../../../nodes/engine/state/resilient-fusion-state';
import { RedisServer } from '../../helpers/redis-server';

let server: RedisServer;
let redis: Redis;
let inspector: Redis;

beforeAll(async () => {
	server = await RedisServer.start();
});

beforeEach(async () => {
	// Each test from a running, empty server, whatever the last one left.
	await server.restart();
	redis = connectRedis({ url: server.url });
	inspector = new Redis(server.url, { enableOfflineQueue: false, retryStrategy: () => 50 });
	inspector.on('error', () => {});
	await Promise.all([ready(redis), ready(inspector)]);
});

afterEach(() => {
	redis.disconnect();
	inspector.disconnect();
});

afterAll(async () => {
	await server?.stop();
});

async function ready(client: Redis): Promise<void> {
	for (let wait = 0; client.status !== 'ready'; wait++) {
		if (wait > 100) throw new Error(`Redis client still ${client.status}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function timed<T>(operation: Promise<T>): Promise<{ value: T; ms: number }> {
	const startedAt = performance.now();
	const value = await operation;
	return { value, ms: performance.now() - startedAt };
}

const limits = { requestsPerMinute: 2 };

/** Keeps the event loop from doing anything else, as a long expression or many answers at once do. */
function computeFor(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until);
}

describe('ResilientFusionState', () => {
	it('answers from memory while Redis is down, says so once, and is back on Redis when Redis is', async () => {
		const reports: string[] = [];
		const state = new ResilientFusionState(
			new RedisFusionState(redis, { prefix: 'down:' }),
			new MemoryFusionState(),
			{ report: (message) => reports.push(message) },
		);
		expect((await state.takeRateLimit('c', limits, 0)).waitMs).toBe(0);
		expect(await inspector.exists('down:limits:c')).toBe(1);
		expect(state.degraded()).toBeUndefined();

		await server.stop();
		// The memory's own bucket, fresh: two requests, then a wait; each answer within the bound.
		const answers = [];
		for (let request = 0; request < 3; request++)
			answers.push(await timed(state.takeRateLimit('c', limits, 0)));
		expect(answers.map((answer) => answer.value.waitMs > 0)).toEqual([false, false, true]);
		for (const answer of answers) expect(answer.ms).toBeLessThan(100);
		await state.recordOutcome('c', 'm/x', { ok: true, latencyMs: 10 });
		expect((await state.readModels('c')).get('m/x')?.calls).toBe(1);
		expect(state.degraded()).toMatch(
			/^Fusion's shared state \(Redis\) failed \(.+\): this process/,
		);
		expect(reports).toEqual([state.degraded()]);

		await server.restart();
		await ready(inspector);
		// The connection comes back when an operation asks, at most a backoff after the last attempt.
		for (let attempt = 0; state.degraded() !== undefined && attempt < 50; attempt++) {
			await state.advanceRotation('r', [1]);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(state.degraded()).toBeUndefined();
		expect((await state.takeRateLimit('c', limits, 0)).waitMs).toBe(0);
		expect(await inspector.exists('down:limits:c')).toBe(1);
		expect(reports).toHaveLength(2);
		expect(reports[1]).toMatch(/answers again/);
	});

	it('answers from memory when Redis is slower than the bound', async () => {
		const state = new ResilientFusionState(
			new RedisFusionState(redis, { prefix: 'slow:' }),
			new MemoryFusionState(),
		);
		await state.advanceRotation('r', [1, 1]);
		// Redis is busy for 300 ms: every client waits.
		const sleeping = inspector.call('DEBUG', 'SLEEP', '0.3');
		await new Promise((resolve) => setTimeout(resolve, 20));
		const answer = await timed(state.advanceRotation('r', [1, 1]));
		// The rotation in memory starts over; the one in Redis would have given the second model.
		expect(answer.value).toBe(0);
		expect(answer.ms).toBeLessThan(100);
		expect(state.degraded()).toMatch(/no answer within 50 ms/);
		await sleeping;
	});

	it('keeps the answer Redis gave in time when this process, not Redis, was too busy to read it sooner', async () => {
		const state = new ResilientFusionState(
			new RedisFusionState(redis, { prefix: 'busy:' }),
			new MemoryFusionState(),
		);
		await state.advanceRotation('r', [1, 1]);
		const asked = state.advanceRotation('r', [1, 1]);
		// Redis answers within a millisecond; this process computes for 200 ms, so the bound's timer is overdue
		// when the event loop next looks.
		computeFor(200);
		expect(await asked).toBe(1);
		expect(state.degraded()).toBeUndefined();
	});

	it('reads an answer that came while this process was busy, before giving up at its bound', async () => {
		const state = new ResilientFusionState(
			new RedisFusionState(redis, { prefix: 'late-read:' }),
			new MemoryFusionState(),
		);
		await state.advanceRotation('r', [1, 1]);
		const asked = state.advanceRotation('r', [1, 1]);
		// A turn of the event loop sends the request; Redis answers within a millisecond.
		await new Promise((resolve) => setImmediate(resolve));
		// This turn computes for 60 ms: the 50 ms bound comes due, not so late that it starts over, and its timer
		// runs in the next turn before the socket holding the answer is read.
		computeFor(60);
		expect(await asked).toBe(1);
		expect(state.degraded()).toBeUndefined();
	});
});
