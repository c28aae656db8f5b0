import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runCommandOrThrow } from './run-command';

/** Pinned: 2.40.7 installs from the registry here; 2.41.3 and every 1.x do not. */
export const N8N_VERSION = '2.40.7';
/** n8n 2.x requires Node >= 24; the registry's node-<platform>-<arch> package ships its binary and headers. */
export const NODE_VERSION = '24.21.0';

/** Overrides where n8n and Node 24 are cached (default ~/.cache/n8n-nodes-fusion). */
export const CACHE_DIR_ENV = 'FUSION_N8N_CACHE_DIR';

const MARKER_FILE = '.install-complete';
const STAGING_PREFIX = '.staging-';

export interface N8nInstallation {
	/** The folder whose node_modules holds n8n and Node 24. */
	root: string;
	/** Node 24's package folder: bin/node and include/node. */
	nodeDir: string;
	nodeBinary: string;
	n8nBin: string;
	/** PATH with Node 24 first, so n8n and anything it starts (its task runner) run on Node 24. */
	path: string;
}

export function cacheDir(): string {
	return process.env[CACHE_DIR_ENV] ?? join(homedir(), '.cache', 'n8n-nodes-fusion');
}

function installationAt(root: string): N8nInstallation {
	const nodeDir = join(root, 'node_modules', `node-${process.platform}-${process.arch}`);
	return {
		root,
		nodeDir,
		nodeBinary: join(nodeDir, 'bin', 'node'),
		n8nBin: join(root, 'node_modules', 'n8n', 'bin', 'n8n'),
		path: [join(nodeDir, 'bin'), process.env.PATH ?? ''].join(delimiter),
	};
}

function isComplete(root: string): boolean {
	const marker = join(root, MARKER_FILE);
	if (!existsSync(marker)) return false;
	const recorded = JSON.parse(readFileSync(marker, 'utf8')) as { n8n?: string; node?: string };
	return recorded.n8n === N8N_VERSION && recorded.node === NODE_VERSION;
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Staging folders are named after the process that fills them; one whose process is gone was abandoned. */
function removeAbandonedStaging(cache: string): void {
	for (const entry of readdirSync(cache)) {
		if (!entry.startsWith(STAGING_PREFIX)) continue;
		const pid = Number(entry.slice(STAGING_PREFIX.length));
		if (!Number.isInteger(pid) || !isRunning(pid))
			rmSync(join(cache, entry), { recursive: true, force: true });
	}
}

function progress(message: string): void {
	process.stderr.write(`[n8n ${N8N_VERSION}] ${message}\n`);
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

async function installInto(staging: string): Promise<void> {
	const installation = installationAt(staging);
	writeFileSync(
		join(staging, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-fusion-test-n8n',
				private: true,
				description: 'n8n and Node 24 for the end-to-end tests',
			},
			null,
			2,
		),
	);

	progress(
		`installing n8n ${N8N_VERSION} and Node ${NODE_VERSION} into ${staging} (about 4 minutes, 2.8 GB)`,
	);
	// Install scripts stay off: several need network or headers this machine lacks, and n8n needs only sqlite3's.
	await runCommandOrThrow(
		'npm',
		[
			'install',
			`n8n@${N8N_VERSION}`,
			`node-${process.platform}-${process.arch}@${NODE_VERSION}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{
			cwd: staging,
			timeoutMs: 30 * 60_000,
			onHeartbeat: (elapsed) => progress(`still installing n8n (${seconds(elapsed)})`),
		},
	);

	progress('building sqlite3 against Node 24 headers (about 1 minute)');
	// --nodedir on the command line wins over a user .npmrc that points node-gyp at the system Node's headers;
	// --build-from-source skips prebuild-install's download, which cannot reach its host here.
	await runCommandOrThrow(
		'npm',
		[
			'rebuild',
			'sqlite3',
			'--build-from-source',
			'--ignore-scripts=false',
			`--nodedir=${installation.nodeDir}`,
			'--loglevel=error',
		],
		{
			cwd: staging,
			env: { ...process.env, PATH: installation.path },
			timeoutMs: 15 * 60_000,
			onHeartbeat: (elapsed) => progress(`still building sqlite3 (${seconds(elapsed)})`),
		},
	);
	await runCommandOrThrow(installation.nodeBinary, ['-e', "require('sqlite3')"], {
		cwd: staging,
		timeoutMs: 60_000,
	});

	writeFileSync(
		join(staging, MARKER_FILE),
		JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() }),
	);
}

/**
 * Makes sure n8n and Node 24 are installed in the cache folder and returns where. The first run installs
 * into a staging folder and moves it into place only once complete (marker written last), so an interrupted
 * install is never taken for a finished one; later runs reuse it at once.
 */
export async function ensureN8nInstalled(): Promise<N8nInstallation> {
	const cache = cacheDir();
	const root = join(cache, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
	if (isComplete(root)) return installationAt(root);

	mkdirSync(cache, { recursive: true });
	removeAbandonedStaging(cache);
	const staging = join(cache, `${STAGING_PREFIX}${process.pid}`);
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging);
	const startedAt = Date.now();
	try {
		await installInto(staging);
	} catch (error) {
		rmSync(staging, { recursive: true, force: true });
		throw error;
	}

	// Another run may have finished first; a folder without the marker is a leftover and is replaced.
	if (isComplete(root)) {
		rmSync(staging, { recursive: true, force: true });
	} else {
		rmSync(root, { recursive: true, force: true });
		renameSync(staging, root);
	}
	progress(`installed in ${seconds(Date.now() - startedAt)}`);
	return installationAt(root);
}
