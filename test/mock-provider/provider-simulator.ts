import {
	anthropicAnswerShape,
	anthropicReply,
	anthropicWireProblem,
	type AnthropicAnswerShape,
} from './anthropic-wire';
import {
	geminiFunctionCallPart,
	geminiThinks,
	geminiToolTurn,
	geminiWireProblem,
	withGeminiThought,
	type GeminiToolTurn,
} from './gemini-wire';
import type { MockReply, RecordedRequest, SseEvent } from './mock-provider-server';
import {
	jsonBehaviourOf,
	jsonRequestOf,
	simulatedJsonText,
	type JsonRequest,
} from './simulated-json';
import { modelListReply } from './simulated-model-lists';
import { simulatedAnswerFromToolResults } from './simulated-tool-call';
import { mistralMessagesProblem, openAiPartsProblem } from './openai-wire';
import {
	answerFromToolResults,
	openAiToolCallReply,
	openAiToolTurnOf,
	type OpenAiToolTurn,
} from './openai-tool-turn';
import { asRecord, tokenCount, wordPieces } from './wire-json';

/**
 * The provider simulator: answers chat requests as OpenAI, Mistral, Anthropic and Gemini do on the wire (JSON
 * bodies, SSE streams, error bodies), with a deterministic text, so that tests and the demo can assert on it.
 *
 * The model name can ask for a behaviour, so that a workflow shows what it is doing and a newcomer can edit
 * it: `sim-fail-<status>` answers that HTTP status with the provider's error body, `sim-slow-<ms>` waits before
 * answering, `sim-drip-<ms>` pauses between the chunks of a streamed answer. They combine
 * (`sim-slow-2000-fail-503`) and may follow another name (`gpt-4o-mini-sim-drip-100`). A request that asks for
 * JSON gets JSON that fits its schema, or, for `sim-badjson` and `sim-wrongjson`, broken or off-schema JSON
 * (simulated-json.ts).
 */

export type WireFormat = 'openai' | 'mistral' | 'anthropic' | 'gemini';

export interface SimulatorDirectives {
	/** Answer with this HTTP status (400–599) and the provider's error body instead of an answer. */
	failStatus?: number;
	/** Wait this long before answering; for a stream, before its first byte. */
	slowMs?: number;
	/** Pause this long between the events of a streamed answer. */
	dripMs?: number;
}

/** Upper bounds, so that a typo in a model name cannot hang a demo or a test for hours. */
const MAX_SLOW_MS = 120_000;
const MAX_DRIP_MS = 10_000;

const DIRECTIVES = /(?:^|[^a-z0-9])sim((?:-(?:fail|slow|drip)-\d+)+)(?![a-z0-9])/i;

export function simulatorDirectives(model: string): SimulatorDirectives {
	const match = DIRECTIVES.exec(model);
	if (match === null) return {};
	const directives: SimulatorDirectives = {};
	for (const [, name, digits] of match[1].matchAll(/-(fail|slow|drip)-(\d+)/gi)) {
		const value = Number(digits);
		const directive = name.toLowerCase();
		if (directive === 'fail') directives.failStatus = value >= 400 && value <= 599 ? value : 500;
		else if (directive === 'slow') directives.slowMs = Math.min(value, MAX_SLOW_MS);
		else directives.dripMs = Math.min(value, MAX_DRIP_MS);
	}
	return directives;
}

interface SimulatedTurn {
	format: WireFormat;
	model: string;
	prompt: string;
	stream: boolean;
	/** Set when the request asks for a JSON answer. */
	json?: JsonRequest;
	anthropic?: AnthropicAnswerShape;
	/** Set when a Gemini request asks to think: the answer then opens with a thought summary. */
	thinks?: boolean;
	gemini?: GeminiToolTurn;
	/** OpenAI and Mistral: the tools offered and the results back, when the request has any. */
	openAiTools?: OpenAiToolTurn;
}

/** The replies the simulator sends (it never hangs or drops a connection by itself). */
export type SimulatedReply = Exclude<MockReply, { hang: true } | { destroySocket: true }>;

type ParsedRequest = { turn: SimulatedTurn } | { refusal: SimulatedReply };

const GEMINI_PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent)/;
const AZURE_DEPLOYMENT_PATH = /\/openai\/deployments\/([^/]+)\//;

/**
 * The OpenAI-compatible providers share their paths, so a path segment naming Mistral picks its dialect, as
 * for the model lists (`<simulator>/mistral/v1/chat/completions`).
 */
function wireFormatOf(path: string): WireFormat | undefined {
	if (GEMINI_PATH.test(path)) return 'gemini';
	if (path.includes('/v1/messages')) return 'anthropic';
	if (!path.includes('/chat/completions')) return undefined;
	return path.split('?')[0].split('/').includes('mistral') ? 'mistral' : 'openai';
}

