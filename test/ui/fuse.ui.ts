/**
 * Fuse in n8n's editor: a user turns Fusion Chat into a panel of models whose answers a stronger model fuses,
 * by clicking, against a real n8n and the provider simulator.
 */
import type { EditorHarness } from './editor-harness';
import type { EditorPage } from './editor-page';
import { keepPicture, startEditor, step, stopEditor } from './ui-run';

describe('a user sets up a fused panel of models in the editor', () => {
	let harness: EditorHarness;
	let editor: EditorPage;

	beforeAll(async () => {
		({ harness, editor } = await startEditor('fuse'));
	});
	afterAll(() => stopEditor(harness));

	it(
		'picks Best Of, two models and Fuse; the Fuser Model field shows and its answer is the item',
		step(async () => {
			await editor.newWorkflowWith('Fusion Chat', 'Fusion Chat');
			await editor.createCredential('Credential for OpenAI', {
				apiKey: 'sk-fuse-user',
				baseUrl: `${harness.simulator.url}/v1`,
			});
			await editor.typeParameter('prompt', 'Name three moons of Jupiter');
			await editor.selectOption('strategy', 'Best Of');
			await editor.addCandidateModel();
			await editor.pickModel('openai/gpt-4o-mini', { candidateRow: 0 });
			await editor.addCandidateModel();
			await editor.pickModel('openai/gpt-4.1-nano', { candidateRow: 1 });

			expect(await editor.parameterShown('judgeModel')).toBe(false);
			await editor.selectOption('selection', 'Fuse');
			expect(await editor.parameterShown('judgeModel')).toBe(true);
			expect(await harness.page.content()).toContain('Fuser Model');
			await editor.pickModel('openai/gpt-4.1', { field: 'judgeModel' });
			expect(await editor.openCollectionList('Add Option')).toContain(
				'OpenRouter Provider Preferences',
			);
			await harness.page.keyboard.press('Escape');
			await editor.scrollToParameter('selection');

			const output = await editor.executeStep();
			await editor.dismissNotifications();
			keepPicture(await harness.screenshot('fused-answer'), 'fusion-chat-fuse.png');
			expect(output).toContain('"model": "openai/gpt-4.1"');
			expect(output).toContain('"answer": "[gpt-4.1] answer to: Name three moons of Jupiter"');
			const [fuserCall] = harness.simulator
				.requestsTo('/v1/chat/completions')
				.filter((request) => (request.body as { model?: string }).model === 'gpt-4.1');
			const fuserInput = JSON.stringify(fuserCall.body);
			expect(fuserInput).toContain('[gpt-4o-mini] answer to: Name three moons of Jupiter');
			expect(fuserInput).toContain('[gpt-4.1-nano] answer to: Name three moons of Jupiter');
		}),
	);
});
