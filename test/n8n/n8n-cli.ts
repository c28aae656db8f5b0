import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { IRun } from 'n8n-workflow';
import type { N8nInstallation } from './n8n-install';
import { runCommand, tail, type CommandResult } from './run-command';
import type { WorkflowToImport } from './workflow-builder';

/** A credential as `n8n import:credentials` takes it; plain `data` is encrypted by n8n on import. */
export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export type BatchStatus = 'success' | 'warning' | 'error';

export interface BatchExecution {
	status: BatchStatus;
	/** n8n's one-line reason for a failed execution. */
	error?: string;
	/** The full run data; n8n saves it only for executions that succeeded. */
	run?: IRun;
}

// Variables from the caller's shell that would point n8n at another database, queue or folder, and jest's
// NODE_ENV=test, under which n8n refuses to load nodes.
const FOREIGN_ENV = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$)/;

const ENCRYPTION_KEY = 'n8n-nodes-fusion-e2e-encryption-key';

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string')
		throw new Error('no TCP port could be reserved');
	return address.port;
}

/** The environment every n8n command and the n8n server (n8n-server.ts) run in: this user folder, nothing inherited. */
export async function n8nEnvironment(
	installation: N8nInstallation,
	userFolder: string,
): Promise<NodeJS.ProcessEnv> {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !FOREIGN_ENV.test(name)),
	);
	return {
		...inherited,
		PATH: installation.path,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// No network here but the registry: telemetry and version checks would only wait and fail.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		// `execute` prints the run data through the logger at level info.
		N8N_LOG_LEVEL: 'info',
		// The task runner broker would otherwise take port 5679, which a local n8n may hold.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
}

/**
 * n8n prints the run as pretty JSON among its log lines: the object opens with `{` and closes with `}`, both
 * alone on a line. The first such block that parses into a run wins.
 */
export function parseRunFromCliOutput(output: string): IRun | undefined {
	const lines = output.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as Partial<IRun>;
				if (parsed.data?.resultData !== undefined) return parsed as IRun;
			} catch {
				// A shorter block was only part of the object (or a log line shaped like one): keep looking.
			}
		}
	}
	return undefined;
}

/**
 * n8n's command line against one user folder (database, settings, installed packages). Each call boots n8n,
 * so callers batch: one import of all credentials, one of all workflows, one execute-batch.
 */
export class N8nCli {
	/** Everything n8n printed, command by command: the place to look for a leaked secret. */
	readonly logs: string[] = [];

	constructor(
		private readonly installation: N8nInstallation,
		readonly userFolder: string,
	) {}

	async run(args: string[], timeoutMs = 5 * 60_000): Promise<CommandResult> {
		const result = await runCommand(
			this.installation.nodeBinary,
			[this.installation.n8nBin, ...args],
			{
				cwd: this.userFolder,
				env: await n8nEnvironment(this.installation, this.userFolder),
				timeoutMs,
			},
		);
		this.logs.push(`$ n8n ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	private async runOrThrow(args: string[]): Promise<CommandResult> {
		const result = await this.run(args);
		if (result.exitCode !== 0)
			throw new Error(`n8n ${args.join(' ')} exited with ${result.exitCode}\n${tail(result)}`);
		return result;
	}

	private inputFolder(name: string): string {
		const folder = join(this.userFolder, 'cli-input', name);
		mkdirSync(folder, { recursive: true });
		return folder;
	}

	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		const file = join(this.inputFolder('credentials'), 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.runOrThrow(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: WorkflowToImport[]): Promise<void> {
		const folder = this.inputFolder('workflows');
		for (const workflow of workflows)
			writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await this.runOrThrow(['import:workflow', '--separate', `--input=${folder}`]);
	}

	/** Runs one workflow with `n8n execute`; returns its run data, also when the run failed. */
	async execute(workflowId: string): Promise<IRun> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput']);
		const run = parseRunFromCliOutput(result.stdout);
		if (run === undefined)
			throw new Error(`n8n execute --id=${workflowId} printed no run data\n${tail(result)}`);
		return run;
	}

	/**
	 * Runs several workflows in one boot of n8n (`execute-batch`), one after the other, each once. n8n only
	 * selects ids that contain a digit.
	 */
	async executeBatch(workflowIds: string[]): Promise<Map<string, BatchExecution>> {
		if (workflowIds.some((id) => !/\d/.test(id)))
			throw new Error('execute-batch skips workflow ids without a digit');
		const folder = this.inputFolder(`batch-${Date.now()}`);
		const snapshots = join(folder, 'snapshots');
		mkdirSync(snapshots);
		const summaryFile = join(folder, 'summary.json');
		const result = await this.run([
			'execute-batch',
			`--ids=${workflowIds.join(',')}`,
			`--snapshot=${snapshots}`,
			`--output=${summaryFile}`,
			'--retries=0',
		]);
		if (!existsSync(summaryFile))
			throw new Error(`n8n execute-batch wrote no summary\n${tail(result)}`);

		const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
			executions: Array<{ workflowId: string; executionStatus: BatchStatus; error?: string }>;
		};
		const executions = new Map<string, BatchExecution>();
		for (const execution of summary.executions) {
			const snapshot = join(snapshots, `${execution.workflowId}-snapshot.json`);
			executions.set(execution.workflowId, {
				status: execution.executionStatus,
				error: execution.error,
				run: existsSync(snapshot)
					? (JSON.parse(readFileSync(snapshot, 'utf8')) as IRun)
					: undefined,
			});
		}
		return executions;
	}
}
