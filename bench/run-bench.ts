/**
 * `npm run bench`: every performance figure and target in one run, printed as a Markdown table with the
 * machine it ran on. `-- --only=engine` runs parts 1–5 (about two minutes), `-- --only=n8n` part 6 and
 * `-- --only=state` parts 7–8 (Fusion's state in Redis and queue-mode workers, about three minutes).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { NODE_VERSION, N8N_VERSION } from '../test/n8n/n8n-install';
import { startBenchProvider } from './bench-provider';
import { runEngineBenches, RUNS } from './engine-benches';
import { closeDirectAgent } from './engine-client';
import { formatTable, passes, type Figure } from './figures';
import { othersShare, sampleCpu, watchLoadAverage, type CpuSample } from './machine-load';
import { OPENAI_NODE_ROUNDS, runN8nBench } from './n8n-bench';
import { progress } from './progress';
import { queueWorkerThroughput } from './queue-workers-bench';
import { redisStateCost } from './redis-state-bench';

const PARTS = ['engine', 'n8n', 'state'] as const;
type Only = (typeof PARTS)[number] | undefined;

function parseOnly(args: string[]): Only {
	const flag = args.find((arg) => arg.startsWith('--only='));
	if (flag === undefined) return undefined;
	const value = flag.slice('--only='.length);
	const part = PARTS.find((name) => name === value);
	if (part === undefined) throw new Error(`--only takes ${PARTS.join(', ')}, not "${value}"`);
	return part;
}

const loadAverage = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(', ');

function memorySummary(): string {
	try {
		return execFileSync('free', ['-h'], { encoding: 'utf8' }).trim();
	} catch {
		return `${(totalmem() / 2 ** 30).toFixed(1)} GiB total`;
	}
}

const percent = (share: number | undefined) =>
	share === undefined ? 'no reading (needs /proc)' : `${share.toFixed(1)} %`;

async function main(): Promise<void> {
	const only = parseOnly(process.argv.slice(2));
	const loadBefore = loadAverage();
	const load = watchLoadAverage();
	const startedAt = new Date();
	const provider = await startBenchProvider();
	const figures: Figure[] = [];
	// Samples are taken while the provider still runs, so that its ticks are counted as the bench's own. A part's
	// own servers (Redis, PostgreSQL, n8n) have ended and been reaped by the second sample: their ticks are ours.
	const samples: Array<{ label: string; from: CpuSample | undefined; to: CpuSample | undefined }> =
		[];
	const measure = async (label: string, part: () => Promise<Figure[]>) => {
		const from = sampleCpu([provider.pid]);
		figures.push(...(await part()));
		samples.push({ label, from, to: sampleCpu([provider.pid]) });
	};
	try {
		const runs = (part: Only) => only === undefined || only === part;
		if (runs('engine')) await measure('parts 1–5', () => runEngineBenches(provider));
		if (runs('n8n')) await measure('part 6', () => runN8nBench(provider));
		if (runs('state'))
			await measure('parts 7–8', async () => [
				...(await redisStateCost(provider)),
				...(await queueWorkerThroughput()),
			]);
	} finally {
		load.stop();
		await provider.close();
		await closeDirectAgent();
	}
	const minutes = ((Date.now() - startedAt.getTime()) / 60_000).toFixed(1);
	const missed = figures.filter((figure) => passes(figure) === false);
	const lines = [
		`## Run of ${startedAt.toISOString()} (${minutes} min)`,
		'',
		formatTable(figures),
		'',
		`Each figure is the median of ${RUNS} runs (n8n's OpenAI node: ${OPENAI_NODE_ROUNDS}) after a warm-up; targets missed: ${missed.length === 0 ? 'none' : missed.map((figure) => figure.name).join('; ')}.`,
		'',
		'### Machine',
		`- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} logical cores (nproc)`,
		`- Node ${process.version} for parts 1–5 and 7; n8n ${N8N_VERSION} on Node ${NODE_VERSION} for parts 6 and 8`,
		`- Load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after; the 1-minute figure peaked at ${load.peak().toFixed(2)}`,
		`- CPU used by other processes (all cores = 100 %): ${samples.map((sample) => `${sample.label} ${percent(othersShare(sample.from, sample.to))}`).join(', ')}`,
		'- Memory (free -h):',
		'```',
		memorySummary(),
		'```',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
	progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	process.exitCode = 1;
});
