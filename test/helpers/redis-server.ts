import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A real redis-server on a free loopback port, without persistence, for one test file. */
export interface RedisServer {
	port: number;
	url: string;
	/** Kills the server (by its pid) and waits until it is gone. */
	stop(): Promise<void>;
	/** Starts it again on the same port, empty. */
	restart(): Promise<void>;
}

async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const address = server.address();
	server.close();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return address.port;
}

async function launch(port: number): Promise<ChildProcess> {
	const child = spawn(
		'redis-server',
		[
			...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			// DEBUG SLEEP makes a slow Redis.
			...['--enable-debug-command', 'local'],
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) resolve();
		});
	});
	child.removeAllListeners('exit');
	child.stdout?.removeAllListeners('data').resume();
	child.stderr?.resume();
	return child;
}

async function kill(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	const exited = once(child, 'exit');
	process.kill(child.pid, 'SIGKILL');
	await exited;
}

export async function startRedisServer(): Promise<RedisServer> {
	const port = await freePort();
	let child = await launch(port);
	// Should jest die before afterAll, the server must not outlive it.
	const killOnExit = () => {
		if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
	};
	process.once('exit', killOnExit);
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		async stop() {
			await kill(child);
		},
		async restart() {
			await kill(child);
			child = await launch(port);
		},
	};
}
