import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndPack, installTarball } from '../n8n/fusion-package';
import { freePort, n8nEnvironment } from '../n8n/n8n-cli';
import { ensureN8nInstalled, type N8nInstallation } from '../n8n/n8n-install';
import { N8nServer } from '../n8n/n8n-server';
import { BackgroundProcess } from '../helpers/background-process';
import { ensureDebianPackages } from './debian-packages';
import { N8nRest } from './n8n-rest';
import { PostgresCluster } from './postgres-cluster';
import { RedisServer } from '../helpers/redis-server';

const WORKER_READY_LINE = 'n8n worker is now ready';
export const WORKER_NAMES = ['worker-1', 'worker-2'] as const;

export interface QueueStackOptions {
	/** How many of WORKER_NAMES to start: all by default; the bench compares one with two. */
	workers?: number;
	/** The repository to pack, for callers compiled away from it (the bench). */
	repoRoot?: string;
}

/**
 * A real n8n in queue mode on loopback: redis-server, a throwaway PostgreSQL cluster, `n8n start` (main: the
 * editor, the REST API and the webhooks, which it queues) and two `n8n worker`s (or as many as asked) with
 * concurrency 1, which run the executions. Every process has this package, freshly packed, in its own user folder's custom folder.
 */
export class QueueStack {
	private workers = new Map<string, BackgroundProcess>();

	private constructor(
		private readonly installation: N8nInstallation,
		private readonly dir: string,
		readonly redis: RedisServer,
		readonly postgres: PostgresCluster,
		readonly main: N8nServer,
		readonly rest: N8nRest,
	) {}

	/** Everything started so far is stopped when a later step fails; the caller stops the rest with stop(). */
	static async start(
		workerEnv: NodeJS.ProcessEnv,
		options: QueueStackOptions = {},
	): Promise<QueueStack> {
		await ensureDebianPackages(['redis-server', 'postgresql']);
		const installation = await ensureN8nInstalled();
		const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-queue-'));
		const started: Array<{ stop(): Promise<void> }> = [];
		try {
			const tarball = await buildAndPack(dir, options.repoRoot);
			const mainFolder = join(dir, 'main');
			await installTarball(tarball, join(mainFolder, '.n8n', 'custom'));
			for (const worker of WORKER_NAMES)
				cpSync(join(mainFolder, '.n8n'), join(dir, worker, '.n8n'), { recursive: true });

			const redis = await RedisServer.start({ appendOnlyDir: mkdirIn(dir, 'redis') });
			started.push(redis);
			const postgres = await PostgresCluster.start(await freePort());
			started.push(postgres);

			const shared = sharedEnvironment(redis, postgres);
			const main = await N8nServer.start(installation, mainFolder, { env: shared });
			started.push(main);
			const rest = await N8nRest.asNewOwner(main.url);
			const stack = new QueueStack(installation, dir, redis, postgres, main, rest);
			// From here on the stack stops everything, its own folder included.
			started.splice(0, started.length, stack);
			await stack.startWorkers(workerEnv, options.workers);
			return stack;
		} catch (error) {
			for (const server of started.reverse()) await server.stop();
			rmSync(dir, { recursive: true, force: true });
			throw error;
		}
	}

	/** Starts the first `count` workers with these extra variables (FUSION_STATE, …), stopping any running ones first. */
	async startWorkers(
		extraEnv: NodeJS.ProcessEnv,
		count: number = WORKER_NAMES.length,
	): Promise<void> {
		await this.stopWorkers();
		const shared = sharedEnvironment(this.redis, this.postgres);
		await Promise.all(
			WORKER_NAMES.slice(0, count).map(async (name) => {
				const userFolder = join(this.dir, name);
				const env = {
					...(await n8nEnvironment(this.installation, userFolder)),
					...shared,
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
					...extraEnv,
				};
				const worker = BackgroundProcess.start(
					name,
					this.installation.nodeBinary,
					[this.installation.n8nBin, 'worker', '--concurrency=1'],
					{ cwd: userFolder, env },
				);
				this.workers.set(name, worker);
				await worker.waitUntil('ready', () => worker.logs.includes(WORKER_READY_LINE), 3 * 60_000);
			}),
		);
	}

	private async stopWorkers(): Promise<void> {
		await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
		this.workers.clear();
	}

	/** The worker that ran an execution, from the line each worker logs when it takes a job. */
	workerThatRan(executionId: string): string {
		const line = new RegExp(`Worker started execution ${executionId} \\(`);
		const names = [...this.workers].filter(([, worker]) => line.test(worker.logs));
		if (names.length !== 1)
			throw new Error(`execution ${executionId} was started by ${names.length} workers`);
		return names[0][0];
	}

	workerLogs(): string {
		return [...this.workers.values()].map((worker) => worker.logs).join('\n');
	}

	async stop(): Promise<void> {
		await this.stopWorkers();
		await this.main.stop();
		await this.postgres.stop();
		await this.redis.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

function mkdirIn(parent: string, name: string): string {
	const dir = join(parent, name);
	mkdirSync(dir);
	return dir;
}

/** What main and the workers share: the queue, the database, and no reaching outside. */
function sharedEnvironment(redis: RedisServer, postgres: PostgresCluster): NodeJS.ProcessEnv {
	return {
		...postgres.n8nEnvironment,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// The MCP registry module fetches its list from the internet at start.
		N8N_DISABLED_MODULES: 'mcp-registry',
	};
}
