import { BEARER_AUTH, type ProviderAuth, type ProviderDefinitionFor } from '../provider-definition';
import { createOpenAiCompatibleAdapter } from './create-openai-compatible-adapter';
import { fromMistralModelList } from './from-mistral-model-list';
import { fromOpenAiModelList } from './from-openai-model-list';
import { fromOpenRouterModelList } from './from-openrouter-model-list';
import { fromTogetherModelList } from './from-together-model-list';
import type {
	ModelRule,
	OpenAiCompatibleConfig,
	ReasoningControl,
	ToolDialect,
} from './openai-compatible-config';

/* The OpenAI-compatible providers, as data; each setting follows the provider's own API reference. */

/** The latest GA `api-version` of Azure OpenAI's data-plane inference API with dated versions. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * o1, o3-mini, o4-mini, gpt-5, gpt-5-mini, …; not gpt-5-chat-latest (a chat model) nor gpt-5.1 and later, which
 * take sampling settings at their default reasoning effort "none".
 */
const OPENAI_REASONING_MODELS = /^(?:o\d+|gpt-5(?!-chat))(?:-|$)/;

const OPENAI_REASONING_PARAMETERS = [
	'temperature',
	'top_p',
	'frequency_penalty',
	'presence_penalty',
	'stop',
] as const;

/** OpenAI's whole vocabulary, sent as is: which model takes which value is OpenAI's to say. */
const OPENAI_REASONING: ReasoningControl = {
	field: 'reasoning_effort',
	efforts: { none: 'none', minimal: 'minimal', low: 'low', medium: 'medium', high: 'high' },
};

/** low, medium and high: what most reasoning models served by others (gpt-oss, …) document. */
const THREE_EFFORTS: ReasoningControl = {
	field: 'reasoning_effort',
	efforts: { low: 'low', medium: 'medium', high: 'high' },
};

/** Every model but the o-series and gpt-5 and later (the gpt-5 chat models aside), which have the control. */
const OPENAI_NO_REASONING_CONTROL: ModelRule = {
	models: /^(?!o\d|gpt-5(?!-chat))/,
	reasoning: null,
	reason: 'models before o1 and gpt-5 have no reasoning control',
};

/**
 * OpenAI and Azure refuse a call id over 40 characters (a 400 naming `messages[i].tool_calls[j].id`); a
 * conversation begun with Gemini, whose ids carry its thought signature, has longer ones. Mapped for every
 * OpenAI-style API: none needs an id longer.
 */
const OPENAI_CALL_IDS = { maxLength: 40 };

/** OpenAI's tool settings, all taken as OpenAI names them. */
const OPENAI_TOOLS: ToolDialect = { parallelToolCalls: true, callIds: OPENAI_CALL_IDS };

/** Tools and tool_choice as OpenAI's, but no parallel_tool_calls in the provider's API reference. */
const TOOLS_WITHOUT_PARALLEL_SETTING: ToolDialect = {
	parallelToolCalls: false,
	callIds: OPENAI_CALL_IDS,
};

/** An entry's API details; its authentication, API version and name are the provider's, given once in its definition. */
type OpenAiCompatibleApi = Omit<
	OpenAiCompatibleConfig,
	'auth' | 'defaultApiVersion' | 'displayName'
>;

/** The common case: `/chat/completions` and `/models` under the base URL, the model in the body, OpenAI's list. */
const COMMON = {
	chatPath: '/chat/completions',
	modelListPath: '/models',
	modelInBody: true,
	fromModelList: fromOpenAiModelList,
} satisfies Partial<OpenAiCompatibleApi>;

/** What most other providers take: OpenAI's image parts and seed, no PDF, and a developer message as system. */
const IMAGES_NO_PDF = {
	images: 'url-or-data',
	pdfs: 'none',
	developerRole: false,
	seedField: 'seed',
} satisfies Partial<OpenAiCompatibleApi>;

/** OpenAI's own API: every part, schema and setting of the request, as OpenAI names them. */
const OPENAI_FEATURES = {
	reasoning: OPENAI_REASONING,
	jsonMode: 'json_schema',
	images: 'url-or-data',
	pdfs: 'file',
	developerRole: true,
	seedField: 'seed',
	takesUser: true,
	tools: OPENAI_TOOLS,
} satisfies Partial<OpenAiCompatibleApi>;

