import { freePort } from '../n8n/n8n-cli';
import { BackgroundProcess } from './background-process';

const READY_LINE = 'Ready to accept connections';

export interface RedisServerOptions {
	/**
	 * Where Redis keeps an append-only file, so that what it held survives a stop and a start (n8n's queue, for
	 * a test that takes Redis away mid-run). Without it each start is empty.
	 */
	appendOnlyDir?: string;
}

/** A real redis-server on a free loopback port, stopped by its pid (and with the test process at the latest). */
export class RedisServer {
	private process?: BackgroundProcess;

	private constructor(
		readonly port: number,
		private readonly options: RedisServerOptions,
	) {}

	static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
		const server = new RedisServer(await freePort(), options);
		await server.start();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	get logs(): string {
		return this.process?.logs ?? '';
	}

	/** Starts it again on the same port after stop(). */
	async start(): Promise<void> {
		const dir = this.options.appendOnlyDir;
		const persistence =
			// Synced every second, as installations run it; a stop still writes the file whole.
			dir === undefined
				? ['--appendonly', 'no']
				: ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec'];
		const server = BackgroundProcess.start(
			'redis-server',
			'redis-server',
			[
				...['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence],
				// DEBUG SLEEP makes a slow Redis.
				...['--enable-debug-command', 'local'],
			],
			{ cwd: dir ?? process.cwd() },
		);
		this.process = server;
		await server.waitUntil('ready', () => server.logs.includes(READY_LINE), 30_000);
	}

	/** SIGTERM: Redis writes its append-only file, if any, and exits; clients see their connections refused. */
	async stop(): Promise<void> {
		await this.process?.stop();
	}

	/** A stop and a start: empty again unless it keeps an append-only file. */
	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}
}
