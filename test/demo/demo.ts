/**
 * `npm run demo`: the bundled provider simulator and a real n8n at http://localhost:5678 with this package
 * installed as a community package, the sample workflows imported and credentials pointing at the simulator
 * (or at a provider's real API when its key is in the environment). Stays up until Ctrl-C.
 *
 * `npm run demo -- --headless`: the same setup in a throwaway folder; runs every sample once and prints, for
 * each item, the model that answered, how, the cost and the answer. Exits 0 when every item was answered.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { buildAndPack, installTarball, PACKAGE_NAME } from '../n8n/fusion-package';
import { N8nCli } from '../n8n/n8n-cli';
import {
	cacheDir,
	ensureN8nInstalled,
	N8N_VERSION,
	type N8nInstallation,
} from '../n8n/n8n-install';
import { N8nServer, portIsTaken } from '../n8n/n8n-server';
import { OWNER_EMAIL, OWNER_ENVIRONMENT, OWNER_PASSWORD } from '../n8n/owner-account';
import { outputJson } from '../n8n/run-data';
import { formatReport, reportRows, type ReportSection } from './demo-report';
import {
	DEMO_CHAT_NODES,
	DEMO_WORKFLOW_IDS,
	demoConnections,
	demoWorkflows,
	type DemoConnection,
} from './demo-setup';

const USAGE = `Usage: npm run demo [-- [--headless] [--port=5678] [--simulator-port=5690]]

  (no option)          start the provider simulator and n8n with the sample workflows; Ctrl-C stops both
  --headless           run the sample workflows once, print the answers and exit
  --port=N             n8n's port (default 5678, or FUSION_DEMO_PORT)
  --simulator-port=N   the provider simulator's port (default 5690, or FUSION_DEMO_SIMULATOR_PORT)

Set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, MISTRAL_API_KEY or OPENROUTER_API_KEY to send that
provider's requests to its real API instead of the simulator.`;

interface DemoOptions {
	headless: boolean;
	port: number;
	simulatorPort: number;
}

class UsageError extends Error {}

function portFrom(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65_535)
		throw new UsageError(`${name} must be a port number, not "${value}"`);
	return port;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): DemoOptions | 'help' {
	const values = new Map<string, string>();
	let headless = false;
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split(/=(.*)/s, 2);
		if (flag === '--help' || flag === '-h') return 'help';
		if (flag === '--headless') headless = true;
		else if (flag === '--port' || flag === '--simulator-port') {
			const value = inline ?? argv[++index];
			if (value === undefined) throw new UsageError(`${flag} needs a port number`);
			values.set(flag, value);
		} else throw new UsageError(`unknown option "${argv[index]}"`);
	}
	// An empty variable counts as unset, as in a shell.
	return {
		headless,
		port: portFrom(values.get('--port') ?? (env.FUSION_DEMO_PORT || undefined), 5678, '--port'),
		simulatorPort: portFrom(
			values.get('--simulator-port') ?? (env.FUSION_DEMO_SIMULATOR_PORT || undefined),
			5690,
			'--simulator-port',
		),
	};
}

/** The repository: the demo runs compiled from .cache/, so it looks for its package.json upwards. */
function findRepoRoot(): string {
	for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
		const manifest = join(folder, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
		)
			return folder;
	}
	throw new Error(`no ${PACKAGE_NAME} package.json above ${__dirname}`);
}

const startedAt = Date.now();
function step(message: string): void {
	process.stderr.write(
		`[demo ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(3)} s] ${message}\n`,
	);
}

async function startSimulator(port: number): Promise<MockProviderServer> {
	try {
		return await MockProviderServer.start(port);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			throw new Error(
				`port ${port} for the provider simulator is in use: stop what holds it or pass --simulator-port=<another>`,
			);
		}
		throw error;
	}
}

/** Builds and packs this repository and installs the tarball as Settings → Community Nodes would. */
async function installPackage(userFolder: string): Promise<void> {
	step(
		`building and packing ${PACKAGE_NAME}, installing it into ${join(userFolder, '.n8n', 'nodes')}`,
	);
	const tarball = await buildAndPack(userFolder, findRepoRoot());
	await installTarball(tarball, join(userFolder, '.n8n', 'nodes'));
	rmSync(tarball);
}

async function importSamples(cli: N8nCli, connections: DemoConnection[]): Promise<void> {
	step('importing credentials and the three sample workflows');
	await cli.importCredentials(connections.map((connection) => connection.credential));
	// n8n encrypted the keys on import; a real one must not stay on disk in the clear.
	rmSync(join(cli.userFolder, 'cli-input'), { recursive: true, force: true });
	await cli.importWorkflows(demoWorkflows(connections));
}

function describeConnections(connections: DemoConnection[]): string {
	return connections
		.map(
			({ provider, target }) =>
				`${provider.displayName} → ${target === 'real' ? `real API (${provider.keyVariable})` : 'simulator'}`,
		)
		.join(', ');
}

