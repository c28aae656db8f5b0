/**
 * The workflows of the structured-output end-to-end suite: a JSON Schema answer about an image from each of
 * five providers, a fallback away from broken JSON, and bad requests among good ones. Every credential points
 * at its own path prefix on the mock provider, so that each workflow's upstream calls can be told apart.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { TINY_PDF_DATA_URL, TINY_PNG_DATA_URL } from '../fixtures/media';
import { COMMUNITY_NODE_PREFIX } from '../n8n/fusion-package';
import type { CredentialToImport } from '../n8n/n8n-cli';
import {
	codeItemWithFiles,
	fusionChat,
	jsonModeParameters,
	linearWorkflow,
	manualTrigger,
	modelById,
	requestItems,
	setFields,
	type WorkflowToImport,
} from '../n8n/workflow-builder';

export const IMAGE_SCHEMA = {
	type: 'object',
	properties: {
		colour: { type: 'string', enum: ['red', 'green', 'blue', 'other'] },
		width_px: { type: 'integer', minimum: 1 },
		description: { type: 'string' },
	},
	required: ['colour', 'width_px', 'description'],
	additionalProperties: false,
};

export const TICKET_SCHEMA = {
	type: 'object',
	properties: {
		label: { type: 'string', enum: ['bug', 'question', 'feature'] },
		priority: { type: 'integer', minimum: 1, maximum: 5 },
	},
	required: ['label', 'priority'],
	additionalProperties: false,
};

const jsonSchemaFormat = (name: string, schema: IDataObject) => ({
	type: 'json_schema',
	json_schema: { name, schema, strict: true },
});

const imageMessage = (question: string) => ({
	role: 'user',
	content: [
		{ type: 'text', text: question },
		{ type: 'image_url', image_url: { url: TINY_PNG_DATA_URL } },
	],
});

/** One provider's image + JSON Schema request; the path segment names the provider (the mock reads Mistral's dialect from it). */
export const PROVIDER_CASES = [
	{
		provider: 'openai',
		model: 'openai/gpt-4o-mini',
		credentialType: 'fusionOpenAiApi',
		withV1: true,
	},
	{
		provider: 'anthropic',
		model: 'anthropic/claude-sonnet-4-5',
		credentialType: 'fusionAnthropicApi',
		withV1: false,
	},
	{
		provider: 'google',
		model: 'google/gemini-2.5-flash',
		credentialType: 'fusionGoogleGeminiApi',
		withV1: false,
	},
	{
		provider: 'mistral',
		model: 'mistral/mistral-small-latest',
		credentialType: 'fusionMistralApi',
		withV1: true,
	},
	{
		provider: 'openrouter',
		model: 'openrouter/openai/gpt-4o-mini',
		credentialType: 'fusionOpenRouterApi',
		withV1: true,
	},
] as const;

export type ProviderCase = (typeof PROVIDER_CASES)[number];

export const imageRequestOf = (model: string) => ({
	model,
	messages: [imageMessage(`Describe this image for ${model}.`)],
	response_format: jsonSchemaFormat('image_facts', IMAGE_SCHEMA),
});

/** The simulator answers this model name with text that is not JSON, every time. */
export const BROKEN_JSON_MODEL = 'openai/gpt-4o-mini-sim-badjson';
export const GOOD_JSON_MODEL = 'openai/gpt-4o-mini';
/**
 * More items than the failures that put a model on cool-down (3), run one at a time: were invalid_output
 * counted against the model, the last items would skip it.
 */
export const FALLBACK_TICKETS = [
	'The app crashes on start',
	'How do I export my data?',
	'Please add a dark mode',
	'Login fails with error 500',
];

