import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { FsByteStore } from '@n8n/blob-storage';
import { BinaryDataBlobManager, BinaryDataService, type ErrorReporter } from 'n8n-core';
import { NodeOperationError, type IBinaryKeyData, type IDataObject } from 'n8n-workflow';
import { FusionChat } from '../../../nodes/FusionChat/FusionChat.node';
import { SAMPLE_JSON_SCHEMA } from '../../../nodes/FusionChat/description/structured-output.description';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';
import { chatCredentials, modelParameter, runFusionChat } from './run-fusion-chat';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

// A 1×1 transparent PNG and a one-page PDF: small, but the real formats.
const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PDF_BASE64 = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

const png = { data: PNG_BASE64, mimeType: 'image/png', fileName: 'photo.png' };
const pdf = { data: PDF_BASE64, mimeType: 'application/pdf', fileName: 'invoice-42.pdf' };

const fields = (parameters: IDataObject = {}) => ({
	inputMode: 'fields',
	model: modelParameter('openai/gpt-4o-mini'),
	prompt: '=Extract the invoice: {{ $json.note }}',
	...parameters,
});

const runWithFiles = (
	parameters: IDataObject,
	inputItems: IDataObject[],
	inputBinary: Array<IBinaryKeyData | undefined>,
	continueOnFail = false,
) =>
	runNodeInN8n({
		nodeType: new FusionChat(),
		parameters: { providers: ['openai', 'anthropic'], simplify: false, ...fields(parameters) },
		credentials: chatCredentials(server),
		inputItems,
		inputBinary,
		continueOnFail,
	});

const sentBodies = () => server.requests.map((request) => request.body as Record<string, unknown>);
const sentBody = (index = 0) => sentBodies()[index];