async function runHeadless(
	installation: N8nInstallation,
	simulator: MockProviderServer,
): Promise<number> {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-demo-'));
	try {
		await installPackage(userFolder);
		const connections = demoConnections(simulator.url, process.env);
		step(`providers: ${describeConnections(connections)}`);
		const cli = new N8nCli(installation, userFolder);
		await importSamples(cli, connections);
		step('running the sample workflows in n8n (execute-batch)');
		const executions = await cli.executeBatch(Object.values(DEMO_WORKFLOW_IDS));

		const names = new Map(
			demoWorkflows(connections).map((workflow) => [workflow.id, workflow.name]),
		);
		const sections: ReportSection[] = [];
		for (const [key, workflowId] of Object.entries(DEMO_WORKFLOW_IDS) as Array<
			[keyof typeof DEMO_WORKFLOW_IDS, string]
		>) {
			const execution = executions.get(workflowId);
			const workflow = names.get(workflowId) ?? workflowId;
			const { run } = execution ?? {};
			if (execution?.status !== 'success' || run === undefined) {
				// n8n keeps no run data of a failed execution: its error, naming the node, is all there is.
				const failure = `${execution?.status ?? 'not run'}${execution?.error ? `: ${execution.error}` : ''}`;
				sections.push({ workflow, node: DEMO_CHAT_NODES[key].join(' → '), rows: [], failure });
				continue;
			}
			for (const node of DEMO_CHAT_NODES[key])
				sections.push({ workflow, node, rows: reportRows(outputJson(run, node)) });
		}
		process.stdout.write(`${formatReport(sections, process.stdout.columns ?? 140)}\n`);

		const failed = sections.filter(
			(section) =>
				section.failure !== undefined ||
				section.rows.length === 0 ||
				section.rows.some((row) => row.model === ''),
		);
		if (failed.length > 0) {
			process.stderr.write(
				`\n[demo] failed: no answer from ${failed.map((section) => `${section.workflow} › ${section.node}`).join('; ')}\n`,
			);
			return 1;
		}
		step('done: every item was answered');
		return 0;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

/** Resolves on Ctrl-C (or another stop signal), or when n8n ends by itself. */
function untilStopped(server: N8nServer): Promise<'signal' | 'n8n-exited'> {
	return new Promise((resolve) => {
		const onSignal = () => resolve('signal');
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
		void server.whenExited().then(() => resolve('n8n-exited'));
	});
}

async function runInteractive(
	installation: N8nInstallation,
	simulator: MockProviderServer,
	port: number,
): Promise<number> {
	// Said now rather than after the build and the imports.
	if (await portIsTaken(port))
		throw new Error(`port ${port} is in use (another n8n?): stop it or pass --port=<another>`);
	const userFolder = join(cacheDir(), 'demo');
	mkdirSync(userFolder, { recursive: true });
	await installPackage(userFolder);
	const connections = demoConnections(simulator.url, process.env);
	step(`providers: ${describeConnections(connections)}`);
	await importSamples(new N8nCli(installation, userFolder), connections);

	const logFile = join(userFolder, 'n8n.log');
	step(`starting n8n on port ${port} (its log: ${logFile})`);
	const server = await N8nServer.start(installation, userFolder, {
		port,
		logFile,
		env: OWNER_ENVIRONMENT,
	});
	const stopped = untilStopped(server);
	process.stdout.write(
		[
			'',
			`n8n ${N8N_VERSION} with ${PACKAGE_NAME} is running.`,
			'',
			`  Open       http://localhost:${port}  and log in as ${OWNER_EMAIL} / ${OWNER_PASSWORD}`,
			'  Workflows  "Fusion demo 1: batch prompts with fallback", "Fusion demo 2: best-of panel of models",',
			'             "Fusion demo 3: a chain of prompts": open one, click "Execute workflow", then open a node',
			`  Providers  ${describeConnections(connections)}`,
			`  Simulator  ${simulator.url}  (model names sim-fail-<status>, sim-slow-<ms>, sim-drip-<ms> change what it does)`,
			`  n8n log    ${logFile}`,
			'',
			'Press Ctrl-C to stop n8n and the simulator.',
			'',
		].join('\n'),
	);

	const reason = await stopped;
	if (reason === 'n8n-exited') {
		process.stderr.write(`[demo] n8n stopped by itself:\n${server.logTail()}\n`);
		return 1;
	}
	step('stopping n8n and the simulator');
	await server.stop();
	step('stopped');
	return 0;
}

async function main(): Promise<number> {
	const options = parseOptions(process.argv.slice(2), process.env);
	if (options === 'help') {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	step(
		`n8n ${N8N_VERSION} on Node 24 from ${cacheDir()} (installed there by the first run: about 5 minutes, 2.8 GB)`,
	);
	const installation = await ensureN8nInstalled();
	const simulator = await startSimulator(options.headless ? 0 : options.simulatorPort);
	step(`provider simulator on ${simulator.url}`);
	try {
		return options.headless
			? await runHeadless(installation, simulator)
			: await runInteractive(installation, simulator, options.port);
	} finally {
		await simulator.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
		else
			process.stderr.write(
				`[demo] failed: ${error instanceof Error ? error.message : String(error)}\n`,
			);
		process.exit(error instanceof UsageError ? 2 : 1);
	},
);