/** A message's text: a plain string, or the text parts of OpenAI content parts and Anthropic content blocks. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => asRecord(part)?.text)
		.filter((text): text is string => typeof text === 'string')
		.join('');
}

function lastUserText(body: Record<string, unknown>, format: WireFormat): string {
	if (format === 'gemini') {
		const contents = (body.contents as unknown[]).map(asRecord);
		// Gemini accepts a single turn without a role.
		const last = [...contents]
			.reverse()
			.find((content) => content !== undefined && (content.role ?? 'user') === 'user');
		return textOf(last?.parts);
	}
	const messages = (body.messages as unknown[]).map(asRecord);
	return textOf([...messages].reverse().find((message) => message?.role === 'user')?.content);
}

/** What the provider would reject before generating anything, in its own words where they are known. */
function requestProblem(
	body: Record<string, unknown> | undefined,
	format: WireFormat,
	hasDeployment: boolean,
): string | undefined {
	if (body === undefined) return 'We could not parse the JSON body of your request.';
	if (format === 'gemini')
		return Array.isArray(body.contents)
			? undefined
			: '* GenerateContentRequest.contents: contents is not specified';
	if (typeof body.model !== 'string' && !hasDeployment) {
		return format === 'anthropic' ? 'model: Field required' : 'you must provide a model parameter';
	}
	if (!Array.isArray(body.messages))
		return format === 'anthropic'
			? 'messages: Field required'
			: "Missing required parameter: 'messages'.";
	if (format === 'anthropic' && typeof body.max_tokens !== 'number')
		return 'max_tokens: Field required';
	return format === 'anthropic' ? anthropicWireProblem(body) : undefined;
}

/** Fields of Mistral's chat completion request; it answers any other with 422 extra_forbidden. */
const MISTRAL_FIELDS = new Set([
	'model',
	'messages',
	'temperature',
	'top_p',
	'max_tokens',
	'stream',
	'stop',
	'random_seed',
	'response_format',
	'tools',
	'tool_choice',
	'presence_penalty',
	'frequency_penalty',
	'n',
	'prediction',
	'parallel_tool_calls',
	'prompt_mode',
	'safe_prompt',
]);

function mistralExtraFields(body: Record<string, unknown>): SimulatedReply | undefined {
	const extra = Object.keys(body).filter((field) => !MISTRAL_FIELDS.has(field));
	if (extra.length === 0) return undefined;
	const detail = extra.map((field) => ({
		type: 'extra_forbidden',
		loc: ['body', field],
		msg: 'Extra inputs are not permitted',
		input: body[field],
	}));
	return { status: 422, json: { detail } };
}

function parseChatRequest(request: RecordedRequest): ParsedRequest | undefined {
	const format = wireFormatOf(request.path);
	if (format === undefined) return undefined;
	if (request.method !== 'POST')
		return {
			refusal: simulatedErrorReply(
				format,
				405,
				`Invalid method for URL (${request.method} ${request.path})`,
			),
		};
	const body = asRecord(request.body);
	const gemini = GEMINI_PATH.exec(request.path);
	const deployment = AZURE_DEPLOYMENT_PATH.exec(request.path);
	const problem = requestProblem(body, format, deployment !== null);
	if (body === undefined || problem !== undefined)
		return { refusal: simulatedErrorReply(format, 400, problem ?? '') };
	const extraFields =
		format === 'mistral' ? (mistralExtraFields(body) ?? mistralMessagesProblem(body)) : undefined;
	if (extraFields) return { refusal: extraFields };
	const partsProblem = format === 'openai' ? openAiPartsProblem(body) : undefined;
	if (partsProblem) return { refusal: simulatedErrorReply(format, 400, partsProblem) };
	const tools =
		format === 'openai' || format === 'mistral' ? openAiToolTurnOf(body, format) : undefined;
	if (tools !== undefined && 'problem' in tools)
		return { refusal: simulatedErrorReply(format, 400, tools.problem) };
	const model = gemini ? gemini[1] : deployment ? deployment[1] : String(body.model);
	const geminiProblem = gemini ? geminiWireProblem(body, decodeURIComponent(model)) : undefined;
	if (geminiProblem) return { refusal: simulatedErrorReply(format, 400, geminiProblem) };
	return {
		turn: {
			format,
			model: decodeURIComponent(model),
			prompt: lastUserText(body, format),
			stream: gemini ? gemini[2] === 'streamGenerateContent' : body.stream === true,
			json: jsonRequestOf(body, format),
			anthropic: format === 'anthropic' ? anthropicAnswerShape(body) : undefined,
			thinks: format === 'gemini' && geminiThinks(body),
			gemini: format === 'gemini' ? geminiToolTurn(body) : undefined,
			openAiTools: tools?.turn,
		},
	};
}

