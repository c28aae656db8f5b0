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

/** A live provider's credential: its Base URL at `segment` under the live listing's path on the mock. */
const liveCredential = (
	id: string,
	type: string,
	segment: string,
	withV1: boolean,
): CredentialSpec => ({ id, type, path: `${MODELS_MOCK_PATHS.modelsLive}${segment}`, withV1 });

/**
 * Each live provider under its own path, so that the mock's simulator answers the provider's own list format:
 * it tells OpenRouter's by `/api/v1/models` and the OpenAI-compatible ones by a segment naming them.
 */
export const MODELS_CREDENTIALS = {
	liveOpenAi: liveCredential('e2eCredential0101', 'fusionOpenAiApi', '', true),
	liveAnthropic: liveCredential('e2eCredential0102', 'fusionAnthropicApi', '/anthropic', false),
	liveGemini: liveCredential('e2eCredential0103', 'fusionGoogleGeminiApi', '/gemini', false),
	liveOpenRouter: liveCredential(
		'e2eCredential0104',
		'fusionOpenRouterApi',
		'/openrouter/api',
		true,
	),
	liveMistral: liveCredential('e2eCredential0105', 'fusionMistralApi', '/mistral', true),
	liveTogether: liveCredential('e2eCredential0106', 'fusionTogetherApi', '/together', true),
	liveXai: liveCredential('e2eCredential0107', 'fusionXaiApi', '/xai', true),
	// Groq's and Azure's lists are told apart by their real base-URL paths, DeepSeek's and Ollama's by a segment.
	liveGroq: liveCredential('e2eCredential0108', 'fusionGroqApi', '/groq/openai', true),
	liveDeepSeek: liveCredential('e2eCredential0109', 'fusionDeepSeekApi', '/deepseek', false),
	liveOllama: liveCredential('e2eCredential0110', 'fusionOllamaApi', '/ollama', true),
	liveAzure: liveCredential('e2eCredential0111', 'fusionAzureOpenAiApi', '/azure', false),
} satisfies Record<string, CredentialSpec>;

type ModelsCredentialName = keyof typeof MODELS_CREDENTIALS;

/** A provider's model list: the path asked on the mock, and the prefix its ids take in the node's output. */
const liveList = (provider: string, credential: CredentialSpec, listPath: string) => ({
	provider,
	prefix: `${provider}/`,
	listPath: `${credential.path}${listPath}`,
});

/** The providers that list their models, each at the path its API documents under the credential's Base URL. */
export const LIVE_LISTS = [
	liveList('openai', MODELS_CREDENTIALS.liveOpenAi, '/v1/models'),
	liveList('anthropic', MODELS_CREDENTIALS.liveAnthropic, '/v1/models'),
	liveList('google', MODELS_CREDENTIALS.liveGemini, '/v1beta/models'),
	liveList('openrouter', MODELS_CREDENTIALS.liveOpenRouter, '/v1/models'),
	liveList('mistral', MODELS_CREDENTIALS.liveMistral, '/v1/models'),
	liveList('together', MODELS_CREDENTIALS.liveTogether, '/v1/models'),
	liveList('groq', MODELS_CREDENTIALS.liveGroq, '/v1/models'),
	liveList('deepseek', MODELS_CREDENTIALS.liveDeepSeek, '/models'),
	liveList('ollama', MODELS_CREDENTIALS.liveOllama, '/v1/models'),
	liveList('azure', MODELS_CREDENTIALS.liveAzure, '/openai/models'),
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