describe('Fusion Chat fields mode: response format and reasoning', () => {
	it('sends JSON Schema as a strict json_schema named after its title, the sample schema by default', async () => {
		const { error } = await runFusionChat(
			server,
			// A model with a reasoning control: OpenAI's others get no reasoning_effort, only a warning.
			fields({
				model: modelParameter('openai/gpt-5.1'),
				responseFormat: 'json_schema',
				parameters: { reasoningEffort: 'low' },
			}),
			[{ note: 'INV-1' }],
		);
		expect(error).toBeUndefined();
		expect(sentBody()).toMatchObject({
			reasoning_effort: 'low',
			response_format: {
				type: 'json_schema',
				json_schema: { name: 'invoice', schema: JSON.parse(SAMPLE_JSON_SCHEMA), strict: true },
			},
		});
	});

	it('names a schema without a usable title "response", and makes a title a valid name', async () => {
		const schema = { type: 'object', properties: { label: { type: 'string' } } };
		await runFusionChat(
			server,
			fields({ responseFormat: 'json_schema', jsonSchema: JSON.stringify(schema) }),
			[{}],
		);
		await runFusionChat(
			server,
			fields({
				responseFormat: 'json_schema',
				jsonSchema: JSON.stringify({ ...schema, title: 'Ticket label (v2)' }),
			}),
			[{}],
		);
		expect(sentBodies().map((body) => body.response_format)).toEqual([
			{ type: 'json_schema', json_schema: { name: 'response', schema, strict: true } },
			{
				type: 'json_schema',
				json_schema: {
					name: 'Ticket_label_v2_',
					schema: { ...schema, title: 'Ticket label (v2)' },
					strict: true,
				},
			},
		]);
	});

	it('sends json_object for JSON Object, and nothing new for Text or a saved version 1 node', async () => {
		await runFusionChat(server, fields({ responseFormat: 'json_object' }), [{}]);
		await runFusionChat(server, fields({ responseFormat: 'text' }), [{}]);
		await runNodeInN8n({
			nodeType: new FusionChat(),
			parameters: { providers: ['openai'], ...fields() },
			credentials: chatCredentials(server),
			inputItems: [{}],
			typeVersion: 1,
		});
		const [jsonObject, text, version1] = sentBodies();
		expect(jsonObject.response_format).toEqual({ type: 'json_object' });
		for (const body of [text, version1]) {
			expect(Object.keys(body).sort()).toEqual(['messages', 'model']);
		}
	});

	it('says which field holds a broken schema, and sends nothing', async () => {
		const broken = await runFusionChat(
			server,
			fields({ responseFormat: 'json_schema', jsonSchema: '{"type": "object",' }),
			[{}],
		);
		expect(broken.error).toBeInstanceOf(NodeOperationError);
		expect(broken.error?.message).toMatch(/^Invalid request: JSON Schema is not valid JSON \(/);
		const notAnObject = await runFusionChat(
			server,
			fields({ responseFormat: 'json_schema', jsonSchema: '["type"]' }),
			[{}],
		);
		expect(notAnObject.error?.message).toBe(
			'Invalid request: JSON Schema must be a JSON object such as {"type": "object", "properties": {…}}',
		);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Fusion Chat fields mode: Attach Binary Fields', () => {
	it('sends the prompt as a text part, then each file: an image as image_url, a PDF as file', async () => {
		const { error } = await runWithFiles(
			{ options: { binaryPropertyNames: 'photo, data' } },
			[{ note: 'see files' }],
			[{ photo: png, data: pdf }],
		);
		expect(error).toBeUndefined();
		expect(sentBody().messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Extract the invoice: see files' },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
					{
						type: 'file',
						file: {
							filename: 'invoice-42.pdf',
							file_data: `data:application/pdf;base64,${PDF_BASE64}`,
						},
					},
				],
			},
		]);
	});

	it('reads files that n8n keeps on disk, through its binary data service', async () => {
		const storagePath = mkdtempSync(join(tmpdir(), 'fusion-binary-'));
		try {
			const reportError = () => undefined;
			const manager = new BinaryDataBlobManager(new FsByteStore({ storagePath, reportError }), {
				error: reportError,
			} as unknown as ErrorReporter);
			await manager.init();
			Container.get(BinaryDataService).setManager('filesystem-v2', manager);
			const { fileId, fileSize } = await manager.store(
				{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
				Buffer.from(PDF_BASE64, 'base64'),
				{ mimeType: 'application/pdf', fileName: 'on-disk.pdf' },
			);
			const { error } = await runWithFiles(
				{ options: { binaryPropertyNames: 'data' } },
				[{ note: 'on disk' }],
				[
					{
						data: {
							id: `filesystem-v2:${fileId}`,
							data: 'filesystem-v2',
							mimeType: 'application/pdf',
							fileName: 'on-disk.pdf',
							fileSize: String(fileSize),
						},
					},
				],
			);
			expect(error).toBeUndefined();
			expect((sentBody().messages as Array<{ content: unknown[] }>)[0].content[1]).toEqual({
				type: 'file',
				file: {
					filename: 'on-disk.pdf',
					file_data: `data:application/pdf;base64,${PDF_BASE64}`,
				},
			});
		} finally {
			rmSync(storagePath, { recursive: true, force: true });
		}
	});

	it("names a missing field and lists the item's binary fields, and names a file type no model takes", async () => {
		const { items } = await runWithFiles(
			{ options: { binaryPropertyNames: 'photo' } },
			[{ note: 'a' }, { note: 'b' }, { note: 'c' }, { note: 'd' }],
			[
				{ photo: png },
				{ data: pdf, attachment: png },
				undefined,
				{ photo: { data: 'YSxi', mimeType: 'text/csv; charset=utf-8', fileName: 'x.csv' } },
			],
			true,
		);
		expect(items.map((item) => item.json.error)).toEqual([
			undefined,
			'Invalid request: Attach Binary Fields names "photo", which the item does not have (its binary fields: data, attachment)',
			'Invalid request: Attach Binary Fields names "photo", which the item does not have (the item has no binary fields)',
			'Invalid request: Attach Binary Fields: "photo" is text/csv, which cannot be sent to a model; attach images (image/png, image/jpeg, image/gif, image/webp) or PDFs',
		]);
		expect(server.requests).toHaveLength(1);
	});

	it('fails the node with the item index when continue-on-fail is off', async () => {
		const { error } = await runWithFiles(
			{ options: { binaryPropertyNames: 'photo' } },
			[{}, {}],
			[{ photo: png }, {}],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});
});

describe('Fusion Chat fields mode: Output Parsed JSON Only', () => {
	const invoice = { invoice_number: 'INV-42', total: 99.5, currency: 'EUR' };
	const replyWith = (content: string) =>
		server.reply('/v1/chat/completions', {
			json: {
				choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
			},
		});

	it('makes the parsed object the item, with the simplified response under _response', async () => {
		replyWith(JSON.stringify(invoice));
		const { items, error } = await runNodeInN8n({
			nodeType: new FusionChat(),
			parameters: {
				providers: ['openai'],
				...fields({ responseFormat: 'json_schema', options: { outputParsedOnly: true } }),
			},
			credentials: chatCredentials(server),
			inputItems: [{}],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			...invoice,
			_response: expect.objectContaining({
				answer: JSON.stringify(invoice),
				parsed: invoice,
				model: 'openai/gpt-4o-mini',
			}),
		});
	});

	it('keeps the full response under _response with Simplify Output off', async () => {
		replyWith(JSON.stringify(invoice));
		const { items } = await runFusionChat(
			server,
			fields({ responseFormat: 'json_object', options: { outputParsedOnly: true } }),
			[{}],
		);
		expect(items[0].json.invoice_number).toBe('INV-42');
		expect(items[0].json._response).toMatchObject({
			object: 'chat.completion',
			choices: [{ message: { parsed: invoice } }],
		});
	});

	it('leaves the output alone for a Text response format, whatever the option says', async () => {
		replyWith(JSON.stringify(invoice));
		const { items } = await runFusionChat(
			server,
			fields({ responseFormat: 'text', options: { outputParsedOnly: true } }),
			[{}],
		);
		expect(items[0].json).toMatchObject({ object: 'chat.completion' });
		expect(items[0].json._response).toBeUndefined();
	});
});
