/** Parts 1–5: the engine itself, in this process, against the bench provider in its child process. */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
	DEFAULT_RETRY_POLICY,
	mapWithConcurrency,
	runChat,
	timeoutsFromTotal,
	type ChatCompletionOutput,
} from '../nodes/engine';
import type { ModelSpec } from '../nodes/engine/request/unified-request';
import { refusedBaseUrl, type BenchProvider } from './bench-provider';
import {
	BENCH_API_KEY,
	callDirect,
	engineSettings,
	parsedRequest,
	rawRequest,
	wireRequest,
	type Connections,
} from './engine-client';
import { median, percentile, type Figure } from './figures';
import { progress } from './progress';
import { interleaved, timed, type Timed } from './timing';

/** Every figure is the median of this many runs, each after the part's warm-up. */
export const RUNS = 5;
/** The provider latency of the throughput, best_of and n8n figures, which their targets assume. */
export const PROVIDER_LATENCY_MS = 100;
/** Sequential figures (overhead, failover, memory) wait on the provider; a short latency gives more samples per second. */
export const SHORT_LATENCY_MS = 10;

export const SINGLE_MODEL = 'openai/gpt-4o-mini';
const NO_RETRIES = { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };

interface OverheadRuns {
	/** p50(engine) − p50(direct), one per run. */
	p50: number[];
	p99: number[];
	directP50: number[];
}

/** What the engine adds to one request over a direct undici call with the same bytes, same server, same pool. */
async function overheadRuns(
	provider: BenchProvider,
	samples: number,
	raw: (index: number) => unknown,
): Promise<OverheadRuns> {
	const connection = { baseUrl: provider.delayedBaseUrl(SHORT_LATENCY_MS), apiKey: BENCH_API_KEY };
	const settings = engineSettings({ openai: connection });
	const viaEngine: Timed = (index) => timed(() => runChat(parsedRequest(raw(index)), settings));
	const direct: Timed = (index) => {
		const wire = wireRequest(SINGLE_MODEL, parsedRequest(raw(index)), connection);
		return timed(() => callDirect(wire));
	};
	await interleaved(100, viaEngine, direct);
	const runs: OverheadRuns = { p50: [], p99: [], directP50: [] };
	for (let run = 0; run < RUNS; run++) {
		const { first, second } = await interleaved(samples, viaEngine, direct);
		runs.p50.push(percentile(first, 50) - percentile(second, 50));
		runs.p99.push(percentile(first, 99) - percentile(second, 99));
		runs.directP50.push(percentile(second, 50));
	}
	return runs;
}

/** (1) The engine's overhead per request, p50 and p99. */
async function engineOverhead(provider: BenchProvider): Promise<Figure[]> {
	const samples = 200;
	progress(
		`(1) engine overhead: ${RUNS} runs × ${samples} sequential engine/direct pairs, provider latency ${SHORT_LATENCY_MS} ms`,
	);
	const { p50, p99, directP50 } = await overheadRuns(provider, samples, (index) =>
		rawRequest(SINGLE_MODEL, index),
	);
	const note = `p(engine) − p(direct) over ${samples} calls per run; provider latency ${SHORT_LATENCY_MS} ms`;
	return [
		{
			part: '1',
			name: 'engine overhead per request, p50',
			unit: ' ms',
			runs: p50,
			target: { kind: 'max', limit: 1 },
			decimals: 2,
			note,
		},
		{
			part: '1',
			name: 'engine overhead per request, p99',
			unit: ' ms',
			runs: p99,
			target: { kind: 'max', limit: 5 },
			decimals: 2,
			note,
		},
		{
			part: '1',
			name: 'direct undici call, p50 (baseline)',
			unit: ' ms',
			runs: directP50,
			decimals: 2,
			note: `the ${SHORT_LATENCY_MS} ms provider delay included`,
		},
	];
}

const IMAGE_BYTES = 200 * 1024;

/** (1) The same with a 200 KB image part: validating and sending it must not copy or re-encode it needlessly. */
async function imageOverhead(provider: BenchProvider): Promise<Figure[]> {
	const samples = 100;
	progress(
		`(1) engine overhead with a ${IMAGE_BYTES / 1024} KB image part: ${RUNS} runs × ${samples} engine/direct pairs`,
	);
	// Random bytes, so that nothing on the way can compress them; base64 makes the URL a third longer.
	const image = `data:image/png;base64,${randomBytes(IMAGE_BYTES).toString('base64')}`;
	const { p50 } = await overheadRuns(provider, samples, (index) => {
		const request = rawRequest(SINGLE_MODEL, index) as { messages: Array<{ content: unknown }> };
		const [system, user] = request.messages;
		const content = [
			{ type: 'text', text: user.content },
			{ type: 'image_url', image_url: { url: image } },
		];
		return { ...request, messages: [system, { role: 'user', content }] };
	});
	return [
		{
			part: '1',
			name: `engine overhead per request with a ${IMAGE_BYTES / 1024} KB image part, p50`,
			unit: ' ms',
			runs: p50,
			target: { kind: 'max', limit: 2 },
			decimals: 2,
			note: `p50(engine) − p50(direct), the same body, over ${samples} calls per run; provider latency ${SHORT_LATENCY_MS} ms`,
		},
	];
}

