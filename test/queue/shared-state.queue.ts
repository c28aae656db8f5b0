/**
 * Fusion's state shared by every process of a queue-mode n8n (issue 16): main queues webhook executions in
 * Redis, two workers with concurrency 1 run them, so two executions started at once run on different workers.
 * Each test uses a credential of its own, so no test sees another's limits, health, rotation or cache.
 */
import { Redis } from 'ioredis';
import type { INodeParameters } from 'n8n-workflow';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { simulatedAnswerText } from '../mock-provider/provider-simulator';
import { chatRequests, excessOverLimit, QueueScenario, type Execution } from './fusion-queue';
import { QueueStack, WORKER_NAMES } from './queue-stack';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const TEST_TIMEOUT_MS = 3 * 60_000;
const REQUESTS_PER_MINUTE = 30;
/** Items that would wait longer for the limit fail at once: the run stays well inside one minute. */
const RATE_LIMITED_OPTIONS = {
	requestsPerMinute: REQUESTS_PER_MINUTE,
	timeout: 6,
	maxRetries: 0,
	concurrency: 8,
};

let mock: MockProviderServer;
let stack: QueueStack;
/** Every scenario published, for the look through Redis for API keys and prompts. */
const scenarios: QueueScenario[] = [];

beforeAll(async () => {
	mock = await MockProviderServer.start();
	stack = await QueueStack.start({});
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await stack?.stop();
	await mock?.close();
}, 2 * 60_000);

/** Prompts the tests send (chatRequests numbers each label's items from 0). */
const PROMPT_LABELS = ['first 0', 'second 0', 'cool 0', 'the same question 0'];

async function contentOf(redis: Redis, key: string): Promise<unknown> {
	const type = await redis.type(key);
	if (type === 'string') return redis.get(key);
	if (type === 'hash') return redis.hgetall(key);
	if (type === 'zset') return redis.zrange(key, 0, -1, 'WITHSCORES');
	if (type === 'list') return redis.lrange(key, 0, -1);
	if (type === 'set') return redis.smembers(key);
	throw new Error(`${key}: a Redis ${type}, which Fusion does not write`);
}

async function publish(path: string, options: INodeParameters): Promise<QueueScenario> {
	const scenario = await QueueScenario.publish(stack, mock, path, options);
	scenarios.push(scenario);
	return scenario;
}

const workersOf = (executions: Execution[]) =>
	executions.map((execution) => execution.worker).sort();
const answered = (execution: Execution) =>
	execution.items.filter((item) => typeof item.choices?.[0]?.message.content === 'string');
/** The warnings of the items that say the shared state failed them: this process's own state answered instead. */
const stateWarnings = (executions: Execution[]) =>
	executions.flatMap((execution) =>
		execution.items.flatMap(
			(item) => item.fusion?.warnings?.filter((warning) => /redis/i.test(warning)) ?? [],
		),
	);

async function runRateLimitedPair(
	path: string,
): Promise<{ scenario: QueueScenario; executions: Execution[] }> {
	const scenario = await publish(path, RATE_LIMITED_OPTIONS);
	const executions = await scenario.runAtOnce([
		chatRequests('openai/limited', 60, 'first'),
		chatRequests('openai/limited', 60, 'second'),
	]);
	expect(workersOf(executions)).toEqual([...WORKER_NAMES]);
	return { scenario, executions };
}

// Runs first, so that a stack that cannot run executions on both workers fails here, plainly, and not inside a
// shared-state assertion.
describe('the queue-mode stack', () => {
	it('runs two webhook executions at once on two different workers, each answered by Fusion Chat', async () => {
		const scenario = await publish('both-workers', {});
		const executions = await scenario.runAtOnce([
			chatRequests('openai/hello', 1, 'first'),
			chatRequests('openai/hello', 1, 'second'),
		]);
		expect(workersOf(executions)).toEqual([...WORKER_NAMES]);
		expect(executions.map((execution) => execution.items[0].choices?.[0].message.content)).toEqual([
			simulatedAnswerText('hello', 'first 0'),
			simulatedAnswerText('hello', 'second 0'),
		]);
	});
});

