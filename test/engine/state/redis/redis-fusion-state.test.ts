import { Redis } from 'ioredis';
import { RedisFusionState } from '../../../../nodes/engine/state/redis/redis-fusion-state';
import { RedisServer } from '../../../helpers/redis-server';

let server: RedisServer;
const clients: Redis[] = [];

function redisClient(): Redis {
	const client = new Redis(server.url);
	clients.push(client);
	return client;
}

beforeAll(async () => {
	server = await RedisServer.start();
});

afterAll(async () => {
	await Promise.all(clients.map((client) => client.quit()));
	await server?.stop();
});

describe('RedisFusionState shared by several processes', () => {
	it('never lets two clients racing for the last request both have it', async () => {
		const workers = [redisClient(), redisClient()].map(
			(client) => new RedisFusionState(client, { prefix: 'race:' }),
		);
		const takes = await Promise.all(
			Array.from({ length: 50 }, (_, index) =>
				workers[index % 2].takeRateLimit('openai:abc', { requestsPerMinute: 10 }, 0),
			),
		);
		expect(takes.filter((take) => take.waitMs === 0)).toHaveLength(10);
	});

	it('sees a cool-down, a rotation and a cached answer from another client', async () => {
		const [one, other] = [redisClient(), redisClient()].map(
			(client) => new RedisFusionState(client, { prefix: 'seen:' }),
		);
		for (let call = 0; call < 3; call++) await one.recordOutcome('c', 'm/x', { ok: false });
		expect((await other.readModels('c')).get('m/x')?.consecutiveFailures).toBe(3);
		const picks = [];
		for (let pick = 0; pick < 3; pick++)
			picks.push(await [one, other][pick % 2].advanceRotation('r', [1, 1, 1]));
		expect(picks).toEqual([0, 1, 2]);
		await one.setCached('k', { answer: 'shared' }, 60_000);
		expect(await other.getCached('k')).toEqual({ answer: 'shared' });
	});

	it('sends what one turn of the event loop asks in one write to the socket', async () => {
		const client = redisClient();
		const state = new RedisFusionState(client, { prefix: 'turn:' });
		// Connected, and the scripts known to Redis, before writes are counted.
		await Promise.all([
			state.getCached('k'),
			state.readModels('c'),
			state.takeRateLimit('c', {}, 1),
		]);
		const socket = client.stream;
		let writes = 0;
		const write = socket._write.bind(socket);
		socket._write = (...args) => {
			writes++;
			write(...args);
		};
		const writev = socket._writev?.bind(socket);
		socket._writev = (...args) => {
			writes++;
			writev?.(...args);
		};
		const answers = await Promise.all([
			state.getCached('k'),
			state.readModels('c'),
			state.takeRateLimit('c', {}, 1),
		]);
		expect(answers).toEqual([undefined, new Map(), { waitMs: 0, paused: false }]);
		expect(writes).toBe(1);
	});

	it("keeps Redis's time, not the process's, and gives a failure's time on the process's clock", async () => {
		const client = redisClient();
		const state = new RedisFusionState(client, { prefix: 'time:' });
		// A worker whose clock is ten minutes ahead.
		jest.useFakeTimers({
			now: Date.now() + 600_000,
			doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'],
		});
		try {
			await state.recordOutcome('c', 'm/x', { ok: false });
			const [seconds, micros] = await client.time();
			const redisNow = Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
			const stored = Number((await client.hget('time:models:c', 'm/x'))?.split('|')[4]);
			expect(redisNow - stored).toBeGreaterThanOrEqual(0);
			expect(redisNow - stored).toBeLessThan(1_000);
			const failedAt = (await state.readModels('c')).get('m/x')?.lastFailureAt ?? 0;
			expect(Date.now() - failedAt).toBeGreaterThanOrEqual(0);
			expect(Date.now() - failedAt).toBeLessThan(1_000);
		} finally {
			jest.useRealTimers();
		}
	});

	it('forgets a model unused for an hour, and a credential with it', async () => {
		const client = redisClient();
		let now = 1_000_000;
		const state = new RedisFusionState(client, { prefix: 'hour:', clock: () => now });
		await state.recordOutcome('old', 'm/x', { ok: true, latencyMs: 10 });
		await state.recordOutcome('busy', 'm/x', { ok: true, latencyMs: 10 });
		now += 3_600_001;
		await state.recordOutcome('busy', 'm/y', { ok: true, latencyMs: 10 });
		expect([...(await state.readModels('busy')).keys()]).toEqual(['m/y']);
		expect(await client.hkeys('hour:models:busy')).toEqual(['m/y']);
		expect(await client.zrange('hour:credentials', 0, -1)).toEqual(['busy']);
		expect([...(await state.observedModels()).keys()]).toEqual(['m/y']);
	});

	it('keeps every key under the prefix with a time to live, and no key or prompt outside the cache', async () => {
		const client = redisClient();
		const state = new RedisFusionState(client, { prefix: 'ttl:' });
		await state.takeRateLimit('openai:abc', { requestsPerMinute: 10, tokensPerMinute: 100 }, 5);
		await state.settleRateLimit('openai:abc', 5, 3);
		await state.pauseRateLimit('openai:abc', 5_000);
		await state.recordOutcome('openai:abc', 'openai/gpt-4o', { ok: true, latencyMs: 80 });
		await state.observedModels();
		await state.advanceRotation('rotation:[["openai/gpt-4o",1]]', [1]);
		await state.setCached('digest', { content: 'the answer' }, 30_000);
		await state.getCached('digest');
		const keys = (await client.keys('*')).filter((key) => key.startsWith('ttl:'));
		expect(keys.sort()).toEqual([
			'ttl:cache-index',
			'ttl:cache-uses',
			'ttl:cache:digest',
			'ttl:credentials',
			'ttl:limits:openai:abc',
			'ttl:models:openai:abc',
			'ttl:rotation:rotation:[["openai/gpt-4o",1]]',
		]);
		for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
		expect(await client.pttl('ttl:models:openai:abc')).toBeGreaterThan(59 * 60_000);
	});
});