/** A provider whose key is a bearer token unless it says otherwise. */
function provider<Id extends string>(
	definition: Omit<ProviderDefinitionFor<Id>, 'adapter' | 'auth'> & { auth?: ProviderAuth },
	api: OpenAiCompatibleApi,
): ProviderDefinitionFor<Id> {
	const auth = definition.auth ?? BEARER_AUTH;
	const adapter = createOpenAiCompatibleAdapter({
		...api,
		auth,
		defaultApiVersion: definition.defaultApiVersion,
		displayName: definition.displayName,
	});
	return { ...definition, auth, adapter };
}

export const openAiProvider = provider(
	{
		id: 'openai',
		displayName: 'OpenAI',
		credentialType: 'fusionOpenAiApi',
		modelPrefixes: ['openai/'],
		defaultBaseUrl: 'https://api.openai.com/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://platform.openai.com/api-keys', icon: 'openai' },
	},
	{
		...COMMON,
		...OPENAI_FEATURES,
		// max_tokens is deprecated and rejected by the reasoning models; every chat model takes the new name.
		tokenLimitField: 'max_completion_tokens',
		streamUsageOption: true,
		modelRules: [
			{
				models: OPENAI_REASONING_MODELS,
				unsupportedParameters: OPENAI_REASONING_PARAMETERS,
				reason: 'OpenAI reasoning models (o-series, gpt-5) reject it',
			},
			OPENAI_NO_REASONING_CONTROL,
		],
	},
);

export const mistralProvider = provider(
	{
		id: 'mistral',
		displayName: 'Mistral',
		credentialType: 'fusionMistralApi',
		modelPrefixes: ['mistral/', 'mistralai/'],
		defaultBaseUrl: 'https://api.mistral.ai/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://console.mistral.ai/api-keys', icon: 'mistral' },
	},
	{
		...COMMON,
		fromModelList: fromMistralModelList,
		// Mistral rejects unknown fields (422 extra_forbidden), max_completion_tokens and stream_options among
		// them; it puts the usage on the last chunk anyway.
		tokenLimitField: 'max_tokens',
		streamUsageOption: false,
		jsonMode: 'json_schema',
		// Images as OpenAI sends them; a PDF as a document_url part, which takes a base64 data URL.
		images: 'url-or-data',
		pdfs: 'document_url',
		developerRole: false,
		seedField: 'random_seed',
		// Its chat API has no reasoning_effort nor user; either would be a 422.
		takesUser: false,
		tools: {
			// Mistral forces a call with "any"; the ids it accepts back are nine letters or digits (400 otherwise).
			choiceNames: { required: 'any' },
			parallelToolCalls: true,
			callIds: {
				alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
				length: 9,
			},
		},
	},
);

export const openRouterProvider = provider(
	{
		id: 'openrouter',
		displayName: 'OpenRouter',
		credentialType: 'fusionOpenRouterApi',
		modelPrefixes: ['openrouter/'],
		defaultBaseUrl: 'https://openrouter.ai/api/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://openrouter.ai/settings/keys', icon: 'openrouter' },
	},
	{
		...COMMON,
		fromModelList: fromOpenRouterModelList,
		// The model list is public; the key's own endpoint answers 401 to a wrong key.
		credentialCheckPath: '/key',
		tokenLimitField: 'max_tokens',
		// Deprecated there and without effect: the usage (with its cost) is always in the last chunk.
		streamUsageOption: false,
		headers: { 'x-title': 'n8n-nodes-fusion' },
		takesProviderPreferences: true,
		// Its own reasoning object, which it translates for every model behind it (thinking budgets included).
		reasoning: { ...OPENAI_REASONING, field: 'reasoning.effort' },
		jsonMode: 'json_schema',
		images: 'url-or-data',
		pdfs: 'file',
		developerRole: false,
		seedField: 'seed',
		takesUser: true,
		tools: OPENAI_TOOLS,
	},
);

