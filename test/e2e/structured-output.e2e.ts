/**
 * Structured output in a real n8n: the packed package runs workflows headless (one execute-batch) against the
 * mock provider, which answers JSON built from each request's schema and records what each provider was sent.
 */
import Ajv from 'ajv';
import type { IDataObject, IRun } from 'n8n-workflow';
import { TINY_PNG_BASE64, TINY_PNG_DATA_URL } from '../fixtures/media';
import { MockProviderServer, type RecordedRequest } from '../mock-provider/mock-provider-server';
import { prepareUserFolder, type PreparedUserFolder } from '../n8n/fusion-package';
import { N8nCli, type BatchExecution } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { nodeOutput, outputJson, successfulRunIn } from '../n8n/run-data';
import {
	BAD_INPUT_ITEMS,
	BROKEN_JSON_MODEL,
	buildStructuredSetup,
	FALLBACK_TICKETS,
	GOOD_JSON_MODEL,
	IMAGE_SCHEMA,
	INVOICE_FILE_NAME,
	INVOICE_SCHEMA,
	PROVIDER_CASES,
	STRUCTURED_PATHS,
	STRUCTURED_WORKFLOW_IDS,
	TICKET_SCHEMA,
	type ProviderCase,
} from './structured-output-workflows';

const SETUP_TIMEOUT_MS = 30 * 60_000;

let mock: MockProviderServer;
let prepared: PreparedUserFolder;
let batch: Map<string, BatchExecution>;

beforeAll(async () => {
	const installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	const setup = buildStructuredSetup(mock.url);
	prepared = await prepareUserFolder();
	const n8n = new N8nCli(installation, prepared.userFolder);
	await n8n.importCredentials(setup.credentials);
	await n8n.importWorkflows(setup.workflows);
	batch = await n8n.executeBatch(Object.values(STRUCTURED_WORKFLOW_IDS));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await mock?.close();
	prepared?.remove();
});

const successfulRun = (workflowId: string): IRun => successfulRunIn(batch, workflowId);

const requestsUnder = (prefix: string): RecordedRequest[] =>
	mock.requests.filter((request) => request.path.startsWith(`${prefix}/`));

interface ChatItem extends IDataObject {
	model: string;
	choices: Array<{ message: { content: string | null; parsed?: unknown }; finish_reason: string }>;
	fusion: IDataObject & {
		attempts: Array<{ model: string; status: string; error?: { type: string; message: string } }>;
	};
}

const chatOutput = (workflowId: string) =>
	outputJson(successfulRun(workflowId), 'Fusion Chat') as ChatItem[];

/** Every JSON Schema check here is Ajv's own, not the package's. */
function schemaErrors(schema: object, value: unknown): string {
	const validate = new Ajv({ strict: false }).compile(schema);
	return validate(value) ? '' : JSON.stringify(validate.errors);
}

type Body = Record<string, unknown>;
const partsOfFirstUserTurn = (body: Body, provider: ProviderCase['provider']): Body[] => {
	if (provider === 'google')
		return ((body.contents as Array<{ parts: Body[] }>) ?? [])[0]?.parts ?? [];
	const messages = (body.messages as Array<{ role: string; content: unknown }>) ?? [];
	const content = messages.find((message) => message.role === 'user')?.content;
	return Array.isArray(content) ? (content as Body[]) : [];
};

/** The image as each provider's API documents taking it (Mistral's is read apart: it takes two forms). */
const IMAGE_IN_WIRE_FORMAT: Record<Exclude<ProviderCase['provider'], 'mistral'>, Body> = {
	openai: { type: 'image_url', image_url: expect.objectContaining({ url: TINY_PNG_DATA_URL }) },
	openrouter: { type: 'image_url', image_url: expect.objectContaining({ url: TINY_PNG_DATA_URL }) },
	anthropic: {
		type: 'image',
		source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 },
	},
	google: { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } },
};

/** Mistral documents `image_url` as the URL itself, and takes OpenAI's `{ url }` object too. */
const mistralImageUrl = (part: Body | undefined): unknown => {
	const imageUrl = part?.image_url;
	return typeof imageUrl === 'object' && imageUrl !== null
		? (imageUrl as { url?: unknown }).url
		: imageUrl;
};

describe('a JSON Schema answer about an image, from each provider, in n8n', () => {
	it.each(PROVIDER_CASES)(
		'$provider: choices[0].message.parsed validates against the schema, and $provider received the image in its own format',
		(entry) => {
			const [answer, ...others] = chatOutput(STRUCTURED_WORKFLOW_IDS[entry.provider]);
			expect(others).toEqual([]);
			expect(answer.model).toBe(entry.model);
			const { message } = answer.choices[0];
			expect(message.parsed).toBeDefined();
			expect(schemaErrors(IMAGE_SCHEMA, message.parsed)).toBe('');
			expect(message.parsed).toEqual(JSON.parse(message.content ?? ''));

			const sent = requestsUnder(STRUCTURED_PATHS[entry.provider]);
			expect(sent).toHaveLength(1);
			const parts = partsOfFirstUserTurn(sent[0].body as Body, entry.provider);
			if (entry.provider === 'mistral') {
				const image = parts.find((part) => part.type === 'image_url');
				expect(mistralImageUrl(image)).toBe(TINY_PNG_DATA_URL);
			} else {
				expect(parts).toContainEqual(IMAGE_IN_WIRE_FORMAT[entry.provider]);
			}
			expect(JSON.stringify(parts)).toContain('Describe this image');
		},
	);
});

