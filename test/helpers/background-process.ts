import { spawn, type ChildProcess } from 'node:child_process';

/** A long-running process kept in memory this much at most: a worker's log must not grow without bound. */
const KEPT_LOG_CHARS = 500_000;
const STOP_GRACE_MS = 20_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is gone already.
	}
}

function groupIsAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

export interface BackgroundProcessOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** What asks it to stop: Postgres shuts down fast on SIGINT, but waits for its clients on SIGTERM. */
	stopSignal?: NodeJS.Signals;
}

/**
 * A server the suite starts (Redis, Postgres, an n8n worker) in a process group of its own, so that stopping it
 * ends whatever it started too, and a Ctrl-C meant for jest reaches jest first. Killed with the test process if
 * nobody stopped it.
 */
export class BackgroundProcess {
	private output = '';
	private exitCode: number | null | undefined;
	private readonly exited: Promise<void>;
	private readonly killOnExit = () => signalGroup(this.pid, 'SIGKILL');

	private constructor(
		private readonly child: ChildProcess,
		readonly name: string,
		private readonly stopSignal: NodeJS.Signals,
	) {
		this.exited = new Promise((resolve) =>
			child.once('exit', (code) => {
				this.exitCode = code;
				process.off('exit', this.killOnExit);
				resolve();
			}),
		);
		for (const stream of [child.stdout, child.stderr])
			stream?.on('data', (chunk: Buffer) => {
				this.output = (this.output + chunk.toString('utf8')).slice(-KEPT_LOG_CHARS);
			});
		process.once('exit', this.killOnExit);
	}

	static start(
		name: string,
		command: string,
		args: string[],
		options: BackgroundProcessOptions,
	): BackgroundProcess {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return new BackgroundProcess(child, name, options.stopSignal ?? 'SIGTERM');
	}

	get pid(): number {
		return this.child.pid ?? 0;
	}

	get logs(): string {
		return this.output;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	logTail(lines = 30): string {
		return this.output.trim().split('\n').slice(-lines).join('\n');
	}

	/** Waits until `ready` says yes, failing early with the log when the process ends first. */
	async waitUntil(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running)
				throw new Error(
					`${this.name} exited with ${this.exitCode} before ${what}\n${this.logTail()}`,
				);
			if (await ready()) return;
			await delay(200);
		}
		throw new Error(`${this.name}: not ${what} within ${timeoutMs / 1000} s\n${this.logTail()}`);
	}

	/** The stop signal to the group, SIGKILL to whatever is left after the grace period. */
	async stop(): Promise<void> {
		if (this.pid === 0) return;
		if (this.running) {
			signalGroup(this.pid, this.stopSignal);
			const killTimer = setTimeout(() => signalGroup(this.pid, 'SIGKILL'), STOP_GRACE_MS);
			await this.exited;
			clearTimeout(killTimer);
		}
		for (let waited = 0; waited < STOP_GRACE_MS && groupIsAlive(this.pid); waited += 100)
			await delay(100);
		signalGroup(this.pid, 'SIGKILL');
	}
}
