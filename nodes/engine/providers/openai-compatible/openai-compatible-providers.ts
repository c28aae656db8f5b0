import type { ProviderDefinition } from '../provider-adapter';
import { createOpenAiCompatibleAdapter } from './create-openai-compatible-adapter';
import type { ModelRule, OpenAiCompatibleConfig } from './openai-compatible-config';

/* The OpenAI-compatible providers, as data; each setting follows the provider's own API reference. */

/** The latest GA `api-version` of Azure OpenAI's data-plane inference API with dated versions. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * o1, o3-mini, o4-mini, gpt-5, gpt-5-mini, …; not gpt-5-chat-latest (a chat model) nor gpt-5.1 and later, which
 * take sampling settings at their default reasoning effort "none".
 */
const OPENAI_REASONING_MODELS = /^(?:o\d+|gpt-5(?!-chat))(?:-|$)/;

const OPENAI_REASONING_PARAMETERS = ['temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'stop'] as const;

/** The common case: `/chat/completions` and `/models` under the base URL, bearer key, model in the body. */
const COMMON: Omit<OpenAiCompatibleConfig, 'tokenLimitField' | 'streamUsageOption'> = {
	chatPath: '/chat/completions',
	modelListPath: '/models',
	modelInBody: true,
	auth: 'bearer',
};

function provider(
	definition: Omit<ProviderDefinition, 'adapter'>,
	config: OpenAiCompatibleConfig,
): ProviderDefinition {
	return { ...definition, adapter: createOpenAiCompatibleAdapter(config) };
}

export const openAiProvider = provider(
	{
		id: 'openai',
		displayName: 'OpenAI',
		credentialType: 'fusionOpenAiApi',
		modelPrefixes: ['openai/'],
		defaultBaseUrl: 'https://api.openai.com/v1',
		apiKeyRequired: true,
	},
	{
		...COMMON,
		// max_tokens is deprecated and rejected by the reasoning models; every chat model takes the new name.
		tokenLimitField: 'max_completion_tokens',
		streamUsageOption: true,
		modelRules: [
			{
				models: OPENAI_REASONING_MODELS,
				unsupportedParameters: OPENAI_REASONING_PARAMETERS,
				reason: 'OpenAI reasoning models (o-series, gpt-5) reject it',
			},
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
	},
	{
		...COMMON,
		// Mistral rejects unknown fields (422 extra_forbidden), max_completion_tokens and stream_options among
		// them; it puts the usage on the last chunk anyway.
		tokenLimitField: 'max_tokens',
		streamUsageOption: false,
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
	},
	{
		...COMMON,
		// The model list is public; the key's own endpoint answers 401 to a wrong key.
		credentialCheckPath: '/key',
		tokenLimitField: 'max_tokens',
		// Deprecated there and without effect: the usage (with its cost) is always in the last chunk.
		streamUsageOption: false,
		headers: { 'x-title': 'n8n-nodes-fusion' },
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
	},
	{ ...COMMON, tokenLimitField: 'max_tokens', streamUsageOption: true },
);

export const deepSeekProvider = provider(
	{
		id: 'deepseek',
		displayName: 'DeepSeek',
		credentialType: 'fusionDeepSeekApi',
		modelPrefixes: ['deepseek/'],
		defaultBaseUrl: 'https://api.deepseek.com',
		apiKeyRequired: true,
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
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
const XAI_REASONING_MODELS = /^(?!.*-non-reasoning)(?:grok-4|grok-3-mini|grok-code-fast|.*-reasoning)/;

export const xaiProvider = provider(
	{
		id: 'xai',
		displayName: 'xAI',
		credentialType: 'fusionXaiApi',
		modelPrefixes: ['xai/', 'x-ai/'],
		defaultBaseUrl: 'https://api.x.ai/v1',
		apiKeyRequired: true,
	},
	{
		...COMMON,
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		modelRules: [
			{
				models: XAI_REASONING_MODELS,
				unsupportedParameters: ['frequency_penalty', 'presence_penalty', 'stop'],
				reason: 'xAI reasoning models reject it',
			},
			{ models: /^grok-3(?!-mini)/, unsupportedParameters: ['presence_penalty'], reason: 'grok-3 rejects it' },
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
	},
	// stream_options is not in Together's API; its last chunk carries the usage anyway.
	{ ...COMMON, tokenLimitField: 'max_tokens', streamUsageOption: false },
);

export const ollamaProvider = provider(
	{
		id: 'ollama',
		displayName: 'Ollama',
		credentialType: 'fusionOllamaApi',
		modelPrefixes: ['ollama/'],
		defaultBaseUrl: 'http://localhost:11434/v1',
		apiKeyRequired: false,
	},
	{ ...COMMON, tokenLimitField: 'max_tokens', streamUsageOption: true },
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
	},
	{
		chatPath: '/openai/deployments/{model}/chat/completions',
		modelListPath: '/openai/models',
		defaultApiVersion: AZURE_DEFAULT_API_VERSION,
		modelInBody: false,
		auth: 'api-key',
		// The GA API knows only max_tokens, and older model versions reject the new name.
		tokenLimitField: 'max_tokens',
		streamUsageOption: true,
		modelRules: [azureReasoningDeployments],
	},
);

export const openAiCompatibleProvider = provider(
	{
		id: 'custom',
		displayName: 'OpenAI-Compatible',
		credentialType: 'fusionOpenAiCompatibleApi',
		modelPrefixes: ['custom/'],
		apiKeyRequired: false,
	},
	// The server is unknown: send only what every compatible server takes; some reject stream_options.
	{ ...COMMON, tokenLimitField: 'max_tokens', streamUsageOption: false },
);