export const groqProvider = provider(
	{
		id: 'groq',
		displayName: 'Groq',
		credentialType: 'fusionGroqApi',
		modelPrefixes: ['groq/'],
		defaultBaseUrl: 'https://api.groq.com/openai/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://console.groq.com/keys', icon: 'groq' },
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		// Structured outputs only on some models; the others have JSON mode.
		jsonMode: 'json_object',
		...IMAGES_NO_PDF,
		takesUser: true,
		tools: OPENAI_TOOLS,
		modelRules: [
			{
				models: /(?:gpt-oss|kimi-k2|llama-4)/,
				jsonMode: 'json_schema',
				reason: 'Groq enforces a JSON schema on these models',
			},
			{ models: /gpt-oss/, reasoning: THREE_EFFORTS, reason: 'gpt-oss takes low, medium, high' },
			{
				models: /qwen3/,
				reasoning: { field: 'reasoning_effort', efforts: { none: 'none', medium: 'default' } },
				reason: 'Qwen 3 turns reasoning off (none) or on (default)',
			},
			{
				// By default Groq puts these models' reasoning into the answer, between <think> tags; parsed, it
				// goes to a field of its own, which is never the answer.
				models: /(?:qwen3|deepseek-r1)/,
				extraFields: { reasoning_format: 'parsed' },
				reason: 'Groq returns the reasoning of these models in the answer unless asked to parse it',
			},
		],
	},
);

export const deepSeekProvider = provider(
	{
		id: 'deepseek',
		displayName: 'DeepSeek',
		credentialType: 'fusionDeepSeekApi',
		modelPrefixes: ['deepseek/'],
		defaultBaseUrl: 'https://api.deepseek.com',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://platform.deepseek.com/api_keys', icon: 'deepseek' },
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		// JSON mode only, text only; reasoning is the choice of model (deepseek-reasoner), not a setting.
		jsonMode: 'json_object',
		images: 'none',
		pdfs: 'none',
		developerRole: false,
		takesUser: false,
		tools: TOOLS_WITHOUT_PARALLEL_SETTING,
		modelRules: [
			{
				models: /^deepseek-reasoner/,
				unsupportedParameters: ['temperature', 'top_p', 'frequency_penalty', 'presence_penalty'],
				reason: 'deepseek-reasoner accepts it but ignores it',
			},
		],
	},
);

/** grok-4*, grok-3-mini*, grok-code-fast*, *-reasoning; not the *-non-reasoning variants. */
const XAI_REASONING_MODELS =
	/^(?!.*-non-reasoning)(?:grok-4|grok-3-mini|grok-code-fast|.*-reasoning)/;

export const xaiProvider = provider(
	{
		id: 'xai',
		displayName: 'xAI',
		credentialType: 'fusionXaiApi',
		modelPrefixes: ['xai/', 'x-ai/'],
		defaultBaseUrl: 'https://api.x.ai/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://console.x.ai', icon: 'xai' },
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		jsonMode: 'json_schema',
		...IMAGES_NO_PDF,
		takesUser: true,
		tools: OPENAI_TOOLS,
		modelRules: [
			// grok-4 and its fast variants reason at a fixed effort and reject the setting.
			{
				models: /^grok-3-mini/,
				reasoning: { field: 'reasoning_effort', efforts: { low: 'low', high: 'high' } },
				reason: 'grok-3-mini takes low and high',
			},
			{
				models: /^grok-4\.3/,
				reasoning: {
					field: 'reasoning_effort',
					efforts: { none: 'none', low: 'low', medium: 'medium', high: 'high' },
				},
				reason: 'grok-4.3 takes none, low, medium, high',
			},
			{
				models: /^grok-4\.5/,
				reasoning: THREE_EFFORTS,
				reason: 'grok-4.5 takes low, medium, high',
			},
			{
				models: XAI_REASONING_MODELS,
				unsupportedParameters: ['frequency_penalty', 'presence_penalty', 'stop'],
				reason: 'xAI reasoning models reject it',
			},
			{
				models: /^grok-3(?!-mini)/,
				unsupportedParameters: ['presence_penalty'],
				reason: 'grok-3 rejects it',
			},
		],
	},
);

export const togetherProvider = provider(
	{
		id: 'together',
		displayName: 'Together AI',
		credentialType: 'fusionTogetherApi',
		modelPrefixes: ['together/'],
		defaultBaseUrl: 'https://api.together.xyz/v1',
		apiKeyRequired: true,
		credential: { documentationUrl: 'https://api.together.ai/settings/api-keys', icon: 'together' },
	},
	// stream_options is not in Together's API; its last chunk carries the usage anyway.
	{
		...COMMON,
		fromModelList: fromTogetherModelList,
		tokenLimitField: 'max_tokens',
		streamUsageOption: false,
		reasoning: THREE_EFFORTS,
		jsonMode: 'json_schema',
		...IMAGES_NO_PDF,
		takesUser: false,
		tools: TOOLS_WITHOUT_PARALLEL_SETTING,
	},
);