/** Deterministic: the same request always gets the same answer, so tests and the demo can assert on it. */
export function simulatedAnswerText(model: string, prompt: string): string {
	const shortPrompt = prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt;
	return `[${model}] answer to: ${shortPrompt}`;
}

/**
 * A judge's question (numbered "Answer N:" sections, "reply with its number") gets the number of the longest
 * answer, the first of equals: a verdict a best-of judge can use, where a simulated sentence would name none.
 */
export function simulatedVerdict(prompt: string): string | undefined {
	if (!/reply with (?:its|the) number/i.test(prompt)) return undefined;
	const sections = prompt.split(/^Answer \d+:\n/m).slice(1);
	if (sections.length < 2) return undefined;
	// The question after the last answer is not part of it.
	const last = sections.length - 1;
	sections[last] = sections[last].replace(/\n\n[^\n]*number[^\n]*\s*$/i, '');
	const lengths = sections.map((section) => section.trim().length);
	return String(lengths.indexOf(Math.max(...lengths)) + 1);
}

function openAiReply(turn: SimulatedTurn, text: string): SimulatedReply {
	const id = 'chatcmpl-sim';
	const created = 1_700_000_000;
	const usage = {
		prompt_tokens: tokenCount(turn.prompt),
		completion_tokens: tokenCount(text),
		total_tokens: tokenCount(turn.prompt) + tokenCount(text),
	};
	if (!turn.stream) {
		return {
			json: {
				id,
				object: 'chat.completion',
				created,
				model: turn.model,
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: text, refusal: null },
						logprobs: null,
						finish_reason: 'stop',
					},
				],
				usage,
			},
		};
	}
	const chunk = (delta: Record<string, unknown>, finish: string | null) =>
		JSON.stringify({
			id,
			object: 'chat.completion.chunk',
			created,
			model: turn.model,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
			usage: null,
		});
	const events: SseEvent[] = [
		{ data: chunk({ role: 'assistant', content: '' }, null) },
		...wordPieces(text).map((piece) => ({ data: chunk({ content: piece }, null) })),
		{ data: chunk({}, 'stop') },
		{
			data: JSON.stringify({
				id,
				object: 'chat.completion.chunk',
				created,
				model: turn.model,
				choices: [],
				usage,
			}),
		},
		{ data: '[DONE]' },
	];
	return { sse: events };
}

/** Shaped after a recorded Mistral response: no refusal, `tool_calls: null`, usage on the last chunk. */
function mistralReply(turn: SimulatedTurn, text: string): SimulatedReply {
	const id = '0123456789abcdef0123456789abcdef';
	const created = 1_700_000_000;
	const usage = {
		prompt_tokens: tokenCount(turn.prompt),
		total_tokens: tokenCount(turn.prompt) + tokenCount(text),
		completion_tokens: tokenCount(text),
	};
	if (!turn.stream) {
		return {
			json: {
				id,
				created,
				model: turn.model,
				usage,
				object: 'chat.completion',
				choices: [
					{
						index: 0,
						finish_reason: 'stop',
						message: { role: 'assistant', tool_calls: null, content: text },
					},
				],
			},
		};
	}
	const chunk = (
		delta: Record<string, unknown>,
		finish: string | null,
		extra: Record<string, unknown> = {},
	) =>
		JSON.stringify({
			id,
			object: 'chat.completion.chunk',
			created,
			model: turn.model,
			choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
			...extra,
		});
	return {
		sse: [
			{ data: chunk({ role: 'assistant', content: '' }, null) },
			...wordPieces(text).map((piece) => ({ data: chunk({ content: piece }, null) })),
			{ data: chunk({ content: '' }, 'stop', { usage }) },
			{ data: '[DONE]' },
		],
	};
}

/**
 * A function call comes whole: in the one answer, or streamed as one chunk followed by an empty one that carries
 * the finish reason, as Gemini streams it. After the responses, the text reports them (unless JSON was asked for).
 */
