/**
 * `npm run test:ui`: a new user's first steps in n8n's editor, in Debian's Chromium against a real n8n that
 * installed the packed package, with the provider simulator standing in for the providers. Nothing here
 * imports a Fusion node as JSON: every node is added from the nodes panel and set up by clicking and typing.
 *
 * Screenshots of every step go to .cache/ui-artifacts/<run>/ (FUSION_UI_ARTIFACTS overrides) and stay there
 * when a test fails, with n8n's log. FUSION_UI_PICTURES=<folder> also writes the README's pictures there.
 */
import { DEMO_WORKFLOW_IDS, demoConnections, demoWorkflows } from '../demo/demo-setup';
import type { EditorHarness } from './editor-harness';
import type { EditorPage } from './editor-page';
import { keepPicture, startEditor, step, stopEditor } from './ui-run';

describe('a new user sets up Fusion Chat and Fusion Models in the editor', () => {
	let harness: EditorHarness;
	let editor: EditorPage;
	const simulated = (path = '') => ({ baseUrl: `${harness.simulator.url}${path}` });

	beforeAll(async () => {
		({ harness, editor } = await startEditor('new-user'));
	});
	afterAll(() => stopEditor(harness));

	it(
		'adds Fusion Chat from the nodes panel, creates the credential its model needs, and gets an answer',
		step(async () => {
			await editor.newWorkflowWith('Fusion Chat', 'Fusion Chat');
			await harness.screenshot('fusion-chat-added');

			// The default model is an OpenAI one, and its credential field says so.
			expect(await editor.credentialLabels()).toEqual(['Credential for OpenAI']);
			expect(await editor.multiOptionValues('providers')).toEqual(['OpenAI']);
			await editor.createCredential('Credential for OpenAI', {
				apiKey: 'sk-new-user-openai',
				...simulated('/v1'),
			});
			expect(await editor.credentialTestResult('Credential for OpenAI')).toBe(
				'Connection tested successfully',
			);

			await editor.typeParameter('prompt', 'Say hello to a new Fusion user');
			await editor.pickModel('openai/gpt-4o-mini');
			const output = await editor.executeStep();
			const shot = await harness.screenshot('first-answer');
			keepPicture(shot, 'fusion-chat-first-answer.png');
			expect(output).toContain(
				'"answer": "[gpt-4o-mini] answer to: Say hello to a new Fusion user"',
			);
			expect(output).toContain('"model": "openai/gpt-4o-mini"');
			expect(output).toContain('"attempts": "openai/gpt-4o-mini: ok"');
		}),
	);

	it(
		'adds a fallback model from a second provider and its credential; a failing first model hands over to it',
		step(async () => {
			await editor.addFallbackModel();
			await editor.pickModel('anthropic/claude-haiku-4-5', { fallbackRow: 0 });
			// Its provider is not chosen yet: the panel says where to add it.
			expect(await editor.notices()).toContainEqual(
				expect.stringContaining('add Anthropic under Providers'),
			);
			await harness.screenshot('fallback-needs-provider');

			await editor.addToMultiOption('providers', 'Anthropic');
			expect(await editor.credentialLabels()).toEqual([
				'Credential for OpenAI',
				'Credential for Anthropic',
			]);
			expect(await editor.notices()).not.toContainEqual(expect.stringContaining('Anthropic'));
			await editor.createCredential('Credential for Anthropic', {
				apiKey: 'sk-ant-new-user',
				...simulated(),
			});
			expect(await editor.credentialTestResult('Credential for Anthropic')).toBe(
				'Connection tested successfully',
			);

			// The simulator answers HTTP 500 for this model name, every time.
			await editor.typeModelId('openai/sim-fail-500');
			const output = await editor.executeStep();
			const shot = await harness.screenshot('fallback-answer');
			keepPicture(shot, 'fusion-chat-fallback.png');
			expect(output).toContain('"model": "anthropic/claude-haiku-4-5"');
			expect(output).toContain(
				'"answer": "[claude-haiku-4-5] answer to: Say hello to a new Fusion user"',
			);
			expect(output).toMatch(
				/"attempts": "openai\/sim-fail-500: HTTP 500 ×3 → anthropic\/claude-haiku-4-5: ok"/,
			);
			expect(await editor.selectedCredential('Credential for OpenAI')).not.toBe('');
			await editor.closeNodePanel();
			await editor.saveWorkflow();
		}),
	);

	it(
		'finds Fusion Models by its name, sets its source to the providers live, and lists their models',
		step(async () => {
			await editor.newWorkflowWith('Fusion Models', 'Fusion Models');
			await editor.selectOption('source', 'Live From Providers');
			expect(await editor.multiOptionValues('providers')).toEqual(['OpenAI']);
			expect(await editor.credentialLabels()).toEqual(['Credential for OpenAI']);
			// The OpenAI credential made before is the only one of its type: n8n picks it for a new node.
			expect(await editor.selectedCredential('Credential for OpenAI')).not.toBe('');
			const output = await editor.executeStep();
			await harness.screenshot('fusion-models-live');
			expect(output).toContain('"id": "openai/gpt-4o-mini"');
			expect(output).toContain('"available": true');
		}),
	);
});

