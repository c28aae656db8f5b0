import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { N8nInstallation } from './n8n-install';
import { runCommand, runCommandOrThrow, tail } from './run-command';

export const PACKAGE_NAME = 'n8n-nodes-fusion';
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Node types as n8n names them: a community package by its npm name, the custom folder as CUSTOM. */
export const COMMUNITY_NODE_PREFIX = PACKAGE_NAME;
export const CUSTOM_NODE_PREFIX = 'CUSTOM';

/** Builds the package and packs it exactly as it would be published; returns the tarball's path. */
export async function buildAndPack(destination: string, repoRoot = REPO_ROOT): Promise<string> {
	await runCommandOrThrow('npm', ['run', 'build', '--silent'], {
		cwd: repoRoot,
		timeoutMs: 5 * 60_000,
	});
	const packed = await runCommandOrThrow(
		'npm',
		['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
		{
			cwd: repoRoot,
			timeoutMs: 2 * 60_000,
		},
	);
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * Installs the tarball the way n8n installs a community package: only `dependencies` (n8n provides
 * n8n-workflow, the peer) and no install scripts. Returns the installed package's folder.
 */
export async function installTarball(tarball: string, folder: string): Promise<string> {
	mkdirSync(folder, { recursive: true });
	// A package.json of its own keeps npm from adopting a project further up as the install root.
	writeFileSync(
		join(folder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	await runCommandOrThrow(
		'npm',
		[
			'install',
			tarball,
			'--omit=dev',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--prefer-offline',
			'--loglevel=error',
		],
		{ cwd: folder, timeoutMs: 5 * 60_000 },
	);
	return join(folder, 'node_modules', PACKAGE_NAME);
}

export interface PreparedUserFolder {
	/** N8N_USER_FOLDER: n8n keeps its database, settings and installed packages under `<it>/.n8n`. */
	userFolder: string;
	/** Installed as Settings → Community Nodes does (`~/.n8n/nodes`): n8n loads what package.json's `n8n` lists. */
	communityPackageDir: string;
	/** Installed into `~/.n8n/custom`: n8n loads every *.node.js and *.credentials.js below it. */
	customPackageDir: string;
	remove(): void;
}

/**
 * A fresh n8n user folder with the freshly packed package installed both ways n8n loads one, so that a stale
 * install can never hide a packaging mistake.
 */
export async function prepareUserFolder(repoRoot = REPO_ROOT): Promise<PreparedUserFolder> {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-e2e-'));
	const remove = () => rmSync(userFolder, { recursive: true, force: true });
	try {
		const tarball = await buildAndPack(userFolder, repoRoot);
		const [communityPackageDir, customPackageDir] = await Promise.all([
			installTarball(tarball, join(userFolder, '.n8n', 'nodes')),
			installTarball(tarball, join(userFolder, '.n8n', 'custom')),
		]);
		rmSync(tarball);
		return { userFolder, communityPackageDir, customPackageDir, remove };
	} catch (error) {
		remove();
		throw error;
	}
}

export interface StandaloneLoad {
	/** `description.name` of each class in package.json's `n8n.nodes`. */
	nodes: string[];
	/** `name` of each class in package.json's `n8n.credentials`. */
	credentials: string[];
	/** Every credential type the nodes ask for. */
	credentialsUsedByNodes: string[];
}

// Loads each listed file as n8n's package loader does: the class named like the file, instantiated.
const LOAD_SCRIPT = `
const path = require('node:path');
const dir = process.argv[1];
const { n8n } = require(path.join(dir, 'package.json'));
const load = (file) => {
	const className = path.basename(file).split('.')[0];
	const Class = require(path.join(dir, file))[className];
	if (typeof Class !== 'function') throw new Error(file + ' does not export a class named ' + className);
	return new Class();
};
const nodes = (n8n.nodes ?? []).map(load);
const credentials = (n8n.credentials ?? []).map(load);
process.stdout.write(JSON.stringify({
	nodes: nodes.map((node) => node.description.name),
	credentials: credentials.map((credential) => credential.name),
	credentialsUsedByNodes: [...new Set(nodes.flatMap((node) => (node.description.credentials ?? []).map((slot) => slot.name)))],
}));
`;

/**
 * Requires the installed package's nodes and credentials on Node 24 with nothing but n8n-workflow beside it.
 * Inside n8n this proves less: n8n puts its own node_modules on NODE_PATH, and they hold zod, undici and
 * eventsource-parser, so a runtime dependency missing from `dependencies` would go unnoticed there.
 */
export async function loadInstalledPackageAlone(
	packageDir: string,
	installation: N8nInstallation,
): Promise<StandaloneLoad> {
	const peerFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-peer-'));
	try {
		mkdirSync(join(peerFolder, 'node_modules'));
		symlinkSync(
			join(installation.root, 'node_modules', 'n8n-workflow'),
			join(peerFolder, 'node_modules', 'n8n-workflow'),
			'dir',
		);
		const env: NodeJS.ProcessEnv = {
			PATH: installation.path,
			HOME: peerFolder,
			NODE_PATH: join(peerFolder, 'node_modules'),
		};
		const result = await runCommand(installation.nodeBinary, ['-e', LOAD_SCRIPT, packageDir], {
			cwd: peerFolder,
			env,
			timeoutMs: 60_000,
		});
		if (result.exitCode !== 0) {
			const reason =
				result.stderr.split('\n').find((line) => /Error\b.*: /.test(line)) ?? tail(result);
			throw new Error(
				`the installed package does not load with only n8n-workflow beside it: ${reason}`,
			);
		}
		return JSON.parse(result.stdout) as StandaloneLoad;
	} finally {
		rmSync(peerFolder, { recursive: true, force: true });
	}
}
