/**
 * Tools in n8n's editor: a user offers Fusion Chat a function by pasting its JSON into Options → Tools (JSON),
 * and the model's call comes out as OpenAI-shaped tool_calls, against a real n8n and the provider simulator.
 */
import { SAMPLE_TOOLS } from '../../nodes/FusionChat/description/tools.description';
import type { EditorHarness } from './editor-harness';
import type { EditorPage } from './editor-page';
import { keepPicture, startEditor, step, stopEditor } from './ui-run';

describe('a user offers Fusion Chat a tool in the editor', () => {
	let harness: EditorHarness;
	let editor: EditorPage;

	beforeAll(async () => {
		({ harness, editor } = await startEditor('tools'));
	});
	afterAll(() => stopEditor(harness));

	it(
		'adds Tools (JSON), pastes a function, and gets the call as tool_calls with finish_reason "tool_calls"',
		step(async () => {
			await editor.newWorkflowWith('Fusion Chat', 'Fusion Chat');
			await editor.createCredential('Credential for OpenAI', {
				apiKey: 'sk-tools-user',
				baseUrl: `${harness.simulator.url}/v1`,
			});
			await editor.typeParameter('prompt', 'What is the weather in Paris?');
			await editor.pickModel('openai/gpt-4o-mini');

			expect(await editor.openCollectionList('Add Option')).toContain('Tools (JSON)');
			await editor.addCollectionItem('Tools (JSON)');
			await editor.pasteIntoParameter('tools', SAMPLE_TOOLS);
			await editor.scrollToParameter('tools');

			const output = await editor.executeStep();
			await editor.dismissNotifications();
			keepPicture(await harness.screenshot('tool-call'), 'fusion-chat-tools.png');
			expect(output).toContain('"finish_reason": "tool_calls"');
			expect(output).toContain('"name": "get_weather"');
			const [sent] = harness.simulator.requestsTo('/v1/chat/completions').slice(-1);
			expect((sent.body as { tools: unknown }).tools).toEqual(JSON.parse(SAMPLE_TOOLS));
		}),
	);
});
