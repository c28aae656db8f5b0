/**
 * Part 7: what keeping Fusion's state in Redis, as every process of a queue-mode n8n does, adds to one request
 * over keeping it in this process's memory. The state is built by the factory the nodes use for FUSION_STATE=redis.
 */
import { Redis } from 'ioredis';
import { runChat, type ChatSettings } from '../nodes/engine';
import type { FusionState } from '../nodes/engine/state/fusion-state';
import { fusionStateConfigFromEnv } from '../nodes/engine/state/fusion-state-config';
import { createFusionState } from '../nodes/engine/state/process-fusion-state';
import { RedisServer } from '../test/helpers/redis-server';
import { ensureDebianPackages } from '../test/queue/debian-packages';
import type { BenchProvider } from './bench-provider';
import { RUNS, SHORT_LATENCY_MS, SINGLE_MODEL } from './engine-benches';
import { BENCH_API_KEY, engineSettings, parsedRequest, rawRequest } from './engine-client';
import { median, percentile, type Figure } from './figures';
import { progress } from './progress';
import { interleaved, timed, type Timed } from './timing';

const SAMPLES = 200;

/**
 * Every step a request makes in the state, besides the health read and outcome every call makes: a limit that
 * is taken from and settled with but never waited for, and a cache that is asked and filled.
 */
const EVERY_STATE_STEP: Partial<ChatSettings> = {
	rateLimits: { requestsPerMinute: 1_000_000 },
	cache: { ttlMs: 10 * 60_000, scope: 'bench' },
};

/** Engine calls one after another, each with a prompt of its own: the cache misses, and stores the answer. */
function engineCalls(settings: ChatSettings): Timed {
	let next = 0;
	return () =>
		timed(async () => {
			const output = await runChat(parsedRequest(rawRequest(SINGLE_MODEL, next++)), settings);
			if (output.fusion.cached) throw new Error('a bench request was answered from the cache');
		});
}

interface ScriptStats {
	calls: number;
	/** Time Redis spent running them, µs. */
	micros: number;
}

/** The Lua scripts Redis has run so far (each state operation is one), from its own command statistics. */
async function scriptsRun(redis: Redis): Promise<ScriptStats> {
	const stats = await redis.info('commandstats');
	return [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+),usec=(\d+)/gm)].reduce(
		(sum, [, calls, micros]) => ({
			calls: sum.calls + Number(calls),
			micros: sum.micros + Number(micros),
		}),
		{ calls: 0, micros: 0 },
	);
}

/** The floor under each script: a bare PING's round trip, p50 of sequential ones. */
async function pingRoundTripMs(redis: Redis): Promise<number> {
	const samples: number[] = [];
	for (let index = 0; index < SAMPLES; index++) samples.push(await timed(() => redis.ping()));
	return percentile(samples, 50);
}

/** A figure measured while the state answered from memory instead is no figure of Redis: it must not be reported. */
function assertAllInRedis(state: FusionState, fallbacks: readonly string[]): void {
	const degraded = state.degraded?.();
	if (fallbacks.length > 0 || degraded !== undefined)
		throw new Error(
			`the Redis state fell back to memory during the measure, so part 7 is void: ${[...fallbacks, degraded].filter(Boolean).join('; ')}`,
		);
}

async function measure(provider: BenchProvider, redisUrl: string): Promise<Figure[]> {
	const connections = {
		openai: { baseUrl: provider.delayedBaseUrl(SHORT_LATENCY_MS), apiKey: BENCH_API_KEY },
	};
	const fallbacks: string[] = [];
	const redisState = createFusionState(
		fusionStateConfigFromEnv({ FUSION_STATE: 'redis', FUSION_REDIS_URL: redisUrl }),
		(message) => fallbacks.push(message),
	);
	const inRedis = engineCalls(
		engineSettings(connections, { ...EVERY_STATE_STEP, state: redisState }),
	);
	const inMemory = engineCalls(engineSettings(connections, EVERY_STATE_STEP));
	const stats = new Redis(redisUrl);
	try {
		await interleaved(100, inRedis, inMemory);
		assertAllInRedis(redisState, fallbacks);
		const scriptsBefore = await scriptsRun(stats);
		const added = { p50: [] as number[], p99: [] as number[] };
		const memory = { p50: [] as number[], p99: [] as number[] };
		for (let run = 0; run < RUNS; run++) {
			const { first, second } = await interleaved(SAMPLES, inRedis, inMemory);
			added.p50.push(percentile(first, 50) - percentile(second, 50));
			added.p99.push(percentile(first, 99) - percentile(second, 99));
			memory.p50.push(percentile(second, 50));
			memory.p99.push(percentile(second, 99));
		}
		assertAllInRedis(redisState, fallbacks);
		const scriptsAfter = await scriptsRun(stats);
		const calls = scriptsAfter.calls - scriptsBefore.calls;
		const microsPerScript = (scriptsAfter.micros - scriptsBefore.micros) / calls;
		const ping = await pingRoundTripMs(stats);
		const note = `p(Redis) − p(memory) over ${SAMPLES} calls per run; ${(calls / (RUNS * SAMPLES)).toFixed(1)} Redis scripts per request (the limit's take, the cache lookup and the health read go in one write and hold it up; the outcome, the settlement and the cached answer go in one write after it), each ${microsPerScript.toFixed(0)} µs inside Redis; none fell back to memory; a bare PING's round trip: ${ping.toFixed(2)} ms p50; provider latency ${SHORT_LATENCY_MS} ms`;
		return [
			{
				part: '7',
				name: 'Redis state (queue mode): added time per request, p50',
				unit: ' ms',
				runs: added.p50,
				target: { kind: 'max', limit: 1 },
				decimals: 2,
				note,
			},
			{
				part: '7',
				name: 'Redis state (queue mode): added time per request, p99',
				unit: ' ms',
				runs: added.p99,
				target: { kind: 'max', limit: 5 },
				decimals: 2,
				note,
			},
			{
				part: '7',
				name: 'engine call with the state in memory, p50 (baseline)',
				unit: ' ms',
				runs: memory.p50,
				decimals: 2,
				note: `p99 ${median(memory.p99).toFixed(2)} ms; the same requests and settings; the ${SHORT_LATENCY_MS} ms provider delay included`,
			},
		];
	} finally {
		stats.disconnect();
	}
}

export async function redisStateCost(provider: BenchProvider): Promise<Figure[]> {
	progress(
		`(7) Redis state: ${RUNS} runs × ${SAMPLES} sequential Redis/memory pairs, rate limit and cache on, provider latency ${SHORT_LATENCY_MS} ms`,
	);
	await ensureDebianPackages(['redis-server']);
	const redis = await RedisServer.start();
	try {
		return await measure(provider, redis.url);
	} finally {
		await redis.stop();
	}
}
