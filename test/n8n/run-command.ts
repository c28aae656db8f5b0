import { spawn } from 'node:child_process';

export interface CommandResult {
	exitCode: number | null;
	stdout: string;
	stderr: string;
}

export interface RunCommandOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** The command's whole process group is ended after this long. */
	timeoutMs: number;
	/** Called every `heartbeatMs` while the command runs, so a long install shows it is alive. */
	onHeartbeat?: (elapsedMs: number) => void;
	heartbeatMs?: number;
}

/** After a timeout's SIGTERM, how long the command has to shut down (n8n stops its task runner) before SIGKILL. */
const KILL_GRACE_MS = 10_000;

/**
 * Runs a command without blocking the event loop: the mock provider lives in this process and must keep
 * answering while n8n, a child, calls it. The child stays in this process group, so a Ctrl-C in the terminal
 * reaches it and whatever it started too.
 */
export function runCommand(
	command: string,
	args: string[],
	options: RunCommandOptions,
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

		const startedAt = Date.now();
		let timedOut = false;
		let killTimer: NodeJS.Timeout | undefined;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
		}, options.timeoutMs);
		const heartbeat = options.onHeartbeat
			? setInterval(
					() => options.onHeartbeat?.(Date.now() - startedAt),
					options.heartbeatMs ?? 30_000,
				)
			: undefined;

		const finish = () => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			if (heartbeat) clearInterval(heartbeat);
		};
		child.on('error', (error) => {
			finish();
			reject(error);
		});
		const collected = (exitCode: number | null): CommandResult => ({
			exitCode,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
		});
		// After a timeout, a grandchild may still hold the output pipes open: settle on the exit itself.
		child.on('exit', (exitCode) => {
			if (!timedOut) return;
			finish();
			reject(
				new Error(
					`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\n${tail(collected(exitCode))}`,
				),
			);
		});
		child.on('close', (exitCode) => {
			if (timedOut) return;
			finish();
			resolve(collected(exitCode));
		});
	});
}

/** The last lines a command printed, for an error message that says why it failed. */
export function tail(result: CommandResult, lines = 40): string {
	return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-lines).join('\n');
}

/** Like runCommand, but a non-zero exit is an error carrying the command's last output lines. */
export async function runCommandOrThrow(
	command: string,
	args: string[],
	options: RunCommandOptions,
): Promise<CommandResult> {
	const result = await runCommand(command, args, options);
	if (result.exitCode !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited with ${result.exitCode}\n${tail(result)}`);
	}
	return result;
}