interface BatchOutcome {
	/** Items per second over the ideal concurrency ÷ latency, in percent. */
	percentOfIdeal: number;
	/** CPU of this process (user + system) per item, µs. */
	cpuMicrosPerItem: number;
}

/** (2) A batch as Fusion Chat runs it: `concurrency` items in flight, each parsed and sent through runChat. */
async function runBatch(
	provider: BenchProvider,
	items: number,
	concurrency: number,
	via: 'engine' | 'direct',
): Promise<BatchOutcome> {
	const connection = {
		baseUrl: provider.delayedBaseUrl(PROVIDER_LATENCY_MS),
		apiKey: BENCH_API_KEY,
	};
	// One settings object per batch, as Fusion Chat builds one per execution.
	const settings = engineSettings({ openai: connection });
	const raws = Array.from({ length: items }, (_, index) => rawRequest(SINGLE_MODEL, index));
	const wires =
		via === 'direct'
			? raws.map((raw) => wireRequest(SINGLE_MODEL, parsedRequest(raw), connection))
			: [];
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await mapWithConcurrency(raws, concurrency, (raw, index) =>
		via === 'engine' ? runChat(parsedRequest(raw), settings) : callDirect(wires[index]),
	);
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	const ideal = concurrency / (PROVIDER_LATENCY_MS / 1000);
	return {
		percentOfIdeal: (100 * items) / seconds / ideal,
		cpuMicrosPerItem: (cpu.user + cpu.system) / items,
	};
}

async function batchThroughput(provider: BenchProvider): Promise<Figure[]> {
	const plans = [
		{ concurrency: 20, items: 200 },
		{ concurrency: 100, items: 1_000 },
	];
	progress(
		`(2) batch throughput: ${RUNS} runs of 200 items at concurrency 20 and 1,000 at 100, engine and direct, provider latency ${PROVIDER_LATENCY_MS} ms`,
	);
	// Warm-up at the higher concurrency, so that both pools hold their connections before anything is timed.
	await runBatch(provider, 200, 100, 'engine');
	await runBatch(provider, 200, 100, 'direct');
	const figures: Figure[] = [];
	for (const { concurrency, items } of plans) {
		const engine: BatchOutcome[] = [];
		const direct: BatchOutcome[] = [];
		for (let run = 0; run < RUNS; run++) {
			engine.push(await runBatch(provider, items, concurrency, 'engine'));
			direct.push(await runBatch(provider, items, concurrency, 'direct'));
		}
		const ideal = concurrency / (PROVIDER_LATENCY_MS / 1000);
		const note = `${items} items; ideal ${ideal} items/s`;
		figures.push(
			{
				part: '2',
				name: `engine batch throughput, concurrency ${concurrency}`,
				unit: ' % of ideal',
				runs: engine.map((outcome) => outcome.percentOfIdeal),
				target: concurrency === 20 ? { kind: 'min', limit: 85 } : undefined,
				note,
			},
			{
				part: '2',
				name: `direct undici batch throughput, concurrency ${concurrency} (baseline)`,
				unit: ' % of ideal',
				runs: direct.map((outcome) => outcome.percentOfIdeal),
				note,
			},
			{
				part: '2',
				name: `CPU per request at concurrency ${concurrency}: engine`,
				unit: ' µs',
				runs: engine.map((outcome) => outcome.cpuMicrosPerItem),
				decimals: 0,
				note: `direct undici: ${median(direct.map((outcome) => outcome.cpuMicrosPerItem)).toFixed(0)} µs (user + system of the measuring process)`,
			},
		);
	}
	return figures;
}

