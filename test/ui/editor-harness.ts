/**
 * A real n8n with the packed package installed as a community package, the loopback provider simulator, and
 * Debian's Chromium driven by puppeteer-core, logged in as the owner: what the editor suite clicks through.
 * Every request the browser makes outside loopback is refused, and everything started is stopped by process
 * id, also when a step fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { buildAndPack, installTarball } from '../n8n/fusion-package';
import { N8nCli, type CredentialToImport } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { N8nServer } from '../n8n/n8n-server';
import { OWNER_EMAIL, OWNER_ENVIRONMENT, OWNER_PASSWORD } from '../n8n/owner-account';
import type { WorkflowToImport } from '../n8n/workflow-builder';

/** Debian's package; `.ci/run` installs it where missing. Overridable for other systems. */
export const CHROMIUM = process.env.FUSION_CHROMIUM ?? '/usr/bin/chromium';

/** Large enough for the node panel and the canvas side by side, as on a laptop screen. */
const VIEWPORT = { width: 1440, height: 900 };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface EditorHarnessOptions {
	/**
	 * Imported with n8n's CLI before the server starts (a saved workflow of an earlier version, say), given the
	 * simulator's address.
	 */
	seed?: (simulatorUrl: string) => {
		credentials: CredentialToImport[];
		workflows: WorkflowToImport[];
	};
	/** Where screenshots go; a fresh folder per run. */
	screenshotDir: string;
}

export class EditorHarness {
	/** Requests the browser tried to send off loopback: each was refused, and the suite fails if any was made. */
	readonly offLoopbackRequests: string[] = [];
	private shotCount = 0;

	private constructor(
		readonly n8n: N8nServer,
		readonly simulator: MockProviderServer,
		readonly page: Page,
		private readonly screenshotDir: string,
		/** Stops the browser, n8n and the simulator and removes n8n's folder, in that order. */
		readonly stop: () => Promise<void>,
	) {}

	static async start(options: EditorHarnessOptions): Promise<EditorHarness> {
		const installation = await ensureN8nInstalled();
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-ui-'));
		const stack: Array<() => Promise<void>> = [
			async () => rmSync(userFolder, { recursive: true, force: true }),
		];
		const unwind = async () => {
			for (const stop of [...stack].reverse()) await stop().catch(() => undefined);
		};
		try {
			const tarball = await buildAndPack(userFolder);
			await installTarball(tarball, join(userFolder, '.n8n', 'nodes'));
			rmSync(tarball);
			const simulator = await MockProviderServer.start();
			stack.push(() => simulator.close());
			if (options.seed) {
				const { credentials, workflows } = options.seed(simulator.url);
				const cli = new N8nCli(installation, userFolder);
				await cli.importCredentials(credentials);
				await cli.importWorkflows(workflows);
			}
			const n8n = await N8nServer.start(installation, userFolder, {
				env: OWNER_ENVIRONMENT,
				logFile: join(userFolder, 'n8n.log'),
			});
			stack.push(() => n8n.stop());

			const browser = await puppeteer.launch({
				executablePath: CHROMIUM,
				headless: true,
				defaultViewport: VIEWPORT,
				args: [
					'--no-sandbox',
					'--disable-gpu',
					'--disable-quic',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
					'--disable-dev-shm-usage',
					// Names that are not loopback resolve to nothing: the page cannot reach the outside even by a
					// path the request interception below does not see.
					'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
					`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
				],
			});
			const browserProcess = browser.process();
			stack.push(async () => {
				await browser.close().catch(() => undefined);
				if (browserProcess?.pid !== undefined && browserProcess.exitCode === null)
					browserProcess.kill('SIGKILL');
			});
			const page = await browser.newPage();
			// Generous: on a busy machine the editor's first load of a route alone can take half a minute.
			page.setDefaultNavigationTimeout(120_000);
			page.setDefaultTimeout(60_000);
			const harness = new EditorHarness(n8n, simulator, page, options.screenshotDir, unwind);
			await harness.refuseOffLoopback(page);
			mkdirSync(options.screenshotDir, { recursive: true });
			return harness;
		} catch (error) {
			await unwind();
			throw error;
		}
	}

	private async refuseOffLoopback(page: Page): Promise<void> {
		await page.setRequestInterception(true);
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (
				url.protocol === 'data:' ||
				url.protocol === 'blob:' ||
				LOOPBACK_HOSTS.has(url.hostname)
			) {
				void request.continue();
				return;
			}
			this.offLoopbackRequests.push(request.url());
			void request.abort('blockedbyclient');
		});
	}

	/** Logs in as the owner n8n created from the environment, and waits for the workflow list. */
	async logIn(): Promise<void> {
		await this.page.goto(`${this.n8n.url}/signin`, { waitUntil: 'networkidle2' });
		await this.page.waitForSelector('input[type="email"]');
		await this.page.type('input[type="email"]', OWNER_EMAIL);
		await this.page.type('input[type="password"]', OWNER_PASSWORD);
		await this.page.keyboard.press('Enter');
		await this.page.waitForFunction('!window.location.pathname.startsWith("/signin")', {
			timeout: 30_000,
		});
	}

	/** A numbered screenshot of the whole window, named after the step it shows; returns its path. */
	async screenshot(step: string): Promise<string> {
		this.shotCount++;
		const path = join(this.screenshotDir, `${String(this.shotCount).padStart(2, '0')}-${step}.png`);
		await this.page.screenshot({ path: path as `${string}.png` });
		return path;
	}

	/** n8n's log, kept beside the screenshots for a failed run. */
	saveLog(): void {
		writeFileSync(join(this.screenshotDir, 'n8n.log'), this.n8n.logs);
	}
}