describe('Fusion Chat in queue mode: one state for every worker, in Redis', () => {
	it(
		'holds a credential to 30 requests per minute across two workers running 60 items each',
		async () => {
			const { scenario, executions } = await runRateLimitedPair('rate-limit-shared');
			expect(stateWarnings(executions)).toEqual([]);
			expect(scenario.upstreamCalls.length).toBeGreaterThanOrEqual(REQUESTS_PER_MINUTE);
			expect(excessOverLimit(scenario.upstreamCalls, REQUESTS_PER_MINUTE)).toBeLessThanOrEqual(1);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'gives each of three round-robin models its share of the items of both workers',
		async () => {
			const scenario = await publish('round-robin', { maxRetries: 0 });
			const rotation = {
				strategy: 'round_robin',
				models: ['openai/rr-a', 'openai/rr-b', 'openai/rr-c'],
			};
			const executions = await scenario.runAtOnce([
				chatRequests(rotation, 4, 'first'),
				chatRequests(rotation, 4, 'second'),
			]);
			expect(workersOf(executions)).toEqual([...WORKER_NAMES]);
			expect(stateWarnings(executions)).toEqual([]);
			// Eight items over three models: 3, 3 and 2. Two rotations of their own would give 4, 2 and 2.
			const counts = Object.values(scenario.callsByModel()).sort();
			expect(counts).toEqual([2, 3, 3]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'skips on one worker a model cooled down by failures on the other',
		async () => {
			const scenario = await publish('cool-down', {
				maxRetries: 0,
				concurrency: 1,
			});
			const models = ['openai/sim-fail-503', 'openai/steady'];
			// Three failures (the health policy's threshold) cool the failing model down.
			const first = await scenario.run(chatRequests(models, 3, 'cool'));
			expect(answered(first)).toHaveLength(3);
			const later = await scenario.runAtOnce([
				chatRequests(models, 2, 'first'),
				chatRequests(models, 2, 'second'),
			]);
			expect(workersOf(later)).toEqual([...WORKER_NAMES]);
			expect(stateWarnings([first, ...later])).toEqual([]);
			expect(later.map((execution) => execution.worker)).toContainEqual(
				expect.not.stringMatching(`^${first.worker}$`),
			);
			expect(scenario.callsByModel()).toEqual({ 'sim-fail-503': 3, steady: 7 });
			for (const item of later.flatMap((execution) => execution.items))
				expect(item.fusion?.attempts?.[0]).toMatchObject({
					model: 'openai/sim-fail-503',
					status: 'skipped',
				});
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'serves on one worker the answer another worker cached',
		async () => {
			const scenario = await publish('cache', { cacheTtl: 300 });
			const request = chatRequests('openai/cached', 1, 'the same question');
			const first = await scenario.run(request);
			expect(first.items[0].fusion?.cached).toBe(false);
			const later = await scenario.runAtOnce([request, request]);
			expect(workersOf(later)).toEqual([...WORKER_NAMES]);
			expect(stateWarnings([first, ...later])).toEqual([]);
			expect(later.map((execution) => execution.items[0].fusion?.cached)).toEqual([true, true]);
			expect(scenario.upstreamCalls).toHaveLength(1);
		},
		TEST_TIMEOUT_MS,
	);

	it('keeps no API key and no prompt in Redis outside cache entries, and lets every Fusion key expire', async () => {
		const redis = new Redis(stack.redis.url);
		try {
			const keys = await redis.keys('fusion:*');
			// The limits, models, rotations and cache of the tests above, under the default prefix.
			expect(keys).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/^fusion:limits:/),
					expect.stringMatching(/^fusion:models:/),
					expect.stringMatching(/^fusion:rotation:/),
					expect.stringMatching(/^fusion:cache:/),
				]),
			);
			const secrets = scenarios.map((scenario) => scenario.apiKey);
			for (const key of keys) {
				expect(await redis.pttl(key)).toBeGreaterThan(0);
				const stored = `${key} ${JSON.stringify(await contentOf(redis, key))}`;
				for (const secret of secrets) expect(stored).not.toContain(secret);
				if (!key.startsWith('fusion:cache:'))
					for (const prompt of PROMPT_LABELS) expect(stored).not.toContain(prompt);
			}
		} finally {
			redis.disconnect();
		}
	});

	it(
		'keeps answering items when Redis stops mid-run, and says why in fusion.warnings',
		async () => {
			const scenario = await publish('redis-down', { concurrency: 1 });
			// Ten items of 300 ms each: Redis is gone for the middle of the run and back before it ends, so that
			// n8n's own queue can report the execution's end.
			const running = scenario.run(chatRequests('openai/sim-slow-300', 10, 'outage'));
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			await stack.redis.stop();
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			await stack.redis.start();
			const execution = await running;
			expect(answered(execution)).toHaveLength(10);
			expect(stateWarnings([execution]).length).toBeGreaterThan(0);
		},
		TEST_TIMEOUT_MS,
	);
});

describe('Fusion Chat in queue mode with FUSION_STATE=memory: each worker on its own', () => {
	beforeAll(() => stack.startWorkers({ FUSION_STATE: 'memory' }), 5 * 60_000);

	it(
		'breaks the limit: each worker spends the whole minute of requests for itself',
		async () => {
			const { scenario } = await runRateLimitedPair('rate-limit-memory');
			expect(excessOverLimit(scenario.upstreamCalls, REQUESTS_PER_MINUTE)).toBeGreaterThan(
				REQUESTS_PER_MINUTE / 2,
			);
		},
		TEST_TIMEOUT_MS,
	);
});