/** (3) best_of over three candidates of 60, 80 and 100 ms against a direct call to the 100 ms one. */
async function bestOfWallTime(provider: BenchProvider): Promise<Figure[]> {
	const samples = 20;
	progress(`(3) best_of: ${RUNS} runs × ${samples} best_of/slowest-candidate pairs`);
	const slowestConnection = {
		baseUrl: provider.delayedBaseUrl(PROVIDER_LATENCY_MS),
		apiKey: BENCH_API_KEY,
	};
	const connections: Connections = {
		openai: { baseUrl: provider.delayedBaseUrl(60), apiKey: BENCH_API_KEY },
		mistral: { baseUrl: provider.delayedBaseUrl(80), apiKey: BENCH_API_KEY },
		groq: slowestConnection,
	};
	const slowest = 'groq/llama-3.3-70b-versatile';
	const spec: ModelSpec = {
		strategy: 'best_of',
		models: ['openai/gpt-4o-mini', 'mistral/mistral-small-latest', slowest],
	};
	const settings = engineSettings(connections);
	const bestOf: Timed = (index) => {
		const raw = rawRequest(spec, index);
		return timed(async () => {
			const output = await runChat(parsedRequest(raw), settings);
			if (output.fusion.candidates?.some((candidate) => candidate.status !== 'ok'))
				throw new Error('a best_of candidate failed in the bench');
		});
	};
	const direct: Timed = (index) => {
		const wire = wireRequest(slowest, parsedRequest(rawRequest(slowest, index)), slowestConnection);
		return timed(() => callDirect(wire));
	};
	await interleaved(10, bestOf, direct);
	const overhead: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const { first, second } = await interleaved(samples, bestOf, direct);
		overhead.push(percentile(first, 50) - percentile(second, 50));
	}
	return [
		{
			part: '3',
			name: 'best_of wall time over its slowest candidate, p50',
			unit: ' ms',
			runs: overhead,
			target: { kind: 'max', limit: 5 },
			decimals: 2,
			note: `3 candidates (60/80/${PROVIDER_LATENCY_MS} ms), consensus; baseline: direct call to the ${PROVIDER_LATENCY_MS} ms one`,
		},
	];
}

interface FailureKind {
	name: string;
	baseUrl: string;
	/** The error kind the first attempt must report, so that the figure measures the failure it names. */
	expectedKind: string;
	samples: number;
	/** For the timeout: the configured first-byte timeout, subtracted from the figure. */
	firstByteMs?: number;
	target?: number;
}

/** (4) A two-model fallback whose first model fails, against the second model asked alone. */
async function failoverTime(provider: BenchProvider): Promise<Figure[]> {
	const kinds: FailureKind[] = [
		{
			name: 'refused connection',
			baseUrl: await refusedBaseUrl(),
			expectedKind: 'network',
			samples: 20,
			target: 20,
		},
		{
			name: 'HTTP 500',
			baseUrl: provider.statusBaseUrl(500),
			expectedKind: 'server',
			samples: 20,
			target: 20,
		},
		{
			name: 'first-byte timeout (1 s)',
			baseUrl: provider.hangingBaseUrl(),
			expectedKind: 'timeout',
			samples: 3,
			firstByteMs: 1_000,
		},
	];
	progress(
		`(4) failover: ${RUNS} runs per failure, samples per run: ${kinds.map((kind) => `${kind.name} ${kind.samples}`).join(', ')}`,
	);
	const healthy = { baseUrl: provider.delayedBaseUrl(SHORT_LATENCY_MS), apiKey: BENCH_API_KEY };
	const backup = 'mistral/mistral-small-latest';
	const figures: Figure[] = [];
	for (const kind of kinds) {
		// Fresh health for every call: three failures in a row would otherwise cool the failing model down and
		// later calls would skip it instead of failing over.
		const settings = () =>
			engineSettings(
				{ openai: { baseUrl: kind.baseUrl, apiKey: BENCH_API_KEY }, mistral: healthy },
				{
					retry: NO_RETRIES,
					timeouts: { ...timeoutsFromTotal(120_000), firstByteMs: kind.firstByteMs ?? 120_000 },
				},
			);
		const failover: Timed = (index) => {
			const raw = rawRequest([SINGLE_MODEL, backup], index);
			return timed(async () => checkFailover(await runChat(parsedRequest(raw), settings()), kind));
		};
		const alone: Timed = (index) => {
			const raw = rawRequest(backup, index);
			return timed(() => runChat(parsedRequest(raw), settings()));
		};
		await interleaved(2, failover, alone);
		const added: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const { first, second } = await interleaved(kind.samples, failover, alone);
			added.push(median(first) - median(second) - (kind.firstByteMs ?? 0));
		}
		figures.push({
			part: '4',
			name: `failover after a ${kind.name}, added time`,
			unit: ' ms',
			runs: added,
			target: kind.target === undefined ? undefined : { kind: 'max', limit: kind.target },
			decimals: 2,
			note:
				kind.firstByteMs === undefined
					? 'fallback [failing, healthy] − healthy alone; Max Retries 0'
					: `beyond the ${kind.firstByteMs} ms timeout itself; Max Retries 0`,
		});
	}
	return figures;
}