describe('a user puts their own key into the first demo workflow', () => {
	let harness: EditorHarness;
	let editor: EditorPage;
	const OWN_KEY = 'sk-my-own-openai-key';

	beforeAll(async () => {
		({ harness, editor } = await startEditor('demo', (simulatorUrl) => {
			const connections = demoConnections(simulatorUrl, {});
			const ownKey = {
				id: 'fusionOwnKey001',
				name: 'My OpenAI key',
				type: 'fusionOpenAiApi',
				data: { apiKey: OWN_KEY, baseUrl: `${simulatorUrl}/v1` },
			};
			return {
				credentials: [...connections.map((connection) => connection.credential), ownKey],
				workflows: demoWorkflows(connections),
			};
		}));
	});
	afterAll(() => stopEditor(harness));

	it(
		'changes the OpenAI credential of Summarize Review, keeps the other two, and the workflow runs with the new key',
		step(async () => {
			await editor.openWorkflow(DEMO_WORKFLOW_IDS.batch);
			await editor.openNode('Summarize Review');
			const labels = [
				'Credential for OpenAI',
				'Credential for Anthropic',
				'Credential for Google Gemini',
			];
			expect(await editor.credentialLabels()).toEqual(labels);
			const before = await Promise.all(labels.map((label) => editor.selectedCredential(label)));

			await editor.chooseCredential('Credential for OpenAI', 'My OpenAI key');
			expect(await editor.credentialLabels()).toEqual(labels);
			expect(await Promise.all(labels.map((label) => editor.selectedCredential(label)))).toEqual([
				'My OpenAI key',
				before[1],
				before[2],
			]);
			expect(await editor.multiOptionValues('providers')).toEqual([
				'OpenAI',
				'Anthropic',
				'Google Gemini',
			]);
			await harness.screenshot('demo-credential-changed');
			await editor.closeNodePanel();
			await editor.saveWorkflow();

			await editor.executeWorkflowFrom('Run Now');
			keepPicture(await harness.screenshot('demo-run'), 'demo-canvas.png');
			await editor.openNode('Report');
			const report = await editor.outputJson();
			expect(report).toContain('4 items');
			expect(report.match(/"answeredBy": "anthropic\/claude-haiku-4-5"/g)).toHaveLength(4);
			const openAiCalls = harness.simulator.requestsTo('/v1/chat/completions');
			expect(openAiCalls.length).toBeGreaterThan(0);
			expect(
				openAiCalls.every((request) => request.headers.authorization === `Bearer ${OWN_KEY}`),
			).toBe(true);
		}),
	);
});
