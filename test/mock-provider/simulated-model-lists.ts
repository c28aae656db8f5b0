import type { MockReply, RecordedRequest } from './mock-provider-server';

/*
 * Model lists in each provider's wire format, shaped after the providers' API references: a few current
 * models the bundled catalog knows, one it does not, and none of some catalog models (so a live listing
 * can be seen marking them unavailable).
 */
const OPENAI_MODELS = {
	object: 'list',
	data: [
		{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
		{ id: 'gpt-4o-mini-2024-07-18', object: 'model', created: 1721172717, owned_by: 'system' },
		{ id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
		{ id: 'gpt-5', object: 'model', created: 1754425777, owned_by: 'system' },
		{ id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
		{ id: 'dall-e-3', object: 'model', created: 1698785189, owned_by: 'system' },
		{
			id: 'ft:gpt-4o-mini-2024-07-18:acme::9abcDEF1',
			object: 'model',
			created: 1726000000,
			owned_by: 'user-acme',
		},
	],
};

const ANTHROPIC_MODELS = {
	data: [
		{
			type: 'model',
			id: 'claude-sonnet-4-5-20250929',
			display_name: 'Claude Sonnet 4.5',
			created_at: '2025-09-29T00:00:00Z',
		},
		{
			type: 'model',
			id: 'claude-haiku-4-5-20251001',
			display_name: 'Claude Haiku 4.5',
			created_at: '2025-10-15T00:00:00Z',
		},
		{
			type: 'model',
			id: 'claude-opus-4-1-20250805',
			display_name: 'Claude Opus 4.1',
			created_at: '2025-08-05T00:00:00Z',
		},
	],
	has_more: false,
	first_id: 'claude-sonnet-4-5-20250929',
	last_id: 'claude-opus-4-1-20250805',
};

const GEMINI_MODELS = {
	models: [
		{
			name: 'models/gemini-2.5-flash',
			version: '001',
			displayName: 'Gemini 2.5 Flash',
			description: 'Stable version of Gemini 2.5 Flash',
			inputTokenLimit: 1048576,
			outputTokenLimit: 65536,
			supportedGenerationMethods: [
				'generateContent',
				'countTokens',
				'createCachedContent',
				'batchGenerateContent',
			],
			temperature: 1,
			topP: 0.95,
			topK: 64,
			maxTemperature: 2,
			thinking: true,
		},
		{
			name: 'models/gemini-2.5-pro',
			version: '2.5',
			displayName: 'Gemini 2.5 Pro',
			inputTokenLimit: 1048576,
			outputTokenLimit: 65536,
			supportedGenerationMethods: [
				'generateContent',
				'countTokens',
				'createCachedContent',
				'batchGenerateContent',
			],
		},
		{
			name: 'models/gemini-embedding-001',
			version: '001',
			displayName: 'Gemini Embedding 001',
			inputTokenLimit: 2048,
			outputTokenLimit: 1,
			supportedGenerationMethods: [
				'embedContent',
				'countTextTokens',
				'countTokens',
				'asyncBatchEmbedContent',
			],
		},
	],
};

const MISTRAL_MODELS = {
	object: 'list',
	data: [
		{
			id: 'mistral-large-latest',
			object: 'model',
			created: 1764633600,
			owned_by: 'mistralai',
			capabilities: {
				completion_chat: true,
				completion_fim: false,
				function_calling: true,
				fine_tuning: false,
				vision: true,
				classification: false,
			},
			name: 'mistral-large-2512',
			description: 'Official mistral-large-2512 Mistral AI model',
			max_context_length: 262144,
			aliases: ['mistral-large-2512'],
			deprecation: null,
			default_model_temperature: 0.7,
			type: 'base',
		},
		{
			id: 'open-mixtral-8x7b',
			object: 'model',
			created: 1702252800,
			owned_by: 'mistralai',
			capabilities: {
				completion_chat: true,
				completion_fim: false,
				function_calling: true,
				fine_tuning: false,
				vision: false,
				classification: false,
			},
			name: 'open-mixtral-8x7b',
			max_context_length: 32768,
			aliases: ['mistral-small-2312'],
			deprecation: '2025-03-30T12:00:00Z',
			type: 'base',
		},
		{
			id: 'mistral-embed',
			object: 'model',
			created: 1702252800,
			owned_by: 'mistralai',
			capabilities: {
				completion_chat: false,
				completion_fim: false,
				function_calling: false,
				fine_tuning: false,
				vision: false,
				classification: false,
			},
			name: 'mistral-embed',
			max_context_length: 8192,
			aliases: [],
			deprecation: null,
			type: 'base',
		},
	],
};

const OPENROUTER_MODELS = {
	data: [
		{
			id: 'anthropic/claude-sonnet-4.5',
			canonical_slug: 'anthropic/claude-4.5-sonnet-20250929',
			name: 'Anthropic: Claude Sonnet 4.5',
			created: 1759161676,
			description: 'Claude Sonnet 4.5 is Anthropic’s most advanced Sonnet model to date.',
			context_length: 1000000,
			architecture: {
				modality: 'text+image->text',
				input_modalities: ['text', 'image', 'file'],
				output_modalities: ['text'],
				tokenizer: 'Claude',
				instruct_type: null,
			},
			pricing: {
				prompt: '0.000003',
				completion: '0.000015',
				request: '0',
				image: '0.0048',
				input_cache_read: '0.0000003',
			},
			top_provider: { context_length: 1000000, max_completion_tokens: 64000, is_moderated: true },
			per_request_limits: null,
			supported_parameters: [
				'include_reasoning',
				'max_tokens',
				'reasoning',
				'response_format',
				'stop',
				'structured_outputs',
				'temperature',
				'tool_choice',
				'tools',
				'top_k',
				'top_p',
			],
		},
		{
			id: 'meta-llama/llama-3.3-70b-instruct',
			canonical_slug: 'meta-llama/llama-3.3-70b-instruct',
			name: 'Meta: Llama 3.3 70B Instruct',
			created: 1733506137,
			context_length: 131072,
			architecture: {
				modality: 'text->text',
				input_modalities: ['text'],
				output_modalities: ['text'],
				tokenizer: 'Llama3',
				instruct_type: 'llama3',
			},
			pricing: { prompt: '0.00000013', completion: '0.00000039', request: '0', image: '0' },
			top_provider: { context_length: 131072, max_completion_tokens: 16384, is_moderated: false },
			per_request_limits: null,
			supported_parameters: [
				'frequency_penalty',
				'max_tokens',
				'presence_penalty',
				'response_format',
				'stop',
				'temperature',
				'tool_choice',
				'tools',
				'top_p',
			],
		},
		{
			id: 'openrouter/auto',
			canonical_slug: 'openrouter/auto',
			name: 'Auto Router',
			created: 1699401600,
			context_length: 2000000,
			architecture: {
				modality: 'text+image->text',
				input_modalities: ['text', 'image'],
				output_modalities: ['text'],
				tokenizer: 'Router',
				instruct_type: null,
			},
			pricing: { prompt: '-1', completion: '-1' },
			top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
			per_request_limits: null,
			supported_parameters: [],
		},
	],
};

const GROQ_MODELS = {
	object: 'list',
	data: [
		{
			id: 'llama-3.3-70b-versatile',
			object: 'model',
			created: 1733447754,
			owned_by: 'Meta',
			active: true,
			context_window: 131072,
			public_apps: null,
			max_completion_tokens: 32768,
		},
		{
			id: 'openai/gpt-oss-120b',
			object: 'model',
			created: 1754408224,
			owned_by: 'OpenAI',
			active: true,
			context_window: 131072,
			public_apps: null,
			max_completion_tokens: 65536,
		},
		{
			id: 'whisper-large-v3',
			object: 'model',
			created: 1693721698,
			owned_by: 'OpenAI',
			active: true,
			context_window: 448,
			public_apps: null,
			max_completion_tokens: 448,
		},
	],
};

const TOGETHER_MODELS = [
	{
		id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
		object: 'model',
		created: 1733443200,
		type: 'chat',
		running: false,
		display_name: 'Meta Llama 3.3 70B Instruct Turbo',
		organization: 'Meta',
		link: 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct',
		context_length: 131072,
		config: { chat_template: null, stop: ['<|eot_id|>'], bos_token: null, eos_token: null },
		pricing: { hourly: 0, input: 0.88, output: 0.88, base: 0, finetune: 0 },
	},
	{
		id: 'deepseek-ai/DeepSeek-R1',
		object: 'model',
		created: 1737331200,
		type: 'chat',
		display_name: 'DeepSeek R1',
		organization: 'DeepSeek',
		context_length: 163840,
		pricing: { hourly: 0, input: 3, output: 7, base: 0, finetune: 0 },
	},
	{
		id: 'BAAI/bge-large-en-v1.5',
		object: 'model',
		created: 1695686400,
		type: 'embedding',
		display_name: 'BAAI-Bge-Large-1p5',
		organization: 'BAAI',
		context_length: 512,
		pricing: { hourly: 0, input: 0.02, output: 0.02, base: 0, finetune: 0 },
	},
];

const XAI_MODELS = {
	object: 'list',
	data: [
		{ id: 'grok-4-0709', created: 1752019200, object: 'model', owned_by: 'xai' },
		{ id: 'grok-3-mini', created: 1743724800, object: 'model', owned_by: 'xai' },
		{ id: 'grok-code-fast-1', created: 1756339200, object: 'model', owned_by: 'xai' },
	],
};

const DEEPSEEK_MODELS = {
	object: 'list',
	data: [
		{ id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' },
		{ id: 'deepseek-reasoner', object: 'model', owned_by: 'deepseek' },
	],
};

const OLLAMA_MODELS = {
	object: 'list',
	data: [
		{ id: 'llama3.2:latest', object: 'model', created: 1732000000, owned_by: 'library' },
		{ id: 'nomic-embed-text:latest', object: 'model', created: 1731000000, owned_by: 'library' },
		{ id: 'my-finetune:latest', object: 'model', created: 1733000000, owned_by: 'library' },
	],
};

const AZURE_MODELS = {
	object: 'list',
	data: [
		{
			id: 'gpt-4o-2024-08-06',
			status: 'succeeded',
			created_at: 1722902400,
			capabilities: {
				fine_tune: true,
				inference: true,
				completion: false,
				chat_completion: true,
				embeddings: false,
			},
			lifecycle_status: 'generally-available',
			deprecation: { fine_tune: 1782864000, inference: 1782864000 },
			object: 'model',
		},
	],
};

/** The OpenAI-compatible providers share `/models` paths, so a path segment naming the provider picks its list. */
const LISTS_BY_PATH_SEGMENT: Record<string, unknown> = {
	mistral: MISTRAL_MODELS,
	together: TOGETHER_MODELS,
	xai: XAI_MODELS,
	deepseek: DEEPSEEK_MODELS,
	ollama: OLLAMA_MODELS,
};

/**
 * Which list a GET answers: Gemini's and Anthropic's by their path and version header, OpenRouter's, Groq's
 * and Azure's by the path of their real base URLs, the other OpenAI-compatible providers' by a path segment
 * naming them (`/mistral/v1/models`), and OpenAI's for any other `/models`.
 */
export function modelListReply(request: RecordedRequest): MockReply | undefined {
	if (request.method !== 'GET') return undefined;
	const path = request.path.split('?')[0];
	if (path.endsWith('/v1beta/models')) return { json: GEMINI_MODELS };
	if (!path.endsWith('/models')) return undefined;
	if (request.headers['anthropic-version'] !== undefined) return { json: ANTHROPIC_MODELS };
	if (path.endsWith('/api/v1/models')) return { json: OPENROUTER_MODELS };
	if (path.endsWith('/openai/v1/models')) return { json: GROQ_MODELS };
	if (path.endsWith('/openai/models')) return { json: AZURE_MODELS };
	const named = path.split('/').find((segment) => Object.hasOwn(LISTS_BY_PATH_SEGMENT, segment));
	return { json: named === undefined ? OPENAI_MODELS : LISTS_BY_PATH_SEGMENT[named] };
}
