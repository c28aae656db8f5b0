/**
 * Structured output in n8n's editor: a user asks Fusion Chat for JSON that follows a schema and makes the
 * parsed object the item, by clicking, against a real n8n and the provider simulator.
 */
import type { EditorHarness } from './editor-harness';
import type { EditorPage } from './editor-page';
import { keepPicture, startEditor, step, stopEditor } from './ui-run';

describe('a user asks Fusion Chat for JSON in the editor', () => {
	let harness: EditorHarness;
	let editor: EditorPage;

	beforeAll(async () => {
		({ harness, editor } = await startEditor('structured-output'));
	});
	afterAll(() => stopEditor(harness));

	it(
		'sets Response Format to JSON Schema, sees the schema field and the parsed-only option, and gets the object as the item',
		step(async () => {
			await editor.newWorkflowWith('Fusion Chat', 'Fusion Chat');
			await editor.createCredential('Credential for OpenAI', {
				apiKey: 'sk-structured-output',
				baseUrl: `${harness.simulator.url}/v1`,
			});
			await editor.typeParameter('prompt', 'Extract the invoice as JSON: INV-42, 99.50 EUR');
			await editor.pickModel('openai/gpt-4o-mini');

			// A text answer: no schema to fill in, nothing parsed to output.
			expect(await editor.parameterShown('jsonSchema')).toBe(false);
			expect(await editor.openCollectionList('Add Option')).not.toContain(
				'Output Parsed JSON Only',
			);
			await harness.page.keyboard.press('Escape');

			await editor.selectOption('responseFormat', 'JSON Schema');
			expect(await editor.parameterShown('jsonSchema')).toBe(true);
			await harness.screenshot('json-schema-field');
			expect(await editor.openCollectionList('Add Option')).toEqual(
				expect.arrayContaining(['Attach Binary Fields', 'Output Parsed JSON Only']),
			);
			await editor.addCollectionItem('Output Parsed JSON Only');
			await editor.switchOn('outputParsedOnly');
			await editor.scrollToParameter('responseFormat');
			keepPicture(await harness.screenshot('json-schema-set-up'), 'fusion-chat-json-schema.png');

			const invoice = { invoice_number: 'INV-42', total: 99.5, currency: 'EUR' };
			harness.simulator.reply('/v1/chat/completions', {
				json: {
					choices: [
						{
							index: 0,
							message: { role: 'assistant', content: JSON.stringify(invoice) },
							finish_reason: 'stop',
						},
					],
				},
			});
			const output = await editor.executeStep();
			await harness.screenshot('parsed-object');
			expect(output).toContain('"invoice_number": "INV-42"');
			expect(output).toContain('"total": 99.5');
			expect(output).toContain('"_response"');
			const [sent] = harness.simulator.requestsTo('/v1/chat/completions').slice(-1);
			expect((sent.body as { response_format: unknown }).response_format).toMatchObject({
				type: 'json_schema',
				json_schema: { name: 'invoice', strict: true },
			});
		}),
	);
});
