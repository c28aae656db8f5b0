/**
 * What every editor test file shares: a run folder for screenshots that is kept only when a step fails, and
 * the start and stop of an editor session. Screenshots go to .cache/ui-artifacts/<run>/
 * (FUSION_UI_ARTIFACTS overrides) and stay there when a test fails, with n8n's log.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../n8n/fusion-package';
import { EditorHarness } from './editor-harness';
import { EditorPage } from './editor-page';

const RUN_FOLDER =
	process.env.FUSION_UI_ARTIFACTS ??
	join(REPO_ROOT, '.cache', 'ui-artifacts', new Date().toISOString().replace(/[:.]/g, '-'));

const PICTURES = process.env.FUSION_UI_PICTURES;

/** With FUSION_UI_PICTURES=<folder> (`npm run pictures`), keeps a screenshot there as one of the README's pictures. */
export function keepPicture(screenshot: string, name: string): void {
	if (PICTURES === undefined) return;
	mkdirSync(PICTURES, { recursive: true });
	copyFileSync(screenshot, join(PICTURES, name));
}

let failed = false;
// Only this file's folders are removed after a good run: another file may share the run folder.
const sessionFolders: string[] = [];
/** Marks the run as failed whatever the test's outcome is, so the artefacts are kept. */
export function step<T>(run: () => Promise<T>): () => Promise<T> {
	return async () => {
		try {
			return await run();
		} catch (error) {
			failed = true;
			throw error;
		}
	};
}

export async function startEditor(
	folder: string,
	seed?: Parameters<typeof EditorHarness.start>[0]['seed'],
) {
	const screenshotDir = join(RUN_FOLDER, folder);
	sessionFolders.push(screenshotDir);
	const harness = await EditorHarness.start({ screenshotDir, seed });
	await harness.logIn();
	return { harness, editor: new EditorPage(harness.page, harness.n8n.url) };
}

export async function stopEditor(harness: EditorHarness | undefined): Promise<void> {
	if (harness === undefined) return;
	if (failed) {
		await harness.screenshot('at-failure').catch(() => undefined);
		harness.saveLog();
		process.stderr.write(`[test:ui] screenshots and n8n's log kept in ${RUN_FOLDER}\n`);
	}
	if (harness.offLoopbackRequests.length > 0) {
		process.stderr.write(
			`[test:ui] refused ${harness.offLoopbackRequests.length} request(s) off loopback: ${[...new Set(harness.offLoopbackRequests)].join(', ')}\n`,
		);
	}
	await harness.stop();
}

afterAll(() => {
	if (failed) return;
	for (const folder of sessionFolders) rmSync(folder, { recursive: true, force: true });
	if (existsSync(RUN_FOLDER) && readdirSync(RUN_FOLDER).length === 0)
		rmSync(RUN_FOLDER, { recursive: true });
});