function checkFailover(output: ChatCompletionOutput, kind: FailureKind): void {
	const [first, second] = output.fusion.attempts;
	if (first?.error?.type !== kind.expectedKind || second?.status !== 'ok') {
		throw new Error(
			`the ${kind.name} failover did not go as planned: ${JSON.stringify(output.fusion.attempts)}`,
		);
	}
}

const gc = (): void => {
	if (typeof global.gc !== 'function')
		throw new Error('the memory figure needs node --expose-gc (npm run bench passes it)');
	global.gc();
};

/** Heap after full collections, with a turn of the event loop between them for finalizers and weak references. */
async function settledHeapBytes(): Promise<number> {
	for (let pass = 0; pass < 3; pass++) {
		gc();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return process.memoryUsage().heapUsed;
}

interface MemoryOutcome {
	retainedMb: number;
	afterReleaseMb: number;
	jsonBytesPerItem: number;
}

/**
 * (5) Heap held by 1,000 answered items kept as n8n keeps a node's output ({ json, pairedItem } per item
 * until the execution ends); inputs and settings exist before the first measurement.
 */
async function retainedHeap(
	provider: BenchProvider,
	via: 'engine' | 'direct',
): Promise<MemoryOutcome> {
	const items = 1_000;
	const connection = { baseUrl: provider.delayedBaseUrl(SHORT_LATENCY_MS), apiKey: BENCH_API_KEY };
	const settings = engineSettings({ openai: connection });
	const raws = Array.from({ length: items }, (_, index) => rawRequest(SINGLE_MODEL, index));
	const wires =
		via === 'direct'
			? raws.map((raw) => wireRequest(SINGLE_MODEL, parsedRequest(raw), connection))
			: [];
	const before = await settledHeapBytes();
	let output: Array<{ json: unknown; pairedItem: { item: number } }> | undefined =
		await mapWithConcurrency(raws, 20, async (raw, index) => ({
			json:
				via === 'engine'
					? await runChat(parsedRequest(raw), settings)
					: await callDirect(wires[index]),
			pairedItem: { item: index },
		}));
	const retained = (await settledHeapBytes()) - before;
	const jsonBytesPerItem = JSON.stringify(output).length / items;
	output = undefined;
	const afterRelease = (await settledHeapBytes()) - before;
	const perThousandMb = (bytes: number) => ((bytes / items) * 1_000) / 1e6;
	return {
		retainedMb: perThousandMb(retained),
		afterReleaseMb: perThousandMb(afterRelease),
		jsonBytesPerItem,
	};
}

async function memoryPerThousandItems(provider: BenchProvider): Promise<Figure[]> {
	progress(`(5) retained heap: ${RUNS} runs of 1,000 items at concurrency 20, engine and direct`);
	await retainedHeap(provider, 'engine');
	await retainedHeap(provider, 'direct');
	const engine: MemoryOutcome[] = [];
	const direct: MemoryOutcome[] = [];
	for (let run = 0; run < RUNS; run++) {
		engine.push(await retainedHeap(provider, 'engine'));
		direct.push(await retainedHeap(provider, 'direct'));
	}
	const jsonSize = (outcomes: MemoryOutcome[]) =>
		`${Math.round(median(outcomes.map((outcome) => outcome.jsonBytesPerItem)))} B of JSON per item`;
	return [
		{
			part: '5',
			name: 'retained heap per 1,000 answered items, engine',
			unit: ' MB',
			runs: engine.map((outcome) => outcome.retainedMb),
			target: { kind: 'max', limit: 3 },
			decimals: 2,
			note: `output items kept as n8n keeps them; ${jsonSize(engine)}`,
		},
		{
			part: '5',
			name: 'retained heap per 1,000 items, direct undici bodies (baseline)',
			unit: ' MB',
			runs: direct.map((outcome) => outcome.retainedMb),
			decimals: 2,
			note: `the provider's parsed JSON kept the same way; ${jsonSize(direct)}`,
		},
		{
			part: '5',
			name: 'heap left after the engine items are released',
			unit: ' MB',
			runs: engine.map((outcome) => outcome.afterReleaseMb),
			decimals: 2,
			note: 'per 1,000 items; ≈ 0 means nothing leaks per request',
		},
	];
}

export async function runEngineBenches(provider: BenchProvider): Promise<Figure[]> {
	return [
		...(await engineOverhead(provider)),
		...(await imageOverhead(provider)),
		...(await batchThroughput(provider)),
		...(await bestOfWallTime(provider)),
		...(await failoverTime(provider)),
		...(await memoryPerThousandItems(provider)),
	];
}
