import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The benchmark's provider, running in a child process; base URLs in the form OpenAI-style credentials take. */
export interface BenchProvider {
	url: string;
	/** The child process's id, for the machine-load reading. */
	pid: number;
	/** Answers every request after `ms`. */
	delayedBaseUrl(ms: number): string;
	/** Answers every request with this HTTP status at once. */
	statusBaseUrl(status: number): string;
	/** Never answers. */
	hangingBaseUrl(): string;
	close(): Promise<void>;
}

/**
 * Starts the provider in its own Node process: on two cores, a server in the measuring process would take
 * event-loop turns from the very client whose per-request cost is being measured.
 */
export async function startBenchProvider(): Promise<BenchProvider> {
	const child = fork(join(__dirname, 'bench-provider-server.js'), [], {
		execArgv: [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		child.once('message', (message) => resolve((message as { url: string }).url));
		child.once('exit', (code) =>
			reject(new Error(`the bench provider exited with ${code} before listening`)),
		);
	});
	return {
		url,
		pid: child.pid ?? 0,
		delayedBaseUrl: (ms) => `${url}/delay/${ms}/v1`,
		statusBaseUrl: (status) => `${url}/status/${status}/v1`,
		hangingBaseUrl: () => `${url}/hang/v1`,
		close: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) {
					resolve();
					return;
				}
				child.once('exit', () => resolve());
				child.disconnect();
			}),
	};
}

/** A loopback base URL nothing listens on: the port was free a moment ago, so a connection is refused. */
export async function refusedBaseUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string')
		throw new Error('no loopback port could be reserved');
	return `http://127.0.0.1:${address.port}/v1`;
}