/** A good item, four that break the request schema in the ways users do, and a good one: in that order. */
export const BAD_INPUT_ITEMS = [
	{ name: 'good image', request: imageRequestOf('openai/gpt-4o-mini') },
	{
		name: 'malformed data URL',
		request: {
			model: 'openai/gpt-4o-mini',
			messages: [
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'Bad input 1: what is this?' },
						{ type: 'image_url', image_url: { url: 'data:image/png;base64;iVBORw0KGgo=' } },
					],
				},
			],
		},
		field: 'messages[0].content[1].image_url.url',
	},
	{
		name: 'unknown part type',
		request: {
			model: 'openai/gpt-4o-mini',
			messages: [
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'Bad input 2: transcribe this' },
						{ type: 'audio', audio: { data: 'UklGRg==', format: 'wav' } },
					],
				},
			],
		},
		field: 'messages[0].content[1].type',
	},
	{
		name: 'json_schema without schema',
		request: {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Bad input 3: classify' }],
			response_format: { type: 'json_schema', json_schema: { name: 'ticket' } },
		},
		field: 'response_format.json_schema.schema',
	},
	{
		name: 'token limits that disagree',
		request: {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Bad input 4: summarise' }],
			max_tokens: 100,
			max_completion_tokens: 200,
		},
		field: 'max_completion_tokens',
	},
	{
		name: 'good text',
		request: {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Say hello' }],
		},
	},
];

export const STRUCTURED_WORKFLOW_IDS = {
	openai: 'e2eStructured001',
	anthropic: 'e2eStructured002',
	google: 'e2eStructured003',
	mistral: 'e2eStructured004',
	openrouter: 'e2eStructured005',
	brokenJsonFallback: 'e2eStructured006',
	badInput: 'e2eStructured007',
	fieldsPdf: 'e2eStructured008',
} as const;

/** Path prefixes on the mock provider, one per credential. */
export const STRUCTURED_PATHS = {
	openai: '/structured/openai',
	anthropic: '/structured/anthropic',
	google: '/structured/gemini',
	mistral: '/structured/mistral',
	openrouter: '/structured/openrouter',
	brokenJsonFallback: '/structured/fallback',
	badInput: '/structured/bad-input',
	fieldsPdf: '/structured/fields-pdf',
} as const;

/** What the fields-mode workflow asks of its invoice PDF. */
export const INVOICE_SCHEMA = {
	title: 'invoice',
	type: 'object',
	properties: {
		invoice_number: { type: 'string' },
		total: { type: 'number' },
		currency: { type: 'string' },
	},
	required: ['invoice_number', 'total', 'currency'],
	additionalProperties: false,
};
export const INVOICE_FILE_NAME = 'invoice-42.pdf';

export interface StructuredSetup {
	credentials: CredentialToImport[];
	workflows: WorkflowToImport[];
}

/** The node's credential slots for these credentials, by credential type. */
const slotsFor = (...credentials: CredentialToImport[]) =>
	Object.fromEntries(credentials.map(({ type, id, name }) => [type, { id, name }]));

/** Version 2 with the full response: what a new node in n8n gives, `choices[0].message.parsed` included. */
const fullResponseChat = (
	providers: string[],
	credentials: CredentialToImport[],
	extra: { options?: { concurrency?: number }; continueOnFail?: boolean } = {},
) =>
	fusionChat({
		nodeTypePrefix: COMMUNITY_NODE_PREFIX,
		typeVersion: 2,
		parameters: { ...jsonModeParameters(providers, extra.options), simplify: false },
		credentials: slotsFor(...credentials),
		continueOnFail: extra.continueOnFail,
	});

