import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runCommandOrThrow } from '../n8n/run-command';
import { BackgroundProcess } from '../helpers/background-process';
import { postgresBinaries } from './debian-packages';

const READY_LINE = 'database system is ready to accept connections';
const SUPERUSER = 'postgres';

/** initdb refuses to run as root: as root, the cluster is made and run by Debian's `postgres` user. */
function asClusterOwner(command: string): string[] {
	return process.getuid?.() === 0 ? ['runuser', '-u', SUPERUSER, '--', command] : [command];
}

/**
 * A throwaway PostgreSQL cluster on loopback with trust auth (nothing but loopback reaches it), in a temporary
 * folder of its own that its owner can reach: the caller's may be closed to other users.
 */
export class PostgresCluster {
	private process?: BackgroundProcess;
	readonly user = process.getuid?.() === 0 ? SUPERUSER : userInfo().username;
	readonly database = 'postgres';

	private constructor(
		readonly port: number,
		private readonly dir: string,
	) {}

	/** On failure nothing is left running and the folder is gone. */
	static async start(port: number): Promise<PostgresCluster> {
		const cluster = new PostgresCluster(
			port,
			mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-postgres-')),
		);
		try {
			await cluster.initAndRun();
			return cluster;
		} catch (error) {
			await cluster.stop();
			throw error;
		}
	}

	private async initAndRun(): Promise<void> {
		const { initdb, postgres } = postgresBinaries();
		const dataDir = join(this.dir, 'data');
		mkdirSync(dataDir, { mode: 0o700 });
		if (process.getuid?.() === 0) {
			const { uid, gid } = await clusterOwnerIds();
			chownSync(this.dir, uid, gid);
			chownSync(dataDir, uid, gid);
		}
		const [initCommand, ...initPrefix] = asClusterOwner(initdb);
		await runCommandOrThrow(
			initCommand,
			[...initPrefix, '-D', dataDir, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--no-sync'],
			{ cwd: this.dir, timeoutMs: 2 * 60_000 },
		);
		const [command, ...prefix] = asClusterOwner(postgres);
		const server = BackgroundProcess.start(
			'postgres',
			command,
			[
				...[...prefix, '-D', dataDir, '-p', String(this.port), '-k', this.dir],
				...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
			],
			{ cwd: this.dir, stopSignal: 'SIGINT' },
		);
		this.process = server;
		await server.waitUntil('ready', () => server.logs.includes(READY_LINE), 60_000);
	}

	/** n8n's settings for this cluster. */
	get n8nEnvironment(): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	async stop(): Promise<void> {
		await this.process?.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

async function clusterOwnerIds(): Promise<{ uid: number; gid: number }> {
	const ids = await runCommandOrThrow('id', ['-u', SUPERUSER], { cwd: '/', timeoutMs: 10_000 });
	const groups = await runCommandOrThrow('id', ['-g', SUPERUSER], { cwd: '/', timeoutMs: 10_000 });
	return { uid: Number(ids.stdout.trim()), gid: Number(groups.stdout.trim()) };
}
