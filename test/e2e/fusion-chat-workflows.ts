/**
 * The workflows the end-to-end suite imports into n8n, and the credentials they use. Every credential points
 * its Base URL at its own path prefix on the mock provider, so each workflow's upstream calls can be scripted
 * and inspected apart from the others'. The strategy and Fusion Models scenarios live in their own files and
 * join the same import and the same execute-batch here.
 */
import { randomBytes } from 'node:crypto';
import { COMMUNITY_NODE_PREFIX, CUSTOM_NODE_PREFIX } from '../n8n/fusion-package';
import type { CredentialToImport } from '../n8n/n8n-cli';
import {
	codeItems,
	fusionChat,
	jsonModeParameters,
	linearWorkflow,
	manualTrigger,
	modelById,
	requestItems,
	setFields,
	type WorkflowToImport,
} from '../n8n/workflow-builder';
import {
	MODELS_CREDENTIALS,
	MODELS_MOCK_PATHS,
	MODELS_WORKFLOW_IDS,
	modelsWorkflows,
} from './fusion-models-workflows';
import {
	STRATEGY_CREDENTIALS,
	STRATEGY_MOCK_PATHS,
	STRATEGY_WORKFLOW_IDS,
	strategyWorkflows,
} from './fusion-strategies-workflows';

/** execute-batch selects workflows by ids that contain a digit. */
export const WORKFLOW_IDS = {
	fields: 'e2eFusionChat001',
	customFolder: 'e2eFusionChat002',
	json: 'e2eFusionChat003',
	fallback: 'e2eFusionChat004',
	continueOnFailJson: 'e2eFusionChat005',
	continueOnFailFields: 'e2eFusionChat006',
	stopOnError: 'e2eFusionChat007',
	savedWithOneProvider: 'e2eFusionChat011',
	simplified: 'e2eFusionChat012',
	...STRATEGY_WORKFLOW_IDS,
	...MODELS_WORKFLOW_IDS,
} as const;

export const TICKETS = [
	{ ticket: 'T-1', text: 'My invoice is wrong' },
	{ ticket: 'T-2', text: 'The app crashes on start' },
	{ ticket: 'T-3', text: 'How do I reset my password?' },
];
export const TICKET_PROMPT_PREFIX = 'Classify this ticket: ';

export const JSON_REQUESTS = [
	{
		model: 'anthropic/claude-haiku-4-5',
		messages: [
			{ role: 'system', content: 'Answer in French.' },
			{ role: 'user', content: 'Say hello' },
		],
		max_tokens: 64,
	},
	{
		model: 'google/gemini-2.5-flash',
		messages: [{ role: 'user', content: 'Name a colour' }],
		temperature: 0.2,
	},
	{
		model: 'openai/gpt-4o-mini',
		messages: [{ role: 'user', content: 'Count to three' }],
		stop: ['4'],
	},
];

export const FALLBACK_PROMPTS = ['Translate: good morning', 'Translate: thank you'];
/**
 * n8n keeps each model's health for the whole process, and the batch runs every workflow in one process: the
 * failures scripted for the fallback must not cool down the model the other workflows call.
 */
export const FAILING_MODEL = 'openai/gpt-4.1-nano';

/** One good item, one the schema rejects, one every model refuses, one good: in that order. */
export const MIXED_JSON_REQUESTS = [
	{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'First question' }] },
	{ model: 'openai/gpt-4o-mini', messages: [{ role: 'robot', content: 'Beep' }] },
	{
		model: 'mistral/mistral-small-latest',
		messages: [{ role: 'user', content: 'Third question' }],
	},
	{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Fourth question' }] },
];

export const MIXED_PROMPTS = ['Alpha', '', 'Gamma'];

export const SIMPLIFIED_PROMPTS = ['Plan a picnic', 'Name a river'];
/** The simulator answers this model name with HTTP 503, every time. */
export const SIMPLIFIED_FAILING_MODEL = 'openai/sim-fail-503';