export function buildStructuredSetup(mockUrl: string): StructuredSetup {
	let counter = 0;
	const credential = (type: string, path: string, withV1: boolean): CredentialToImport => {
		counter++;
		return {
			id: `e2eStructCred${String(counter).padStart(4, '0')}`,
			name: `E2E structured ${type} ${counter}`,
			type,
			data: {
				apiKey: `fusion-e2e-structured-${randomBytes(12).toString('hex')}`,
				baseUrl: `${mockUrl}${path}${withV1 ? '/v1' : ''}`,
			},
		};
	};

	const credentials: CredentialToImport[] = [];
	const workflows: WorkflowToImport[] = PROVIDER_CASES.map((entry) => {
		const own = credential(entry.credentialType, STRUCTURED_PATHS[entry.provider], entry.withV1);
		credentials.push(own);
		return linearWorkflow(
			STRUCTURED_WORKFLOW_IDS[entry.provider],
			`Fusion Chat e2e: JSON Schema answer about an image (${entry.provider})`,
			[
				manualTrigger(),
				requestItems('Requests', [imageRequestOf(entry.model)]),
				fullResponseChat([entry.provider], [own]),
			],
		);
	});

	const fallbackOpenAi = credential('fusionOpenAiApi', STRUCTURED_PATHS.brokenJsonFallback, true);
	credentials.push(fallbackOpenAi);
	workflows.push(
		linearWorkflow(
			STRUCTURED_WORKFLOW_IDS.brokenJsonFallback,
			'Fusion Chat e2e: broken JSON fails over to a model that answers the schema',
			[
				manualTrigger(),
				requestItems(
					'Tickets',
					FALLBACK_TICKETS.map((text) => ({
						model: [BROKEN_JSON_MODEL, GOOD_JSON_MODEL],
						messages: [{ role: 'user', content: `Classify this ticket: ${text}` }],
						response_format: jsonSchemaFormat('ticket', TICKET_SCHEMA),
					})),
				),
				fullResponseChat(['openai'], [fallbackOpenAi], { options: { concurrency: 1 } }),
				setFields('Use Parsed', {
					label: '={{ $json.choices[0].message.parsed.label }}',
					priority: '={{ $json.choices[0].message.parsed.priority }}',
				}),
			],
		),
	);

	const badInputOpenAi = credential('fusionOpenAiApi', STRUCTURED_PATHS.badInput, true);
	credentials.push(badInputOpenAi);
	workflows.push(
		linearWorkflow(
			STRUCTURED_WORKFLOW_IDS.badInput,
			'Fusion Chat e2e: bad parts and formats are item errors; nothing of them is sent',
			[
				manualTrigger(),
				requestItems(
					'Requests',
					BAD_INPUT_ITEMS.map(({ request }) => request),
				),
				fullResponseChat(['openai'], [badInputOpenAi], { continueOnFail: true }),
			],
		),
	);

	// Form Fields mode as a user sets it up: the item's PDF attached from its binary field, a JSON Schema, and
	// the parsed object as the item, so that the next node reads its fields by name.
	const fieldsPdfOpenAi = credential('fusionOpenAiApi', STRUCTURED_PATHS.fieldsPdf, true);
	credentials.push(fieldsPdfOpenAi);
	workflows.push(
		linearWorkflow(
			STRUCTURED_WORKFLOW_IDS.fieldsPdf,
			'Fusion Chat e2e: an invoice PDF from a binary field, into a JSON object the next node reads',
			[
				manualTrigger(),
				codeItemWithFiles('Invoice File', { source: 'mailbox' }, [
					{
						field: 'data',
						base64: TINY_PDF_DATA_URL.slice(TINY_PDF_DATA_URL.indexOf(',') + 1),
						mimeType: 'application/pdf',
						fileName: INVOICE_FILE_NAME,
					},
				]),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					typeVersion: 2,
					parameters: {
						providers: ['openai'],
						inputMode: 'fields',
						model: modelById(GOOD_JSON_MODEL),
						prompt: '=Extract the invoice fields from the attached PDF (from {{ $json.source }}).',
						responseFormat: 'json_schema',
						jsonSchema: JSON.stringify(INVOICE_SCHEMA, null, 2),
						options: { binaryPropertyNames: 'data', outputParsedOnly: true },
					},
					credentials: slotsFor(fieldsPdfOpenAi),
				}),
				setFields('Invoice Row', {
					invoice: '={{ $json.invoice_number }}',
					currency: '={{ $json.currency }}',
				}),
			],
		),
	);
	return { credentials, workflows };
}
