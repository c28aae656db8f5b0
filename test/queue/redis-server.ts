import { BackgroundProcess } from './background-process';

const READY_LINE = 'Ready to accept connections';

/**
 * A throwaway redis-server on loopback. The append-only file keeps n8n's queue across a stop and a start, so a
 * test can take Redis away mid-run and give it back with the jobs n8n is waiting for still there.
 */
export class RedisServer {
	private process?: BackgroundProcess;

	constructor(
		readonly port: number,
		private readonly dir: string,
	) {}

	async start(): Promise<void> {
		const server = BackgroundProcess.start(
			'redis-server',
			'redis-server',
			[
				...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
				...['--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
			],
			{ cwd: this.dir },
		);
		this.process = server;
		await server.waitUntil('ready', () => server.logs.includes(READY_LINE), 30_000);
	}

	/** SIGTERM: Redis writes its append-only file and exits; clients see their connections refused. */
	async stop(): Promise<void> {
		await this.process?.stop();
	}

	get logs(): string {
		return this.process?.logs ?? '';
	}
}