function geminiReply(turn: SimulatedTurn, answerText: string): SimulatedReply {
	const { toolCall, toolResults } = turn.gemini ?? {};
	const text =
		toolResults !== undefined && turn.json === undefined
			? simulatedAnswerFromToolResults(toolResults)
			: answerText;
	const prompt = tokenCount(turn.prompt);
	const usageMetadata = (completion: number) => ({
		promptTokenCount: prompt,
		candidatesTokenCount: completion,
		totalTokenCount: prompt + completion,
	});
	const response = (
		parts: Record<string, unknown>[],
		finishReason: string | undefined,
		completion: number,
	) => ({
		candidates: [
			{
				content: { parts, role: 'model' },
				...(finishReason ? { finishReason } : {}),
				index: 0,
			},
		],
		usageMetadata: usageMetadata(completion),
		modelVersion: turn.model,
		responseId: 'sim-response',
	});
	if (toolCall !== undefined) {
		const callTokens = tokenCount(JSON.stringify(toolCall));
		const callPart = geminiFunctionCallPart(toolCall);
		if (!turn.stream) return { json: response([callPart], 'STOP', callTokens) };
		return {
			sse: [
				{ data: JSON.stringify(response([callPart], undefined, callTokens)) },
				{ data: JSON.stringify(response([{ text: '' }], 'STOP', callTokens)) },
			],
		};
	}
	if (!turn.stream) return { json: response([{ text }], 'STOP', tokenCount(text)) };
	const pieces = wordPieces(text);
	let sent = '';
	return {
		sse: pieces.map((piece, index) => {
			sent += piece;
			return {
				data: JSON.stringify(
					response(
						[{ text: piece }],
						index === pieces.length - 1 ? 'STOP' : undefined,
						tokenCount(sent),
					),
				),
			};
		}),
	};
}

const OPENAI_ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
	401: { type: 'invalid_request_error', code: 'invalid_api_key' },
	403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
	404: { type: 'invalid_request_error', code: 'model_not_found' },
	429: { type: 'requests', code: 'rate_limit_exceeded' },
};

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	403: 'permission_error',
	404: 'not_found_error',
	413: 'request_too_large',
	429: 'rate_limit_error',
	529: 'overloaded_error',
};

const GEMINI_ERROR_STATUSES: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	503: 'UNAVAILABLE',
	504: 'DEADLINE_EXCEEDED',
};

/** The error body each provider sends with this status; a 429 asks to wait a second, as providers do. */
export function simulatedErrorReply(
	format: WireFormat,
	status: number,
	message: string,
): SimulatedReply {
	const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
	if (format === 'anthropic') {
		const type =
			ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
		return { status, headers, json: { type: 'error', error: { type, message } } };
	}
	if (format === 'gemini') {
		return {
			status,
			headers,
			json: {
				error: {
					code: status,
					message,
					status:
						GEMINI_ERROR_STATUSES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
				},
			},
		};
	}
	const { type, code } = OPENAI_ERROR_TYPES[status] ?? {
		type: status >= 500 ? 'server_error' : 'invalid_request_error',
		code: null,
	};
	if (format === 'mistral')
		return { status, headers, json: { object: 'error', message, type, param: null, code } };
	return { status, headers, json: { error: { message, type, param: null, code } } };
}

function answerReply(turn: SimulatedTurn): SimulatedReply {
	const { openAiTools } = turn;
	if (openAiTools?.call !== undefined && (turn.format === 'openai' || turn.format === 'mistral'))
		return openAiToolCallReply({ ...turn, format: turn.format }, openAiTools.call);
	const text =
		turn.json === undefined
			? ((openAiTools && answerFromToolResults(openAiTools)) ??
				simulatedVerdict(turn.prompt) ??
				simulatedAnswerText(turn.model, turn.prompt))
			: simulatedJsonText(turn.json, jsonBehaviourOf(turn.model));
	if (turn.format === 'anthropic') return anthropicReply(turn, text);
	if (turn.format === 'gemini')
		return turn.thinks ? withGeminiThought(geminiReply(turn, text)) : geminiReply(turn, text);
	if (turn.format === 'mistral') return mistralReply(turn, text);
	return openAiReply(turn, text);
}

function chatReply(turn: SimulatedTurn): MockReply {
	const { failStatus, slowMs, dripMs } = simulatorDirectives(turn.model);
	const reply =
		failStatus === undefined
			? answerReply(turn)
			: simulatedErrorReply(
					turn.format,
					failStatus,
					`Simulated HTTP ${failStatus}: the model name "${turn.model}" asks the simulator to fail.`,
				);
	const delayed: SimulatedReply = slowMs === undefined ? reply : { ...reply, delayMs: slowMs };
	return dripMs !== undefined && 'sse' in delayed ? { ...delayed, eventDelayMs: dripMs } : delayed;
}

/** Answers an unscripted request the way the provider whose path it is would, with a deterministic text. */
export function simulateProviderReply(request: RecordedRequest): MockReply {
	const list = modelListReply(request);
	if (list) return list;
	const parsed = parseChatRequest(request);
	if (parsed === undefined)
		return {
			status: 404,
			json: { error: { message: `no simulated route for ${request.method} ${request.path}` } },
		};
	return 'refusal' in parsed ? parsed.refusal : chatReply(parsed.turn);
}
