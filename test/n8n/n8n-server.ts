import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort, n8nEnvironment, type N8nCli } from './n8n-cli';
import type { N8nInstallation } from './n8n-install';
import { tail } from './run-command';

export interface N8nServerOptions {
	/** The port the editor, REST API and webhooks listen on; a free one when not given. */
	port?: number;
	/** Added to the environment n8n-cli.ts builds (owner account, cookie settings, …). */
	env?: NodeJS.ProcessEnv;
	/** n8n's output is written here as well as kept in memory (the last part of it). */
	logFile?: string;
	readyTimeoutMs?: number;
}

/**
 * n8n prints this once the editor and the REST API are served. The webhooks of published workflows may come a
 * moment later: see waitForWebhook.
 */
const READY_LINE = 'Editor is now accessible via';
/** n8n stops its task runner and drains executions on SIGTERM; a few seconds are normal. */
const STOP_GRACE_MS = 20_000;
/** A long interactive session must not grow the log kept in memory without bound. */
const KEPT_LOG_CHARS = 200_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something already listens on this loopback port. */
export async function portIsTaken(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Signals a process group, which may be gone already. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Nothing left to signal.
	}
}

/**
 * Publishes (activates) an imported workflow the way n8n 2.x does it from the command line, so that the
 * server registers its triggers and webhooks when it starts. One n8n boot per workflow.
 */
export async function publishWorkflow(cli: N8nCli, workflowId: string): Promise<void> {
	const result = await cli.run(['publish:workflow', `--id=${workflowId}`]);
	if (result.exitCode !== 0) {
		throw new Error(`n8n publish:workflow --id=${workflowId} failed\n${tail(result)}`);
	}
}

/**
 * `n8n start`: the editor, the REST API and production webhooks, on loopback. n8n and its task runner run
 * in a process group of their own, so that stopping ends both and a Ctrl-C meant for the caller is handled
 * by the caller, which then stops the server in order.
 */
export class N8nServer {
	private output = '';
	private readonly exited: Promise<number | null>;
	private exitCode: number | null | undefined;
	private readonly killOnExit = () => signalGroup(this.child.pid ?? 0, 'SIGKILL');

	private constructor(
		private readonly child: ChildProcess,
		readonly port: number,
		private readonly logFile: string | undefined,
	) {
		this.url = `http://127.0.0.1:${port}`;
		this.exited = new Promise((resolve) => {
			child.once('exit', (code) => {
				this.exitCode = code;
				process.off('exit', this.killOnExit);
				resolve(code);
			});
		});
		for (const stream of [child.stdout, child.stderr])
			stream?.on('data', (chunk: Buffer) => this.record(chunk.toString('utf8')));
		// If the caller dies without stopping the server, n8n must not outlive it holding the port.
		process.once('exit', this.killOnExit);
	}

	/** Loopback by address: `localhost` may resolve to ::1 first, where n8n does not listen. */
	readonly url: string;

	/** The last part of what n8n printed. */
	get logs(): string {
		return this.output;
	}

	/** Whether n8n is still running. */
	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** Resolves with n8n's exit code when it ends, whoever ended it. */
	whenExited(): Promise<number | null> {
		return this.exited;
	}

	webhookUrl(path: string): string {
		return `${this.url}/webhook/${path}`;
	}

	static async start(
		installation: N8nInstallation,
		userFolder: string,
		options: N8nServerOptions = {},
	): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		if (await portIsTaken(port)) {
			throw new Error(
				`port ${port} is already in use (another n8n?): stop it or choose another port`,
			);
		}
		const env = {
			...(await n8nEnvironment(installation, userFolder)),
			N8N_PORT: String(port),
			// Loopback only: nothing started here is meant for other machines (the demo's owner password is public).
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			...options.env,
		};
		if (options.logFile) writeFileSync(options.logFile, '');
		const child = spawn(installation.nodeBinary, [installation.n8nBin, 'start'], {
			cwd: userFolder,
			env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const server = new N8nServer(child, port, options.logFile);
		try {
			await server.waitUntilReady(options.readyTimeoutMs ?? 3 * 60_000);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	private record(text: string): void {
		this.output = (this.output + text).slice(-KEPT_LOG_CHARS);
		if (this.logFile) appendFileSync(this.logFile, text);
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running)
				throw new Error(`n8n exited with ${this.exitCode} before it was ready\n${this.logTail()}`);
			if (this.output.includes(READY_LINE) && (await this.answersHealthCheck())) return;
			await delay(200);
		}
		throw new Error(
			`n8n was not ready within ${Math.round(timeoutMs / 1000)} s\n${this.logTail()}`,
		);
	}

	private async answersHealthCheck(): Promise<boolean> {
		try {
			const response = await fetch(`${this.url}/healthz/readiness`);
			await response.body?.cancel();
			return response.ok;
		} catch {
			return false;
		}
	}

	/**
	 * n8n 2.x registers the webhooks of published workflows in the background, after it says it is ready. A
	 * CORS preflight answers 204 only once a webhook is registered at the path, without running the workflow.
	 */
	async waitForWebhook(path: string, method = 'POST', timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`n8n exited with ${this.exitCode}\n${this.logTail()}`);
			const response = await fetch(this.webhookUrl(path), {
				method: 'OPTIONS',
				headers: { origin: this.url, 'access-control-request-method': method },
			}).catch(() => undefined);
			await response?.body?.cancel();
			if (
				response?.status === 204 &&
				response.headers.get('access-control-allow-methods')?.includes(method)
			)
				return;
			await delay(200);
		}
		throw new Error(
			`n8n registered no ${method} webhook at /webhook/${path} within ${Math.round(timeoutMs / 1000)} s\n${this.logTail()}`,
		);
	}

	logTail(lines = 40): string {
		return this.output.trim().split('\n').slice(-lines).join('\n');
	}

	/** SIGTERM to n8n and its task runner, SIGKILL for whatever is left after the grace period. */
	async stop(): Promise<void> {
		const pid = this.child.pid;
		if (pid === undefined) return;
		if (this.running) {
			signalGroup(pid, 'SIGTERM');
			const killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
			await this.exited;
			clearTimeout(killTimer);
		}
		// The task runner may outlive n8n by a moment; nothing of the group may be left behind.
		for (let waited = 0; waited < STOP_GRACE_MS && isAlive(-pid); waited += 100) await delay(100);
		signalGroup(pid, 'SIGKILL');
	}
}