export const STOP_ON_ERROR_REQUESTS = [
	{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Fine question' }] },
	{
		model: 'mistral/mistral-small-latest',
		messages: [{ role: 'user', content: 'Refused question' }],
	},
];

/** Path prefixes on the mock provider, one per credential. */
export const MOCK_PATHS = {
	fields: '/fields',
	customFolder: '/custom-folder',
	json: '/json',
	fallback: '/fallback',
	mixedJson: '/mixed-json',
	unauthorized: '/unauthorized',
	mixedFields: '/mixed-fields',
	stopOnError: '/stop',
	stopUnauthorized: '/stop-unauthorized',
	savedWithOneProvider: '/saved-one-provider',
	simplified: '/simplified',
	...STRATEGY_MOCK_PATHS,
	...MODELS_MOCK_PATHS,
} as const;

export interface CredentialSpec {
	id: string;
	type: string;
	/** The Base URL's path on the mock, without the provider's own /v1 where the credential includes it. */
	path: string;
	/** OpenAI-style credentials include /v1 in their Base URL; Anthropic's and Gemini's do not. */
	withV1: boolean;
}

const CREDENTIALS = {
	fieldsOpenAi: {
		id: 'e2eCredential0001',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.fields,
		withV1: true,
	},
	customFolderOpenAi: {
		id: 'e2eCredential0002',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.customFolder,
		withV1: true,
	},
	jsonOpenAi: {
		id: 'e2eCredential0003',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.json,
		withV1: true,
	},
	jsonAnthropic: {
		id: 'e2eCredential0004',
		type: 'fusionAnthropicApi',
		path: MOCK_PATHS.json,
		withV1: false,
	},
	jsonGemini: {
		id: 'e2eCredential0005',
		type: 'fusionGoogleGeminiApi',
		path: MOCK_PATHS.json,
		withV1: false,
	},
	fallbackOpenAi: {
		id: 'e2eCredential0006',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.fallback,
		withV1: true,
	},
	fallbackAnthropic: {
		id: 'e2eCredential0007',
		type: 'fusionAnthropicApi',
		path: MOCK_PATHS.fallback,
		withV1: false,
	},
	mixedJsonOpenAi: {
		id: 'e2eCredential0008',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.mixedJson,
		withV1: true,
	},
	unauthorizedMistral: {
		id: 'e2eCredential0009',
		type: 'fusionMistralApi',
		path: MOCK_PATHS.unauthorized,
		withV1: true,
	},
	mixedFieldsOpenAi: {
		id: 'e2eCredential0010',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.mixedFields,
		withV1: true,
	},
	stopOpenAi: {
		id: 'e2eCredential0011',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.stopOnError,
		withV1: true,
	},
	stopUnauthorizedMistral: {
		id: 'e2eCredential0012',
		type: 'fusionMistralApi',
		path: MOCK_PATHS.stopUnauthorized,
		withV1: true,
	},
	savedOpenAi: {
		id: 'e2eCredential0013',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.savedWithOneProvider,
		withV1: true,
	},
	simplifiedOpenAi: {
		id: 'e2eCredential0014',
		type: 'fusionOpenAiApi',
		path: MOCK_PATHS.simplified,
		withV1: true,
	},
	simplifiedAnthropic: {
		id: 'e2eCredential0015',
		type: 'fusionAnthropicApi',
		path: MOCK_PATHS.simplified,
		withV1: false,
	},
	...STRATEGY_CREDENTIALS,
	...MODELS_CREDENTIALS,
} satisfies Record<string, CredentialSpec>;

type CredentialName = keyof typeof CREDENTIALS;

export interface E2eSetup {
	credentials: CredentialToImport[];
	workflows: WorkflowToImport[];
	/** API key by credential. Shaped like no known provider key, so only redaction by value can hide it. */
	apiKeys: Record<CredentialName, string>;
}

export function buildE2eSetup(mockUrl: string): E2eSetup {
	const apiKeys = Object.fromEntries(
		Object.keys(CREDENTIALS).map((name) => [
			name,
			`fusion-e2e-${name}-${randomBytes(12).toString('hex')}`,
		]),
	) as Record<CredentialName, string>;

	const credentials = (Object.entries(CREDENTIALS) as Array<[CredentialName, CredentialSpec]>).map(
		([name, spec]) => ({
			id: spec.id,
			name: `E2E ${name}`,
			type: spec.type,
			data: { apiKey: apiKeys[name], baseUrl: `${mockUrl}${spec.path}${spec.withV1 ? '/v1' : ''}` },
		}),
	);
	const slot = (name: CredentialName) => ({
		[CREDENTIALS[name].type]: { id: CREDENTIALS[name].id, name: `E2E ${name}` },
	});

	const ticketsThenChat = (id: string, nodeTypePrefix: string, credential: CredentialName) =>
		linearWorkflow(id, `Fusion Chat e2e: fields mode, answer used downstream (${nodeTypePrefix})`, [
			manualTrigger(),
			codeItems('Tickets', TICKETS),
			fusionChat({
				nodeTypePrefix,
				parameters: {
					providers: ['openai'],
					inputMode: 'fields',
					model: modelById('openai/gpt-4o-mini'),
					prompt: `=${TICKET_PROMPT_PREFIX}{{ $json.text }}`,
					systemMessage: 'You triage support tickets.',
					options: {},
				},
				credentials: slot(credential),
			}),
			setFields('Use Answer', {
				ticket: "={{ $('Tickets').item.json.ticket }}",
				summary:
					"=Triage for {{ $('Tickets').item.json.ticket }}: {{ $json.choices[0].message.content }}",
			}),
		]);

	const workflows = [
		ticketsThenChat(WORKFLOW_IDS.fields, COMMUNITY_NODE_PREFIX, 'fieldsOpenAi'),
		ticketsThenChat(WORKFLOW_IDS.customFolder, CUSTOM_NODE_PREFIX, 'customFolderOpenAi'),
		linearWorkflow(WORKFLOW_IDS.json, 'Fusion Chat e2e: JSON mode across three wire formats', [
			manualTrigger(),
			requestItems('Requests', JSON_REQUESTS),
			fusionChat({
				nodeTypePrefix: COMMUNITY_NODE_PREFIX,
				parameters: jsonModeParameters(['openai', 'anthropic', 'google']),
				credentials: { ...slot('jsonOpenAi'), ...slot('jsonAnthropic'), ...slot('jsonGemini') },
			}),
		]),
		linearWorkflow(WORKFLOW_IDS.fallback, 'Fusion Chat e2e: fallback from OpenAI to Anthropic', [
			manualTrigger(),
			codeItems(
				'Phrases',
				FALLBACK_PROMPTS.map((text) => ({ text })),
			),
			fusionChat({
				nodeTypePrefix: COMMUNITY_NODE_PREFIX,
				parameters: {
					providers: ['openai', 'anthropic'],
					inputMode: 'fields',
					model: modelById(FAILING_MODEL),
					fallbackModels: { models: [{ model: modelById('anthropic/claude-haiku-4-5') }] },
					prompt: '={{ $json.text }}',
					options: { maxRetries: 1 },
				},
				credentials: { ...slot('fallbackOpenAi'), ...slot('fallbackAnthropic') },
			}),
		]),
		linearWorkflow(
			WORKFLOW_IDS.continueOnFailJson,
			'Fusion Chat e2e: continue on fail, JSON mode',
			[
				manualTrigger(),
				requestItems('Requests', MIXED_JSON_REQUESTS),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: jsonModeParameters(['openai', 'mistral']),
					credentials: { ...slot('mixedJsonOpenAi'), ...slot('unauthorizedMistral') },
					continueOnFail: true,
				}),
			],
		),
		linearWorkflow(
			WORKFLOW_IDS.continueOnFailFields,
			'Fusion Chat e2e: continue on fail, fields mode',
			[
				manualTrigger(),
				codeItems(
					'Prompts',
					MIXED_PROMPTS.map((text) => ({ text })),
				),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						providers: ['openai'],
						inputMode: 'fields',
						model: modelById('openai/gpt-4o-mini'),
						prompt: '={{ $json.text }}',
						options: {},
					},
					credentials: slot('mixedFieldsOpenAi'),
					continueOnFail: true,
				}),
				setFields('Answer Or Error', {
					result:
						"={{ $json.error ? 'failed: ' + $json.error : $json.choices[0].message.content }}",
				}),
			],
		),
		linearWorkflow(
			WORKFLOW_IDS.stopOnError,
			'Fusion Chat e2e: an item every model refuses stops the workflow',
			[
				manualTrigger(),
				requestItems('Requests', STOP_ON_ERROR_REQUESTS),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: jsonModeParameters(['openai', 'mistral']),
					credentials: { ...slot('stopOpenAi'), ...slot('stopUnauthorizedMistral') },
				}),
			],
		),
		// What n8n's editor saved before node version 2 once a credential was picked: Providers as one string.
		linearWorkflow(
			WORKFLOW_IDS.savedWithOneProvider,
			'Fusion Chat e2e: saved by version 1 with Providers as a string',
			[
				manualTrigger(),
				codeItems('Tickets', TICKETS.slice(0, 1)),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						providers: 'openai',
						inputMode: 'fields',
						model: modelById('openai/gpt-4o-mini'),
						prompt: '={{ $json.text }}',
						options: {},
					},
					credentials: slot('savedOpenAi'),
				}),
			],
		),
		linearWorkflow(
			WORKFLOW_IDS.simplified,
			'Fusion Chat e2e: node version 2, simplified output read downstream',
			[
				manualTrigger(),
				codeItems(
					'Phrases',
					SIMPLIFIED_PROMPTS.map((text) => ({ text })),
				),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					typeVersion: 2,
					parameters: {
						providers: ['openai', 'anthropic'],
						inputMode: 'fields',
						model: modelById(SIMPLIFIED_FAILING_MODEL),
						fallbackModels: { models: [{ model: modelById('anthropic/claude-haiku-4-5') }] },
						prompt: '={{ $json.text }}',
						options: { maxRetries: 0 },
					},
					credentials: { ...slot('simplifiedOpenAi'), ...slot('simplifiedAnthropic') },
				}),
				setFields('Use Answer', {
					line: '={{ $json.model }} said: {{ $json.answer }} ({{ $json.attempts }})',
				}),
			],
		),
		...strategyWorkflows(slot),
		...modelsWorkflows(slot),
	];

	// n8n's import overwrites a workflow of the same id: two scenarios must never share one.
	for (const ids of [
		workflows.map((workflow) => workflow.id),
		credentials.map((credential) => credential.id),
	]) {
		const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
		if (repeated.length > 0)
			throw new Error(`ids used twice in the end-to-end setup: ${repeated.join(', ')}`);
	}
	return { credentials, workflows, apiKeys };
}
