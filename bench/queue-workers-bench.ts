/**
 * Part 8: test/queue's real queue-mode n8n (Redis, PostgreSQL, main, workers of concurrency 1, Fusion's state in
 * Redis as queue mode sets it) with one worker and then with two, on the same batch of webhook executions, which
 * no limit slows down: what a second worker adds.
 */
import { performance } from 'node:perf_hooks';
import { MockProviderServer } from '../test/mock-provider/mock-provider-server';
import { chatRequests, QueueScenario, type Execution } from '../test/queue/fusion-queue';
import { QueueStack } from '../test/queue/queue-stack';
import { RUNS } from './engine-benches';
import { median, type Figure } from './figures';
import { busyShare, sampleCpu } from './machine-load';
import { REPO_ROOT } from './n8n-bench';
import { progress } from './progress';

const EXECUTIONS = 8;
const ITEMS = 10;
const CONCURRENCY = 10;
/**
 * A second, about what a short answer of a fast model takes. Parts 1–6 use 100 ms to expose the engine's own
 * cost; here, with n8n's ~80 ms of work per execution on a two-core machine that also runs main, Postgres and
 * the bench, such a fast provider would measure the cores rather than what a worker adds.
 */
const PROVIDER_LATENCY_MS = 1_000;
/** The mock provider's model that answers after this many ms. */
const MODEL = `openai/sim-slow-${PROVIDER_LATENCY_MS}`;
/** One worker runs the executions one after another, each in waves of CONCURRENCY items. */
const ONE_WORKER_IDEAL_MS = EXECUTIONS * Math.ceil(ITEMS / CONCURRENCY) * PROVIDER_LATENCY_MS;

interface Round {
	ms: number;
	/** Executions per worker. */
	byWorker: Record<string, number>;
	/** How busy the whole machine was meanwhile, whoever kept it busy: near 100 %, the cores were the limit. */
	machineBusyPercent?: number;
}

function checkAnswered(executions: Execution[]): void {
	for (const { items } of executions) {
		const answered = items.filter((item) => typeof item.choices?.[0]?.message.content === 'string');
		if (answered.length !== ITEMS)
			throw new Error(
				`an execution answered ${answered.length} of ${ITEMS} items: ${JSON.stringify(items.find((item) => !answered.includes(item)))}`,
			);
	}
}

/** Every execution posted at once; from the first POST to the last answer. */
async function runRound(scenario: QueueScenario, label: string): Promise<Round> {
	const batches = Array.from({ length: EXECUTIONS }, (_, execution) =>
		chatRequests(MODEL, ITEMS, `${label} execution ${execution}`),
	);
	const cpuBefore = sampleCpu([]);
	const started = performance.now();
	const executions = await scenario.runAtOnce(batches);
	const ms = performance.now() - started;
	const machineBusyPercent = busyShare(cpuBefore, sampleCpu([]));
	checkAnswered(executions);
	const byWorker: Record<string, number> = {};
	for (const { worker } of executions) byWorker[worker] = (byWorker[worker] ?? 0) + 1;
	return { ms, byWorker, machineBusyPercent };
}

/** A warm-up round (a fresh worker loads the node and compiles its code), then RUNS measured ones. */
async function runRounds(scenario: QueueScenario, workers: number): Promise<Round[]> {
	await runRound(scenario, `${workers} workers warm-up`);
	const rounds: Round[] = [];
	for (let run = 0; run < RUNS; run++) {
		const round = await runRound(scenario, `${workers} workers round ${run}`);
		if (Object.keys(round.byWorker).length !== workers)
			throw new Error(
				`with ${workers} workers the executions ran on ${JSON.stringify(round.byWorker)}`,
			);
		rounds.push(round);
	}
	return rounds;
}

function describeBusy(rounds: Round[]): string {
	const readings = rounds.flatMap((round) => round.machineBusyPercent ?? []);
	return readings.length === 0 ? 'no reading' : `${median(readings).toFixed(0)} %`;
}

const describeSplit = (rounds: Round[]) =>
	rounds
		.map((round) =>
			Object.keys(round.byWorker)
				.sort()
				.map((worker) => round.byWorker[worker])
				.join('/'),
		)
		.join(', ');

export async function queueWorkerThroughput(): Promise<Figure[]> {
	progress(
		`(8) queue mode: building the package, starting Redis, PostgreSQL, n8n main and one worker (a minute or two, most of it the build)`,
	);
	const mock = await MockProviderServer.start();
	let stack: QueueStack | undefined;
	try {
		stack = await QueueStack.start({}, { workers: 1, repoRoot: REPO_ROOT });
		const scenario = await QueueScenario.publish(stack, mock, 'bench-workers', {
			concurrency: CONCURRENCY,
		});
		const batch = `${EXECUTIONS} webhook executions × ${ITEMS} items at once, concurrency ${CONCURRENCY}, provider latency ${PROVIDER_LATENCY_MS} ms`;
		progress(`(8) queue mode, one worker: a warm-up and ${RUNS} rounds of ${batch}`);
		const one = await runRounds(scenario, 1);
		progress(`(8) queue mode, two workers: restarting the workers, a warm-up and ${RUNS} rounds`);
		await stack.startWorkers({}, 2);
		const two = await runRounds(scenario, 2);
		const oneMs = one.map((round) => round.ms);
		const twoMs = two.map((round) => round.ms);
		const note = `${batch}; from the first POST to the last answer`;
		return [
			{
				part: '8',
				name: 'queue mode: the batch on one worker',
				unit: ' ms',
				runs: oneMs,
				decimals: 0,
				note: `${note}; the provider's time alone: ${ONE_WORKER_IDEAL_MS} ms`,
			},
			{
				part: '8',
				name: 'queue mode: the batch on two workers',
				unit: ' ms',
				runs: twoMs,
				decimals: 0,
				note: `${note}; executions per worker: ${describeSplit(two)}`,
			},
			{
				part: '8',
				name: 'queue mode: throughput of two workers over one',
				unit: '×',
				runs: oneMs.map((ms, index) => ms / twoMs[index]),
				target: { kind: 'min', limit: 1.8 },
				decimals: 2,
				note: `one worker's time ÷ two workers', round by round (the one-worker rounds first); ratio of the medians: ${(median(oneMs) / median(twoMs)).toFixed(2)}×; the machine's CPU was busy ${describeBusy(one)} with one worker, ${describeBusy(two)} with two (all processes, all cores = 100 %)`,
			},
		];
	} finally {
		await stack?.stop();
		await mock.close();
	}
}
