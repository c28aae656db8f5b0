/**
 * Fusion Chat Model in n8n's editor: a user opens an AI Agent's Chat Model slot, finds Fusion Chat Model by
 * searching, adds it, and its Providers field and credential slot show and take a credential, against a real n8n that installed the
 * packed package.
 */
import type { EditorHarness } from './editor-harness';
import type { EditorPage } from './editor-page';
import { keepPicture, startEditor, step, stopEditor } from './ui-run';

/** The "+" under a node's labelled sub-node slot, as the canvas draws it ("Chat Model", "Tool", …). */
const slotPlus = (label: string) =>
	`xpath/.//div[contains(@class, "canvas-node-handle-non-main-input")][.//div[normalize-space(.)="${label}"]]//*[@data-test-id="canvas-handle-plus"]`;

describe('a user gives an AI Agent Fusion Chat Model as its chat model', () => {
	let harness: EditorHarness;
	let editor: EditorPage;

	beforeAll(async () => {
		({ harness, editor } = await startEditor('fusion-chat-model'));
	});
	afterAll(() => stopEditor(harness));

	it(
		"adds Fusion Chat Model from the agent's Chat Model slot and sees its providers and credential",
		step(async () => {
			await editor.newWorkflowWith('AI Agent', 'AI Agent');
			await editor.closeNodePanel();

			const plus = await harness.page.waitForSelector(slotPlus('Chat Model'), { visible: true });
			await plus!.click();
			await editor.pickNode('Fusion Chat Model', 'Fusion Chat Model');
			await harness.screenshot('fusion-chat-model-panel');

			expect(await editor.multiOptionValues('providers')).toEqual(['OpenAI']);
			expect(await editor.credentialLabels()).toEqual(['Credential for OpenAI']);
			// The agent writes the messages: the sub-node has no prompt of its own.
			expect(await editor.parameterShown('prompt')).toBe(false);
			expect(await editor.parameterShown('strategy')).toBe(true);
			await editor.createCredential('Credential for OpenAI', {
				apiKey: 'sk-agent-model',
				baseUrl: `${harness.simulator.url}/v1`,
			});
			expect(await editor.credentialTestResult('Credential for OpenAI')).toBe(
				'Connection tested successfully',
			);

			await editor.closeNodePanel();
			await editor.dismissNotifications();
			const shot = await harness.screenshot('agent-with-fusion-chat-model');
			keepPicture(shot, 'fusion-chat-model-agent.png');
			const connected = await harness.page.$$(slotPlus('Chat Model'));
			// A filled slot takes one model: its "+" is gone.
			expect(connected).toHaveLength(0);
		}),
	);
});
