import type { ModelListPage } from '../listed-model';
import type { ReasoningEffort } from '../../request/unified-request';
import type { ToolChoiceMode } from '../../request/tool-schema';
import type { ModelCallRequest, ProviderConnection } from '../provider-adapter';
import { authHeaders, type ProviderAuth } from '../provider-definition';

/** Our sampling settings that some providers or models refuse (or silently ignore). */
export type SamplingParameter = keyof Pick<
	ModelCallRequest,
	'temperature' | 'top_p' | 'frequency_penalty' | 'presence_penalty' | 'stop'
>;

/**
 * `max_completion_tokens` is OpenAI's current name (its reasoning models reject `max_tokens`); most compatible
 * APIs only know `max_tokens`, and some (Mistral) reject the other name.
 */
export type TokenLimitField = 'max_tokens' | 'max_completion_tokens';

/**
 * How a provider takes OpenAI's `reasoning_effort`: under which field, and which of our values it documents,
 * each mapped to the provider's word for it. A value it lacks is sent as the nearest one it has, with a warning.
 */
export interface ReasoningControl {
	/** `reasoning_effort` as OpenAI does, or OpenRouter's `reasoning: {effort}`. */
	field: 'reasoning_effort' | 'reasoning.effort';
	efforts: Readonly<Partial<Record<ReasoningEffort, string>>>;
}

/**
 * The JSON answers a provider can be asked for: `json_schema` (the schema is enforced), or only `json_object`
 * (a request with a schema gets JSON mode and the schema as an instruction in the system message).
 */
export type JsonMode = 'json_schema' | 'json_object';

/** A provider's rule for tool call ids: Mistral's nine letters or digits, OpenAI's 40 characters at most. */
export interface ToolCallIdRule {
	/** The characters an id may hold; absent, any. */
	alphabet?: string;
	/** Exactly this many characters. */
	length?: number;
	/** At most this many characters. */
	maxLength?: number;
}

/** How a provider takes OpenAI's tool settings. */
export interface ToolDialect {
	/** tool_choice modes the provider names otherwise (Mistral's "any" for "required"). */
	choiceNames?: Readonly<Partial<Record<ToolChoiceMode, string>>>;
	/** Takes `parallel_tool_calls`; else it is left out with a warning. */
	parallelToolCalls: boolean;
	/** Set where the provider refuses other ids: a conversation's ids are then mapped to fit, the same way each turn. */
	callIds?: ToolCallIdRule;
}

/** What differs for some of a provider's models. */
export interface ModelRule {
	/** The upstream model names (Azure: deployment names) it applies to; absent, every model. */
	models?: RegExp;
	/** Left out of the request, with a warning. */
	unsupportedParameters?: readonly SamplingParameter[];
	/** Replaces the provider's token-limit field. */
	tokenLimitField?: TokenLimitField;
	/** Replaces the provider's reasoning control; null where these models have none. */
	reasoning?: ReasoningControl | null;
	/** Replaces the provider's JSON mode. */
	jsonMode?: JsonMode;
	/** Fields every request to these models carries (Groq's `reasoning_format`, so that reasoning stays out of the answer). */
	extraFields?: Readonly<Record<string, unknown>>;
	/** Why, for the warning: "xAI reasoning models reject it". */
	reason: string;
}

/** Everything that makes one OpenAI-compatible provider differ from another: data, no code. */
export interface OpenAiCompatibleConfig {
	/** The provider's name in warnings and gaps: "DeepSeek's chat API takes no image input". */
	displayName: string;
	/** The chat path under the base URL; `{model}` stands for the URL-encoded upstream model name. */
	chatPath: string;
	modelListPath: string;
	/** Where the key is checked, when the model list answers without one. */
	credentialCheckPath?: string;
	/** Reads the model list; the OpenAI format unless the provider's list says more (prices, capabilities). */
	fromModelList: (body: unknown, providerName: string) => ModelListPage;
	/** Set for APIs versioned by an `api-version` query parameter (Azure): the version used when the credential names none. */
	defaultApiVersion?: string;
	/** False where the model is already in the path (an Azure deployment). */
	modelInBody: boolean;
	auth: ProviderAuth;
	tokenLimitField: TokenLimitField;
	/** Sends `stream_options: {include_usage: true}`: without it OpenAI's streams carry no usage. */
	streamUsageOption: boolean;
	/** The provider's own reasoning control; absent, `reasoning_effort` is dropped with a warning. */
	reasoning?: ReasoningControl;
	jsonMode: JsonMode;
	/** Which images the chat API takes: any URL, only data URLs (Ollama), or none. */
	images: 'url-or-data' | 'data-only' | 'none';
	/** How the chat API takes a PDF: OpenAI's `file` part, Mistral's `document_url` part, or not at all. */
	pdfs: 'file' | 'document_url' | 'none';
	/** OpenAI's `developer` role; providers without it get the message as `system`. */
	developerRole: boolean;
	/** The provider's name for OpenAI's `seed` (Mistral's `random_seed`); absent where it takes none. */
	seedField?: 'seed' | 'random_seed';
	/** Takes OpenAI's `user` (the end user's id); else it is dropped with a warning. */
	takesUser: boolean;
	tools: ToolDialect;
	/** Every matching rule's parameters are dropped; the first matching token-limit field, reasoning control and JSON mode win. */
	modelRules?: readonly ModelRule[];
	/** OpenRouter: takes the request's `provider` preferences as they are. */
	takesProviderPreferences?: boolean;
	/** Fixed headers on every request (app attribution). */
	headers?: Readonly<Record<string, string>>;
}

/** The provider's fixed headers and its auth header. */
export function openAiCompatibleHeaders(
	config: OpenAiCompatibleConfig,
	connection: ProviderConnection,
): Record<string, string> {
	return { ...config.headers, ...authHeaders(config.auth, connection) };
}

/** `baseUrl + path`, with `{model}` filled in and `api-version` added where the provider is versioned so. */
export function openAiCompatibleUrl(
	config: OpenAiCompatibleConfig,
	connection: ProviderConnection,
	path: string,
	model?: string,
): string {
	const filled = model === undefined ? path : path.replace('{model}', encodeURIComponent(model));
	if (config.defaultApiVersion === undefined) return `${connection.baseUrl}${filled}`;
	const version = connection.apiVersion?.trim() || config.defaultApiVersion;
	return `${connection.baseUrl}${filled}?api-version=${encodeURIComponent(version)}`;
}
