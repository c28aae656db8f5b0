/**
 * What a user does in n8n's editor, as steps a test can name: open the nodes panel, add a node, pick a
 * credential, fill a field, execute a step, read the output. Selectors are n8n's own `data-test-id`s (its
 * end-to-end tests use them too), read off n8n 2.40's editor.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** The entries of a collection's "Add …" list, in either of n8n's collection editors. */
const COLLECTION_ITEMS = `${byTestId('collection-parameter-option')}, [role="menuitem"]`;

/** Waits until `read` gives a value `accept` takes, or fails with what was last read. */
async function eventually<T>(
	what: string,
	read: () => Promise<T>,
	accept: (value: T) => boolean,
	timeoutMs = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	while (Date.now() < deadline) {
		last = await read();
		if (accept(last)) return last;
		await delay(200);
	}
	throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs / 1000} s`);
}

export interface NewCredential {
	apiKey: string;
	baseUrl: string;
}

/**
 * Which model field: the main Model (the default), a row of Fallback Models or of a strategy's Models, or
 * another single model field (the judge's or fuser's, `judgeModel`).
 */
export interface ModelSlot {
	fallbackRow?: number;
	candidateRow?: number;
	field?: string;
}

/** Where a model slot's value lives among the node's parameters. */
function slotPath(where: ModelSlot): { list?: string; row: number; field: string } {
	if (where.fallbackRow !== undefined)
		return { list: 'fallbackModels', row: where.fallbackRow, field: 'model' };
	if (where.candidateRow !== undefined)
		return { list: 'candidates', row: where.candidateRow, field: 'model' };
	return { row: 0, field: where.field ?? 'model' };
}

/** The browser's clipboard classes, which this project's Node types do not declare. */
interface PasteWindow {
	DataTransfer: new () => { setData(format: string, data: string): void };
	ClipboardEvent: new (
		type: 'paste',
		init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean },
	) => Event;
}

export class EditorPage {
	constructor(
		private readonly page: Page,
		private readonly baseUrl: string,
	) {}

	private async visible(selector: string): Promise<ElementHandle[]> {
		const all = await this.page.$$(selector);
		const shown: ElementHandle[] = [];
		for (const element of all) {
			// A box of some size: offsetParent would miss fixed-position elements such as n8n's notifications.
			const box = await element.boundingBox();
			if (box !== null && box.width > 0 && box.height > 0) shown.push(element);
		}
		return shown;
	}

	private async clickText(selector: string, text: string | RegExp): Promise<void> {
		const match = (value: string) =>
			typeof text === 'string' ? value.trim() === text : text.test(value.trim());
		const element = await eventually(
			`an element "${selector}" reading ${String(text)}`,
			async () => {
				for (const candidate of await this.visible(selector)) {
					if (match(await candidate.evaluate((node) => node.textContent ?? ''))) return candidate;
				}
				return undefined;
			},
			(found) => found !== undefined,
		);
		await element!.click();
	}

	private async texts(selector: string): Promise<string[]> {
		return Promise.all(
			(await this.visible(selector)).map((element) =>
				element.evaluate((node) => (node.textContent ?? '').trim()),
			),
		);
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`, { waitUntil: 'networkidle2' });
		await this.page.waitForSelector(byTestId('canvas-add-button'), { visible: true });
	}

	/** A new workflow of a Manual Trigger and the node found by `query`, as every editor test starts. */
	async newWorkflowWith(query: string, name: string): Promise<void> {
		await this.newWorkflow();
		await this.addFirstStep('manual', 'Manual Trigger');
		await this.addNodeAfterLast(query, name);
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`, { waitUntil: 'networkidle2' });
		await this.page.waitForSelector(byTestId('canvas-node'), { visible: true });
	}

	/** Types into the nodes panel's search and returns the names it lists. */
	async searchNodes(query: string): Promise<string[]> {
		const search = await this.page.waitForSelector(`input${byTestId('node-creator-search-bar')}`, {
			visible: true,
		});
		// The panel slides in and focuses its search itself: clicking it mid-slide would miss.
		await search!.evaluate((input) =>
			(input as unknown as { focus(): void; select(): void }).select(),
		);
		await this.page.keyboard.press('Backspace');
		await this.page.keyboard.type(query);
		await delay(500);
		return this.texts(byTestId('node-creator-item-name'));
	}

	/** From the nodes panel (already open): searches, picks the node by name and adds it to the canvas. */
	async pickNode(query: string, name: string): Promise<void> {
		await eventually(
			`the nodes panel listing "${name}" for "${query}"`,
			() => this.searchNodes(query),
			(names) => names.includes(name),
		);
		await this.clickText(byTestId('node-creator-item-name'), name);
		// An installed community node first shows its details, with an "Add to workflow" button; the details
		// slide in, so the button may be on show before it takes a click. Until the node's panel opens, the
		// button is clicked whenever it is there.
		await eventually(
			`the panel of ${name} to open`,
			async () => {
				if ((await this.visible(byTestId('ndv'))).length > 0) return true;
				const [add] = await this.visible('xpath/.//button[contains(., "Add to workflow")]');
				await add?.click().catch(() => undefined);
				return false;
			},
			(open) => open,
		);
	}

	async addFirstStep(query: string, name: string): Promise<void> {
		await this.page.click(byTestId('canvas-add-button'));
		await eventually(
			`the trigger list offering "${name}"`,
			() => this.searchNodes(query),
			(names) => names.includes(name),
		);
		await this.page.keyboard.press('Enter');
		await this.page.waitForSelector(byTestId('canvas-node'), { visible: true });
		await delay(500);
		// Some triggers open their panel right away.
		if ((await this.visible(byTestId('ndv'))).length > 0) await this.closeNodePanel();
	}

	/** The "+" after the last node of the canvas, then the nodes panel. */
	async addNodeAfterLast(query: string, name: string): Promise<void> {
		const handles = await this.visible(byTestId('canvas-handle-plus'));
		await handles[handles.length - 1].click();
		await this.pickNode(query, name);
	}

	async openNode(name: string): Promise<void> {
		for (const node of await this.visible(byTestId('canvas-node'))) {
			const label = await node.evaluate(
				(element) => element.getAttribute('data-node-name') ?? element.textContent ?? '',
			);
			if (label.trim().startsWith(name)) {
				await node.click({ count: 2 });
				await this.page.waitForSelector(byTestId('ndv'), { visible: true });
				return;
			}
		}
		throw new Error(`no node named "${name}" on the canvas`);
	}

	async closeNodePanel(): Promise<void> {
		await this.page.click(byTestId('ndv-close-button'));
		await this.page.waitForSelector(byTestId('ndv'), { hidden: true });
	}

	async credentialLabels(): Promise<string[]> {
		return this.texts(`${byTestId('credentials-label')} label`);
	}

	/** The credential shown in the slot with this label ("Credential for OpenAI"), or '' when none is. */
	async selectedCredential(label: string): Promise<string> {
		const slot = await this.credentialSlot(label);
		const input = await slot.$(`${byTestId('node-credentials-select')} input`);
		return input === null
			? ''
			: input.evaluate((element) => (element as unknown as { value: string }).value);
	}

	private async credentialSlot(label: string): Promise<ElementHandle> {
		return eventually(
			`a credential field labelled "${label}"`,
			async () => {
				for (const slot of await this.visible(byTestId('node-credentials-slot'))) {
					const text = await slot
						.$eval(`${byTestId('credentials-label')} label`, (node) =>
							(node.textContent ?? '').trim(),
						)
						.catch(() => '');
					if (text === label) return slot;
				}
				return undefined;
			},
			(found) => found !== undefined,
		).then((slot) => slot!);
	}

	async chooseCredential(label: string, credentialName: string): Promise<void> {
		const slot = await this.credentialSlot(label);
		await (await slot.$(byTestId('node-credentials-select')))!.click();
		await this.clickText(
			'.el-select-dropdown__item, [role="option"]',
			new RegExp(`^${escapeRegExp(credentialName)}`),
		);
		await eventually(
			`"${label}" showing ${credentialName}`,
			() => this.selectedCredential(label),
			(value) => value === credentialName,
		);
	}

	/** "Create new credential" in the slot (or its "Connect to …" button): fills the fields and saves. */
	async createCredential(label: string, values: NewCredential): Promise<void> {
		const slot = await this.credentialSlot(label);
		// With no credential of the type yet, the slot is a single "Connect to …" button.
		const connect = await slot.$(`${byTestId('node-credentials-empty-state')} button`);
		if (connect !== null) await connect.click();
		else {
			await (await slot.$(byTestId('node-credentials-select')))!.click();
			const [create] = await this.visible(byTestId('node-credentials-select-item-new'));
			await create.click();
		}
		await this.page.waitForSelector(byTestId('credential-edit-dialog'), { visible: true });
		await this.fill(`${byTestId('parameter-input-apiKey')} input`, values.apiKey);
		await this.fill(`${byTestId('parameter-input-baseUrl')} input`, values.baseUrl);
		// The form takes typed values after a short debounce, as a person's pause would give it.
		await delay(600);
		await this.page.click(byTestId('credential-save-button'));
		// Created from "Connect to …", the dialog closes by itself; otherwise it stays open on the test result.
		await eventually(
			'the new credential to be saved',
			async () => {
				const dialog = await this.page.$(byTestId('credential-edit-dialog'));
				if (dialog === null) return 'closed';
				return dialog.evaluate(
					(element) => (element as unknown as { innerText: string }).innerText,
				);
			},
			(state) =>
				state === 'closed' || /Connection tested successfully|Couldn.t connect/.test(state),
			30_000,
		);
		await this.closeCredentialDialog();
		await eventually(
			`"${label}" showing the new credential`,
			() => this.selectedCredential(label),
			(value) => value !== '',
		);
	}

	/** Opens the credential chosen in the slot, as its pencil does, and returns what n8n's connection test said. */
	async credentialTestResult(label: string): Promise<string> {
		const slot = await this.credentialSlot(label);
		await (await slot.$(byTestId('credential-edit-button')))!.click();
		const text = await eventually(
			'the connection test of the credential',
			() =>
				this.page.$eval(
					byTestId('credential-edit-dialog'),
					(dialog) => (dialog as unknown as { innerText: string }).innerText,
				),
			(value) => /Connection tested successfully|Couldn.t connect/.test(value),
			30_000,
		);
		await this.closeCredentialDialog();
		return /Connection tested successfully/.test(text) ? 'Connection tested successfully' : text;
	}

	/** By its close button: Escape would reach the node's panel behind it once the dialog is gone. */
	private async closeCredentialDialog(): Promise<void> {
		const [close] = await this.visible(
			`${byTestId('editCredential-modal')} button[aria-label="Close this dialog"]`,
		);
		await close?.click();
		await this.page.waitForSelector(byTestId('credential-edit-dialog'), { hidden: true });
	}

	/** Replaces a field's text by typing, as a person would, and checks that the field took all of it. */
	private async fill(selector: string, value: string): Promise<void> {
		const input = await this.page.waitForSelector(selector, { visible: true });
		await input!.click({ count: 3 });
		await this.page.keyboard.press('Backspace');
		// n8n re-renders some fields after the first keystroke: a person's pace keeps every key.
		await this.page.keyboard.type(value, { delay: 25 });
		const field = await this.page.waitForSelector(selector, { visible: true });
		await eventually(
			`the field ${selector} to hold what was typed`,
			() => field!.evaluate((element) => (element as unknown as { value: string }).value),
			(typed) => typed === value,
			5_000,
		);
	}

	/** Types into a text parameter (a prompt, say). */
	async typeParameter(name: string, text: string): Promise<void> {
		await this.fill(
			`${byTestId(`parameter-input-${name}`)} textarea, ${byTestId(`parameter-input-${name}`)} input`,
			text,
		);
	}

	/**
	 * Pastes text into a JSON parameter's code editor, as a person pastes JSON: typed key by key, the editor
	 * would close every bracket and quote a second time.
	 */
	async pasteIntoParameter(name: string, text: string): Promise<void> {
		const editor = await this.page.waitForSelector(
			`${byTestId(`parameter-input-${name}`)} .cm-content`,
			{ visible: true },
		);
		await editor!.click();
		await editor!.evaluate((element, pasted) => {
			const browser = globalThis as unknown as PasteWindow;
			const clipboardData = new browser.DataTransfer();
			clipboardData.setData('text/plain', pasted);
			element.dispatchEvent(
				new browser.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
			);
		}, text);
		const compact = (value: string) => value.replace(/\s+/g, '');
		await eventually(
			`the ${name} editor to hold the pasted text`,
			() => editor!.evaluate((element) => (element as unknown as { innerText: string }).innerText),
			(shown) => compact(shown) === compact(text),
			5_000,
		);
	}

	/** Closes n8n's notifications on show ("Credential successfully created", …), before a picture. */
	async dismissNotifications(): Promise<void> {
		for (const close of await this.visible('.el-notification .el-notification__closeBtn'))
			await close.click();
		await this.page.waitForSelector('.el-notification', { hidden: true });
	}

	/** Picks an option of a drop-down parameter by the start of its label. */
	async selectOption(name: string, label: string): Promise<void> {
		const input = await this.page.waitForSelector(byTestId(`parameter-input-${name}`), {
			visible: true,
		});
		await input!.scrollIntoView();
		await input!.click();
		await this.clickText(
			'.el-select-dropdown__item, [role="option"]',
			new RegExp(`^${escapeRegExp(label)}`),
		);
		await delay(300);
	}

	/** Adds one more value to a multi-option parameter (Providers) and closes its list. */
	async addToMultiOption(name: string, label: string): Promise<void> {
		await this.selectOption(name, label);
		await this.page.keyboard.press('Escape');
		await delay(300);
	}

	async multiOptionValues(name: string): Promise<string[]> {
		return this.texts(`${byTestId(`parameter-input-${name}`)} .el-select__tags-text`);
	}

	/**
	 * Sets a model field (the main one, or the `row`-th of Fallback Models) from the list, by searching for the
	 * model's id as a user types it.
	 */
	async pickModel(modelId: string, where: ModelSlot = {}): Promise<void> {
		const field = await this.modelField(where);
		await (await field.$(byTestId('rlc-input')))!.click();
		const search = await this.page.waitForSelector(`input${byTestId('rlc-search')}`, {
			visible: true,
		});
		await search!.type(modelId);
		await this.clickText(byTestId('rlc-item'), new RegExp(`^${escapeRegExp(modelId)} `));
		await eventually(
			`the model field showing ${modelId}`,
			() => this.modelValue(where),
			(value) => value.startsWith(modelId),
		);
		await this.modelSaved(modelId, where);
	}

	/** Sets a model field to an id typed in the "By ID" mode (a model the list does not offer). */
	async typeModelId(modelId: string, where: ModelSlot = {}): Promise<void> {
		const field = await this.modelField(where);
		await (await field.$(byTestId('rlc-mode-selector')))!.click();
		await this.clickText('.el-select-dropdown__item, [role="option"]', 'By ID');
		const input = await field.waitForSelector(
			`${byTestId('rlc-input')} input, input${byTestId('rlc-input')}`,
			{ visible: true },
		);
		await input!.click({ count: 3 });
		await this.page.keyboard.press('Backspace');
		// At a person's pace: typed at full speed, the box can show every key while the node keeps none.
		await this.page.keyboard.type(modelId, { delay: 25 });
		await this.page.keyboard.press('Tab');
		await eventually(
			`the model field showing ${modelId}`,
			() => this.modelValue(where),
			(value) => value === modelId,
		);
		await this.modelSaved(modelId, where);
	}

	/**
	 * Waits until the node itself holds the model, as Execute step reads it: what a text box shows is not yet
	 * what n8n keeps. Read from the editor's workflow store, the one place the open node's parameters live.
	 */
	private async modelSaved(modelId: string, where: ModelSlot): Promise<void> {
		await eventually(
			`the node to hold the model ${modelId}`,
			() =>
				this.page.evaluate((slot) => {
					type Node = { type: string; parameters: Record<string, unknown> };
					type Store = { allNodes?: Node[] };
					type App = {
						__vue_app__: { config: { globalProperties: { $pinia: { _s: Map<string, Store> } } } };
					};
					const { document } = globalThis as unknown as {
						document: { querySelector(selector: string): App };
					};
					const models: unknown[] = [];
					for (const store of document
						.querySelector('#app')
						.__vue_app__.config.globalProperties.$pinia._s.values()) {
						for (const node of Array.isArray(store.allNodes) ? store.allNodes : []) {
							if (!node.type.endsWith('.fusionChat')) continue;
							const rows = (
								node.parameters[slot.list ?? ''] as
									| { models?: Array<{ model?: unknown }> }
									| undefined
							)?.models;
							models.push(
								slot.list === undefined ? node.parameters[slot.field] : rows?.[slot.row]?.model,
							);
						}
					}
					return models.map((model) =>
						typeof model === 'object' && model !== null
							? (model as { value?: unknown }).value
							: model,
					);
				}, slotPath(where)),
			(values) => values.includes(modelId),
		);
	}

	async modelValue(where: ModelSlot = {}): Promise<string> {
		const field = await this.modelField(where);
		return field.$eval(
			`${byTestId('rlc-input')} input, input${byTestId('rlc-input')}`,
			(input) => (input as unknown as { value: string }).value,
		);
	}

	private async modelField(where: ModelSlot): Promise<ElementHandle> {
		const { list, row, field } = slotPath(where);
		if (list === undefined) {
			const [single] = await this.visible(`${byTestId(`parameter-input-${field}`)}`);
			if (single === undefined) throw new Error(`no ${field} field on show`);
			return single;
		}
		const rows = await this.visible(
			`${byTestId(`fixed-collection-${list}`)} ${byTestId('parameter-input-model')}`,
		);
		const found = rows[row];
		if (found === undefined) throw new Error(`${list} has no row ${row + 1}`);
		await found.scrollIntoView();
		return found;
	}

	async addFallbackModel(): Promise<void> {
		await this.clickText('button', 'Add Fallback Model');
		await delay(500);
	}

	/** Adds a row to the Models list of a strategy other than fallback. */
	async addCandidateModel(): Promise<void> {
		await this.clickText('button', 'Add Model');
		await delay(500);
	}

	/** Scrolls the node's panel so that a parameter's input is at the top (for a picture of what follows it). */
	async scrollToParameter(name: string): Promise<void> {
		const input = await this.page.waitForSelector(byTestId(`parameter-input-${name}`), {
			visible: true,
		});
		await input!.evaluate((node) => {
			node.scrollIntoView({ block: 'start' });
			// Back a little, so that the parameter's label shows above its input.
			let scroller = node.parentElement;
			while (scroller !== null && scroller.scrollHeight <= scroller.clientHeight)
				scroller = scroller.parentElement;
			if (scroller !== null) scroller.scrollTop -= 40;
		});
		await delay(300);
	}

	/** Whether a parameter's input is on show in the node's panel. */
	async parameterShown(name: string): Promise<boolean> {
		return (await this.visible(byTestId(`parameter-input-${name}`))).length > 0;
	}

	/**
	 * Opens the list behind a collection's "Add …" control (Options: "Add Option") and returns what it offers.
	 * n8n 2.x has two collection editors behind a feature flag, a drop-down and a menu: both are read.
	 */
	async openCollectionList(addLabel: string): Promise<string[]> {
		const control = await eventually(
			`the "${addLabel}" control`,
			async () => {
				for (const element of await this.visible(
					`${byTestId('node-parameters')} [data-test-id^="collection-parameter-add"]`,
				)) {
					const text = await element.evaluate(
						(node) =>
							`${node.textContent ?? ''} ${node.querySelector('input')?.getAttribute('placeholder') ?? ''}`,
					);
					if (text.includes(addLabel)) return element;
				}
				return undefined;
			},
			(found) => found !== undefined,
		);
		await control!.click();
		await delay(300);
		return this.texts(COLLECTION_ITEMS);
	}

	/** Adds the option of that label from the list openCollectionList opened. */
	async addCollectionItem(label: string): Promise<void> {
		await this.clickText(COLLECTION_ITEMS, label);
		await delay(300);
	}

	/** Turns a boolean parameter on. */
	async switchOn(name: string): Promise<void> {
		const toggle = await this.page.waitForSelector(
			`${byTestId(`parameter-input-${name}`)} .el-switch`,
			{ visible: true },
		);
		if ((await toggle!.evaluate((node) => node.classList.contains('is-checked'))) === false)
			await toggle!.click();
		await eventually(
			`${name} switched on`,
			() => toggle!.evaluate((node) => node.classList.contains('is-checked')),
			(on) => on,
		);
	}

	/** The notices on show in the node's panel (the provider hints, say). */
	async notices(): Promise<string[]> {
		return this.texts(`${byTestId('node-parameters')} .notice`);
	}

	/**
	 * Clicks, then waits for n8n's notification of how the run ended (it shows one for a step and for a whole
	 * workflow); fails with its text unless it says the run succeeded.
	 */
	private async runAndWaitForNotification(selector: string): Promise<void> {
		// Notifications already on show (a saved credential, the previous run) are marked, so that only one
		// this run brings can match.
		await this.page.$$eval('.el-notification', (shown) =>
			shown.forEach((element) => element.setAttribute('data-fusion-seen', '')),
		);
		await this.page.click(selector);
		const shown = await eventually(
			'n8n to say how the run ended',
			() => this.texts('.el-notification:not([data-fusion-seen])'),
			(texts) =>
				texts.some((text) =>
					/executed successfully|Problem in node|failed|cannot start/i.test(text),
				),
			60_000,
		);
		if (!shown.some((text) => /executed successfully/i.test(text)))
			throw new Error(`the run failed: ${shown.join(' | ')}`);
	}

	/** Execute step; resolves with the output, as the JSON view shows it. */
	async executeStep(): Promise<string> {
		await this.runAndWaitForNotification(byTestId('node-execute-button'));
		return this.outputJson();
	}

	/** The output as n8n's JSON view shows it, its white space collapsed: `"model": "openai/gpt-4o-mini"`. */
	async outputJson(): Promise<string> {
		await this.page.waitForSelector(byTestId('output-panel'), { visible: true });
		const [json] = await this.visible(
			`${byTestId('output-panel')} ${byTestId('radio-button-json')}`,
		);
		if (
			json !== undefined &&
			(await json.evaluate((button) => button.getAttribute('aria-checked'))) !== 'true'
		)
			await json.click();
		// The JSON view renders over a few frames after the switch: read until two reads agree.
		let previous = '';
		const read = async () => {
			const text = await this.page.$eval(
				byTestId('output-panel'),
				(element) => (element as unknown as { innerText: string }).innerText,
			);
			return text.replace(/\s+/g, ' ');
		};
		return eventually('the JSON view of the output', read, (text) => {
			const settled = text.includes('{') && text === previous;
			previous = text;
			return settled;
		});
	}

	async saveWorkflow(): Promise<void> {
		await this.page.keyboard.down('Control');
		await this.page.keyboard.press('s');
		await this.page.keyboard.up('Control');
		await delay(1_000);
	}

	/** "Execute workflow" from the named trigger; resolves once n8n says the workflow succeeded. */
	async executeWorkflowFrom(trigger: string): Promise<void> {
		await this.runAndWaitForNotification(byTestId(`execute-workflow-button-${trigger}`));
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
