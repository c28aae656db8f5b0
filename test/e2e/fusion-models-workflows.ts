/**
 * The Fusion Models workflows of the end-to-end suite: the bundled catalog with no parameter set, the catalog
 * filtered and sorted, and the live source against the mock provider's model lists.
 */
import type { INodeCredentials } from 'n8n-workflow';
import type { MockProviderServer } from '../mock-provider/mock-provider-server';
import { COMMUNITY_NODE_PREFIX } from '../n8n/fusion-package';
import {
	fusionModels,
	linearWorkflow,
	manualTrigger,
	type WorkflowToImport,
} from '../n8n/workflow-builder';
import type { CredentialSpec } from './fusion-chat-workflows';

export const MODELS_WORKFLOW_IDS = {
	modelsCatalog: 'e2eFusionModel01',
	modelsFiltered: 'e2eFusionModel02',
	modelsLive: 'e2eFusionModel03',
} as const;

export const MODELS_MOCK_PATHS = { modelsLive: '/models-live' } as const;

/** The filtered listing: Anthropic's models whose prompt price is at most this, cheapest first. */
export const FILTERED_PROVIDER = 'anthropic';
export const FILTERED_MAX_PROMPT_PRICE = 0.005;

/**
 * Each live provider under its own path, so that the mock's simulator answers the provider's own list format:
 * it tells OpenRouter's by `/api/v1/models` and the OpenAI-compatible ones by a segment naming them.
 */
export const MODELS_CREDENTIALS = {
	liveOpenAi: {
		id: 'e2eCredential0101',
		type: 'fusionOpenAiApi',
		path: MODELS_MOCK_PATHS.modelsLive,
		withV1: true,
	},
	liveAnthropic: {
		id: 'e2eCredential0102',
		type: 'fusionAnthropicApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/anthropic`,
		withV1: false,
	},
	liveGemini: {
		id: 'e2eCredential0103',
		type: 'fusionGoogleGeminiApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/gemini`,
		withV1: false,
	},
	liveOpenRouter: {
		id: 'e2eCredential0104',
		type: 'fusionOpenRouterApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/openrouter/api`,
		withV1: true,
	},
	liveMistral: {
		id: 'e2eCredential0105',
		type: 'fusionMistralApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/mistral`,
		withV1: true,
	},
	liveTogether: {
		id: 'e2eCredential0106',
		type: 'fusionTogetherApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/together`,
		withV1: true,
	},
	liveXai: {
		id: 'e2eCredential0107',
		type: 'fusionXaiApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/xai`,
		withV1: true,
	},
	// Groq's and Azure's lists are told apart by their real base-URL paths, DeepSeek's and Ollama's by a segment.
	liveGroq: {
		id: 'e2eCredential0108',
		type: 'fusionGroqApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/groq/openai`,
		withV1: true,
	},
	liveDeepSeek: {
		id: 'e2eCredential0109',
		type: 'fusionDeepSeekApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/deepseek`,
		withV1: false,
	},
	liveOllama: {
		id: 'e2eCredential0110',
		type: 'fusionOllamaApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/ollama`,
		withV1: true,
	},
	liveAzure: {
		id: 'e2eCredential0111',
		type: 'fusionAzureOpenAiApi',
		path: `${MODELS_MOCK_PATHS.modelsLive}/azure`,
		withV1: false,
	},
} satisfies Record<string, CredentialSpec>;

type ModelsCredentialName = keyof typeof MODELS_CREDENTIALS;

/** The providers that list their models, each at the path its API documents under the credential's Base URL. */
export const LIVE_LISTS = [
	{
		provider: 'openai',
		prefix: 'openai/',
		listPath: `${MODELS_CREDENTIALS.liveOpenAi.path}/v1/models`,
	},
	{
		provider: 'anthropic',
		prefix: 'anthropic/',
		listPath: `${MODELS_CREDENTIALS.liveAnthropic.path}/v1/models`,
	},
	{
		provider: 'google',
		prefix: 'google/',
		listPath: `${MODELS_CREDENTIALS.liveGemini.path}/v1beta/models`,
	},
	{
		provider: 'openrouter',
		prefix: 'openrouter/',
		listPath: `${MODELS_CREDENTIALS.liveOpenRouter.path}/v1/models`,
	},
	{
		provider: 'mistral',
		prefix: 'mistral/',
		listPath: `${MODELS_CREDENTIALS.liveMistral.path}/v1/models`,
	},
	{
		provider: 'together',
		prefix: 'together/',
		listPath: `${MODELS_CREDENTIALS.liveTogether.path}/v1/models`,
	},
	{ provider: 'groq', prefix: 'groq/', listPath: `${MODELS_CREDENTIALS.liveGroq.path}/v1/models` },
	{
		provider: 'deepseek',
		prefix: 'deepseek/',
		listPath: `${MODELS_CREDENTIALS.liveDeepSeek.path}/models`,
	},
	{
		provider: 'ollama',
		prefix: 'ollama/',
		listPath: `${MODELS_CREDENTIALS.liveOllama.path}/v1/models`,
	},
	{
		provider: 'azure',
		prefix: 'azure/',
		listPath: `${MODELS_CREDENTIALS.liveAzure.path}/openai/models`,
	},
] as const;

/** The provider whose list is refused: it must become an error entry while the others still list. */
export const REFUSING_PROVIDER = 'xai';
const REFUSED_LIST_PATH = `${MODELS_CREDENTIALS.liveXai.path}/v1/models`;

/** xAI refuses the key and echoes it back, as OpenAI-style providers do. */
export function scriptModelsReplies(mock: MockProviderServer, xaiKey: string): void {
	mock.reply(REFUSED_LIST_PATH, {
		status: 401,
		json: {
			error: {
				message: `Incorrect API key provided: ${xaiKey}`,
				type: 'invalid_request_error',
				code: 'invalid_api_key',
			},
		},
	});
}

export function modelsWorkflows(
	slot: (name: ModelsCredentialName) => INodeCredentials,
): WorkflowToImport[] {
	return [
		linearWorkflow(
			MODELS_WORKFLOW_IDS.modelsCatalog,
			'Fusion Models e2e: the bundled catalog, no parameter set',
			[manualTrigger(), fusionModels({ nodeTypePrefix: COMMUNITY_NODE_PREFIX, parameters: {} })],
		),
		linearWorkflow(
			MODELS_WORKFLOW_IDS.modelsFiltered,
			'Fusion Models e2e: filtered, sorted by price, as one list item',
			[
				manualTrigger(),
				fusionModels({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						filters: { providers: [FILTERED_PROVIDER], maxPromptPrice: FILTERED_MAX_PROMPT_PRICE },
						sortBy: 'price',
						output: 'list',
					},
				}),
			],
		),
		linearWorkflow(
			MODELS_WORKFLOW_IDS.modelsLive,
			'Fusion Models e2e: live from the providers, merged with the catalog',
			[
				manualTrigger(),
				fusionModels({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						source: 'live',
						providers: [...LIVE_LISTS.map(({ provider }) => provider), REFUSING_PROVIDER],
					},
					credentials: Object.assign(
						{},
						...(Object.keys(MODELS_CREDENTIALS) as ModelsCredentialName[]).map(slot),
					) as INodeCredentials,
				}),
			],
		),
	];
}