describe('a fallback away from broken JSON, in n8n', () => {
	it('ends every item with the second model’s parsed answer; the broken one is invalid_output and never cooled down', () => {
		const run = successfulRun(STRUCTURED_WORKFLOW_IDS.brokenJsonFallback);
		const answers = outputJson(run, 'Fusion Chat') as ChatItem[];
		expect(answers).toHaveLength(FALLBACK_TICKETS.length);
		for (const answer of answers) {
			expect(answer.model).toBe(GOOD_JSON_MODEL);
			expect(schemaErrors(TICKET_SCHEMA, answer.choices[0].message.parsed)).toBe('');
			// The last items too: three failures that counted would have put the model on cool-down.
			expect(answer.fusion.attempts).toEqual([
				expect.objectContaining({
					model: BROKEN_JSON_MODEL,
					status: 'error',
					error: expect.objectContaining({
						type: 'invalid_output',
						message: expect.stringContaining('answered text that is not JSON'),
					}),
				}),
				expect.objectContaining({ model: GOOD_JSON_MODEL, status: 'ok' }),
			]);
		}
		const parsed = answers.map((answer) => answer.choices[0].message.parsed as IDataObject);
		expect(outputJson(run, 'Use Parsed')).toEqual(
			parsed.map(({ label, priority }) => ({ label, priority: String(priority) })),
		);
		const sentModels = requestsUnder(STRUCTURED_PATHS.brokenJsonFallback).map(
			(request) => (request.body as { model: string }).model,
		);
		expect(sentModels).toEqual(
			FALLBACK_TICKETS.flatMap(() => ['gpt-4o-mini-sim-badjson', 'gpt-4o-mini']),
		);
	});
});

describe('bad input among good items, in n8n', () => {
	it('makes each bad request an item error naming the field, sends nothing for it, and answers the others', () => {
		const items = nodeOutput(successfulRun(STRUCTURED_WORKFLOW_IDS.badInput), 'Fusion Chat');
		expect(items.map((item) => item.pairedItem)).toEqual(
			BAD_INPUT_ITEMS.map((_, index) => ({ item: index })),
		);
		BAD_INPUT_ITEMS.forEach((entry, index) => {
			const json = items[index].json as ChatItem & { error?: string };
			if (entry.field === undefined) {
				expect(json.error).toBeUndefined();
				expect(json.choices[0].message.content).toEqual(expect.any(String));
			} else {
				expect(json.choices).toBeUndefined();
				expect(json.error).toContain(entry.field);
			}
		});
		const good = items[0].json as ChatItem;
		expect(schemaErrors(IMAGE_SCHEMA, good.choices[0].message.parsed)).toBe('');

		const sent = requestsUnder(STRUCTURED_PATHS.badInput).map((request) =>
			JSON.stringify(request.body),
		);
		expect(sent).toHaveLength(2);
		expect(sent.join()).not.toContain('Bad input');
		expect(sent.join()).toContain('Say hello');
	});
});

describe('Form Fields mode: an invoice PDF from a binary field, in n8n', () => {
	it('sends the PDF as a file part, outputs the parsed object as the item, and the next node reads its fields', () => {
		const run = successfulRun(STRUCTURED_WORKFLOW_IDS.fieldsPdf);
		const [item] = outputJson(run, 'Fusion Chat');
		const { _response: response, ...parsed } = item;
		expect(schemaErrors(INVOICE_SCHEMA, parsed)).toBe('');
		expect(response).toMatchObject({ model: GOOD_JSON_MODEL, finish_reason: 'stop' });
		expect(parsed.invoice_number).toBe('simulated invoice_number');
		expect(outputJson(run, 'Invoice Row')).toEqual([
			expect.objectContaining({
				invoice: 'simulated invoice_number',
				currency: 'simulated currency',
			}),
		]);

		const [sent] = requestsUnder(STRUCTURED_PATHS.fieldsPdf);
		const body = sent.body as Body;
		expect(body.response_format).toMatchObject({
			type: 'json_schema',
			json_schema: { name: 'invoice', strict: true, schema: INVOICE_SCHEMA },
		});
		expect(partsOfFirstUserTurn(body, 'openai')).toEqual([
			{ type: 'text', text: 'Extract the invoice fields from the attached PDF (from mailbox).' },
			{
				type: 'file',
				file: {
					filename: INVOICE_FILE_NAME,
					file_data: expect.stringMatching(/^data:application\/pdf;base64,JVBERi0xLjQK/),
				},
			},
		]);
	});
});
