import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, runCommandOrThrow } from '../n8n/run-command';

const POSTGRES_ROOT = '/usr/lib/postgresql';

async function isInstalled(debianPackage: string): Promise<boolean> {
	const status = await runCommand('dpkg-query', ['-W', '-f=${Status}', debianPackage], {
		cwd: '/',
		timeoutMs: 30_000,
	});
	return status.exitCode === 0 && status.stdout.includes('install ok installed');
}

/** Installs what is missing from Debian's archive, as root or through sudo, the way .ci/run installs Chromium. */
export async function ensureDebianPackages(debianPackages: string[]): Promise<void> {
	const missing: string[] = [];
	for (const debianPackage of debianPackages)
		if (!(await isInstalled(debianPackage))) missing.push(debianPackage);
	if (missing.length === 0) return;
	process.stderr.write(`[test:queue] installing ${missing.join(', ')} from Debian's packages\n`);
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const run = ([command, ...args]: string[]) =>
		runCommandOrThrow(command, args, {
			cwd: '/',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeoutMs: 15 * 60_000,
		});
	await run([...sudo, 'apt-get', 'update', '-qq']);
	await run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

/** The server binaries of the newest PostgreSQL installed (Debian keeps them out of PATH, one folder per version). */
export function postgresBinaries(): { initdb: string; postgres: string } {
	const versions = existsSync(POSTGRES_ROOT)
		? readdirSync(POSTGRES_ROOT)
				.filter((entry) => /^\d+$/.test(entry))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) throw new Error(`no PostgreSQL server under ${POSTGRES_ROOT}`);
	const bin = join(POSTGRES_ROOT, versions[0], 'bin');
	return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}