export const ollamaProvider = provider(
	{
		id: 'ollama',
		displayName: 'Ollama',
		credentialType: 'fusionOllamaApi',
		modelPrefixes: ['ollama/'],
		defaultBaseUrl: 'http://localhost:11434/v1',
		apiKeyRequired: false,
		credential: {
			documentationUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
			icon: 'ollama',
			apiKeyDescription:
				'Ollama itself checks no key: fill this in only when a proxy in front of it asks for a Bearer token',
			baseUrlDescription:
				'The OpenAI-compatible API of a local Ollama server. From n8n running in Docker, use http://host.docker.internal:11434/v1. Change it to reach another server, a proxy or a gateway.',
		},
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		// Effort names are the model's own; Ollama maps OpenAI's onto them.
		reasoning: OPENAI_REASONING,
		jsonMode: 'json_schema',
		...IMAGES_NO_PDF,
		takesUser: false,
		tools: TOOLS_WITHOUT_PARALLEL_SETTING,
	},
);

const azureReasoningDeployments: ModelRule = {
	// Deployments are named by the user; one named after its model (the portal's default) is recognised.
	models: OPENAI_REASONING_MODELS,
	unsupportedParameters: OPENAI_REASONING_PARAMETERS,
	tokenLimitField: 'max_completion_tokens',
	reason: 'Azure OpenAI reasoning models (o-series, gpt-5) reject it',
};

export const azureOpenAiProvider = provider(
	{
		id: 'azure',
		displayName: 'Azure OpenAI',
		credentialType: 'fusionAzureOpenAiApi',
		modelPrefixes: ['azure/'],
		apiKeyRequired: true,
		auth: { keyHeader: 'api-key' },
		defaultApiVersion: AZURE_DEFAULT_API_VERSION,
		credential: {
			documentationUrl: 'https://learn.microsoft.com/en-us/azure/ai-services/openai/reference',
			icon: 'azure-openai',
			apiKeyDescription:
				'KEY 1 or KEY 2 from the resource\'s "Keys and Endpoint" page in the Azure portal',
			baseUrlLabel: 'Endpoint',
			baseUrlPlaceholder: 'https://my-resource.openai.azure.com',
			baseUrlDescription:
				'The endpoint of your Azure OpenAI resource, without /openai. It can also be a proxy or a gateway in front of it.',
		},
	},
	{
		chatPath: '/openai/deployments/{model}/chat/completions',
		modelListPath: '/openai/models',
		fromModelList: fromOpenAiModelList,
		modelInBody: false,
		// The GA API knows only max_tokens, and older model versions reject the new name.
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		// OpenAI's models, so OpenAI's request; a feature newer than the credential's api-version is Azure's 400.
		...OPENAI_FEATURES,
		modelRules: [azureReasoningDeployments, OPENAI_NO_REASONING_CONTROL],
	},
);

export const openAiCompatibleProvider = provider(
	{
		id: 'custom',
		displayName: 'OpenAI-Compatible',
		credentialType: 'fusionOpenAiCompatibleApi',
		modelPrefixes: ['custom/'],
		apiKeyRequired: false,
		credential: {
			documentationUrl: 'https://platform.openai.com/docs/api-reference/chat',
			icon: 'openai-compatible',
			apiKeyDescription: 'Sent as a Bearer token. Leave it empty for a server that checks no key.',
			baseUrlPlaceholder: 'http://localhost:8000/v1',
			baseUrlDescription:
				'Any server that speaks the OpenAI chat completions API (vLLM, LM Studio, LiteLLM, a proxy or a gateway), up to but not including /chat/completions',
		},
	},
	// The server is unknown: send OpenAI's request, except what many compatible servers reject (stream_options,
	// the developer role); what the server cannot do is its own error.
	{
		...COMMON,
		...OPENAI_FEATURES,
		tokenLimitField: 'max_tokens',
		streamUsageOption: false,
		developerRole: false,
	},
);

/** The OpenAI-compatible providers other than OpenAI itself, in the editor's order: a new one is added here. */
export const OTHER_OPENAI_COMPATIBLE_PROVIDERS = [
	mistralProvider,
	openRouterProvider,
	groqProvider,
	deepSeekProvider,
	xaiProvider,
	togetherProvider,
	ollamaProvider,
	azureOpenAiProvider,
	openAiCompatibleProvider,
] as const;
