import type { FusionErrorKind } from '../errors/fusion-error';
import type {
	ChatMessage,
	ProviderPreferences,
	ReasoningEffort,
	ResponseFormat,
	ToolCall,
	ToolChoice,
	ToolDefinition,
} from '../request/unified-request';
import type { ServerSentEvent } from '../transport/read-sse-stream';
import type { UpstreamHttpRequest } from '../transport/send-upstream';
import type { ModelCapabilities, ModelListPage } from './listed-model';

// The wire types belong to the transport; adapters name them from here.
export type { ServerSentEvent, UpstreamHttpRequest };

/** What a credential gives the engine: where the provider is and how to authenticate. */
export interface ProviderConnection {
	/** Without a trailing slash. */
	baseUrl: string;
	apiKey?: string;
	/** Azure OpenAI's `api-version` query parameter. */
	apiVersion?: string;
}

/** The unified request narrowed to one upstream model: OpenAI's chat/completions vocabulary. */
export interface ModelCallRequest {
	/** The model name the provider expects (the part after `provider/`, or the catalog's mapping). */
	model: string;
	messages: ChatMessage[];
	/** The request's max_tokens or max_completion_tokens; each adapter sends it under its provider's name. */
	max_tokens?: number;
	temperature?: number;
	top_p?: number;
	frequency_penalty?: number;
	presence_penalty?: number;
	stop?: string[];
	stream: boolean;
	response_format?: ResponseFormat;
	reasoning_effort?: ReasoningEffort;
	seed?: number;
	/** The end user's id, for the provider's abuse monitoring. */
	user?: string;
	tools?: ToolDefinition[];
	tool_choice?: ToolChoice;
	parallel_tool_calls?: boolean;
	/** OpenRouter's provider preferences; set only for an adapter that takes them (`takesProviderPreferences`). */
	provider?: ProviderPreferences;
	/** What the catalog knows the model can do; undefined for a model it does not know. */
	capabilities?: ModelCapabilities;
}

export interface BuiltChatRequest {
	http: UpstreamHttpRequest;
	/** Settings the provider cannot honour; reported in the output instead of failing the item. */
	warnings: string[];
}

/** OpenAI's finish_reason vocabulary, whatever the provider said. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls';

export interface Usage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
	/** Of completion_tokens, those the model spent reasoning (priced as output), where the provider reports them. */
	completion_tokens_details?: { reasoning_tokens: number };
	/** Of prompt_tokens, those read from the provider's prompt cache, where it reports them. */
	prompt_tokens_details?: { cached_tokens: number };
}

/** One provider's answer, already translated back into the unified vocabulary. */
export interface ModelAnswer {
	id?: string;
	created?: number;
	/** The model name the provider reports having used. */
	upstreamModel?: string;
	content: string;
	/** The functions the model asks to call, ids always set and arguments always JSON text (finishReason tool_calls). */
	toolCalls?: ToolCall[];
	finishReason: FinishReason;
	/** What the provider said when it refused or its safety filter stopped the answer (finishReason content_filter). */
	refusal?: string;
	usage?: Usage;
	/** A cost the provider itself reported (OpenRouter), preferred over the price table. */
	reportedCostUsd?: number;
}

/**
 * One piece of a streamed tool call, for a live client. The call's id and name come with every piece: a client
 * that merges pieces by index alone would otherwise join two calls that share an index across answers.
 */
export interface ToolCallDelta {
	/** The call's position in the answer's tool_calls. */
	index: number;
	id: string;
	name: string;
	/** The next piece of the arguments' JSON text ('' when a piece only announces the call). */
	argumentsDelta: string;
}

/** Turns a provider's SSE events into one answer; one assembler per streamed call. */
export interface StreamAssembler {
	/** Feeds one event; returns the content text it adds ('' when none). Throws a FusionError on an error event. */
	push(event: ServerSentEvent): string;
	/**
	 * The tool-call pieces the events pushed since the last call, in order; assemblers whose provider streams
	 * no tool calls leave it out.
	 */
	takeToolCallDeltas?(): ToolCallDelta[];
	/**
	 * True once the provider's own end marker has arrived (OpenAI's `[DONE]`, Anthropic's `message_stop`, Gemini's
	 * chunk with a finish reason): the answer is complete even if the connection stays open.
	 */
	hasEnded(): boolean;
	/** The assembled answer; throws a FusionError when the stream ended before the provider finished it. */
	finish(): ModelAnswer;
}

/** What a provider's error body says, for the user and for classification. */
export interface ProviderErrorDetail {
	message: string;
	code?: string;
	/** Set when the body tells more than the HTTP status (Anthropic's `overloaded_error`, …). */
	kind?: FusionErrorKind;
}

export interface ProviderAdapter {
	/** Routes to several upstream providers itself and takes OpenRouter's `provider` preferences for it. */
	readonly takesProviderPreferences?: boolean;
	toChatRequest(request: ModelCallRequest, connection: ProviderConnection): BuiltChatRequest;
	/** Why this provider cannot take the request at all (an image to a text-only API, …); undefined when it can. */
	requestGap?(request: ModelCallRequest): string | undefined;
	/** Validates and translates a non-streamed response body; throws FusionError('invalid_response'). */
	fromChatResponse(body: unknown): ModelAnswer;
	createStreamAssembler(): StreamAssembler;
	/** Reads a provider's JSON error body; undefined when it is not the provider's error shape. */
	errorDetailFromBody(body: unknown): ProviderErrorDetail | undefined;
	/** The provider's cheap model-list call, used by credential tests and the live catalog. */
	toModelListRequest(connection: ProviderConnection): UpstreamHttpRequest;
	/** Reads one page of that list; throws FusionError('invalid_response'), naming the provider, when it is none. */
	fromModelList(body: unknown, providerName: string): ModelListPage;
	/** Where the page after `cursor` is, for a list that comes in pages. */
	nextModelListPageUrl?(firstPageUrl: string, cursor: string): string;
	/** A cheap call that needs a valid key, where the model list does not (OpenRouter's is public). */
	toCredentialCheckRequest?(connection: ProviderConnection): UpstreamHttpRequest;
}
