import type { SseEvent } from './mock-provider-server';
import type { SimulatedReply } from './provider-simulator';
import {
	simulatedAnswerFromToolResults,
	simulatedToolCall,
	type OfferedTool,
	type SimulatedToolCall,
} from './simulated-tool-call';
import { asRecord, tokenCount } from './wire-json';

/**
 * Tool conversations on OpenAI's and Mistral's chat wire: what each API refuses in a tool turn, and the call or
 * the answer a model gives. Both refuse a tool message that answers no call of the assistant turn before it, and
 * a call left unanswered; OpenAI refuses a call id over 40 characters, Mistral call ids other than nine letters
 * or digits. OpenAI's messages and
 * Mistral's id message are the APIs' own words; Mistral's others say the same in its error body.
 */

type ToolWire = 'openai' | 'mistral';

export interface OpenAiToolTurn {
	/** Set while the model should call a tool. */
	call?: SimulatedToolCall;
	/** The tool messages' texts since the last user message; the answer quotes them. */
	results: string[];
}

const MISTRAL_ID = /^[a-zA-Z0-9]{9}$/;
/** OpenAI's bound on a call id, in the words of its 400 (seen by many: e.g. vercel/ai#8132, Portkey-AI/gateway#1062). */
const OPENAI_MAX_ID_LENGTH = 40;
const CHOICE_WORDS: Record<ToolWire, readonly string[]> = {
	openai: ['none', 'auto', 'required'],
	mistral: ['none', 'auto', 'any', 'required'],
};

function messagesOf(body: Record<string, unknown>): Array<Record<string, unknown>> {
	return (Array.isArray(body.messages) ? body.messages : []).map(
		(message) => asRecord(message) ?? {},
	);
}

function offeredTools(body: Record<string, unknown>): OfferedTool[] {
	const tools = Array.isArray(body.tools) ? body.tools : [];
	return tools.map((tool) => {
		const fn = asRecord(asRecord(tool)?.function);
		return { name: String(fn?.name), parameters: fn?.parameters };
	});
}

function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((part) => String(asRecord(part)?.text ?? '')).join('');
}

function callIdsOf(message: Record<string, unknown>): string[] {
	const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	return calls.map((call) => String(asRecord(call)?.id));
}

function toolChoiceProblem(
	body: Record<string, unknown>,
	wire: ToolWire,
	offered: readonly OfferedTool[],
): string | undefined {
	const choice = body.tool_choice;
	if (choice === undefined) return undefined;
	if (typeof choice === 'string') {
		const words = CHOICE_WORDS[wire];
		return words.includes(choice)
			? undefined
			: `Invalid value: '${choice}'. Supported values are: ${words.map((word) => `'${word}'`).join(', ')}. (param: tool_choice)`;
	}
	const name = asRecord(asRecord(choice)?.function)?.name;
	if (offered.length === 0)
		return "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.";
	return offered.some((tool) => tool.name === name)
		? undefined
		: `Invalid 'tool_choice': function '${String(name)}' is not among 'tools'.`;
}

/** The first problem the API reports in the turns' tool calls and results, in its own words. */
function toolMessagesProblem(
	messages: ReadonlyArray<Record<string, unknown>>,
	wire: ToolWire,
): string | undefined {
	let open: { index: number; ids: Set<string> } | undefined;
	for (const [index, message] of messages.entries()) {
		if (message.role === 'tool') {
			const id = String(message.tool_call_id);
			if (wire === 'mistral' && !MISTRAL_ID.test(id))
				return `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`;
			if (open === undefined)
				return wire === 'openai'
					? `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'. (param: messages.[${index}].role)`
					: `Unexpected role 'tool' at messages[${index}]: no assistant tool call before it`;
			if (!open.ids.delete(id))
				return wire === 'openai'
					? `Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message. (param: messages.[${index}].tool_call_id)`
					: `Unexpected tool call id ${id} in tool results`;
			continue;
		}
		if (open !== undefined && open.ids.size > 0)
			return wire === 'openai'
				? `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open.ids].join(', ')} (param: messages.[${open.index}].role)`
				: 'Not the same number of function calls and responses';
		open = undefined;
		const ids = message.role === 'assistant' ? callIdsOf(message) : [];
		const long = ids.findIndex((id) => id.length > OPENAI_MAX_ID_LENGTH);
		if (wire === 'openai' && long !== -1)
			return `Invalid 'messages[${index}].tool_calls[${long}].id': string too long. Expected a string with maximum length ${OPENAI_MAX_ID_LENGTH}, but got a string with length ${ids[long].length} instead.`;
		if (wire === 'mistral') {
			const bad = ids.find((id) => !MISTRAL_ID.test(id));
			if (bad !== undefined)
				return `Tool call id was ${bad} but must be a-z, A-Z, 0-9, with a length of 9.`;
		}
		if (ids.length > 0) open = { index, ids: new Set(ids) };
	}
	return undefined;
}

/** The tool turn of a request, or the API's 400 message for it; undefined when the request has no tools in it. */
export function openAiToolTurnOf(
	body: Record<string, unknown>,
	wire: ToolWire,
): { problem: string } | { turn: OpenAiToolTurn } | undefined {
	const messages = messagesOf(body);
	const offered = offeredTools(body);
	const problem = toolChoiceProblem(body, wire, offered) ?? toolMessagesProblem(messages, wire);
	if (problem !== undefined) return { problem };
	const lastUser = messages.map((message) => message.role).lastIndexOf('user');
	const results = messages
		.slice(lastUser + 1)
		.filter((message) => message.role === 'tool')
		.map((message) => contentText(message.content));
	if (offered.length === 0 && results.length === 0) return undefined;
	const choice = body.tool_choice;
	const forced = asRecord(asRecord(choice)?.function)?.name;
	const call = simulatedToolCall(offered, {
		forced: typeof forced === 'string' ? forced : undefined,
		toolResultSeen: results.length > 0,
		toolsDisabled: choice === 'none',
	});
	return { turn: { call, results } };
}

/** The text a model answers once the tools' results are back. */
export function answerFromToolResults(turn: OpenAiToolTurn): string | undefined {
	return turn.results.length === 0 ? undefined : simulatedAnswerFromToolResults(turn.results);
}

/** A call id in the wire's style: OpenAI's `call_…`, Mistral's nine letters or digits. */
function simulatedCallId(wire: ToolWire, name: string): string {
	const letters = name.replace(/[^a-zA-Z0-9]/g, '');
	return wire === 'mistral' ? `sim${letters}000000`.slice(0, 9) : `call_sim_${letters}`;
}

/** The arguments' text cut in three, as the APIs stream it in pieces. */
function argumentPieces(text: string): string[] {
	const third = Math.max(1, Math.ceil(text.length / 3));
	return text.match(new RegExp(`[\\s\\S]{1,${third}}`, 'g')) ?? [text];
}

export interface ToolCallReplyTurn {
	format: ToolWire;
	model: string;
	prompt: string;
	stream: boolean;
}

/** The model's call of a tool, whole or streamed in pieces by index: id and name first, then the arguments. */
export function openAiToolCallReply(
	turn: ToolCallReplyTurn,
	call: SimulatedToolCall,
): SimulatedReply {
	const id = simulatedCallId(turn.format, call.name);
	const args = JSON.stringify(call.arguments);
	const base = { id: 'chatcmpl-sim-tool', created: 1_700_000_000, model: turn.model };
	const usage = {
		prompt_tokens: tokenCount(turn.prompt),
		completion_tokens: tokenCount(args),
		total_tokens: tokenCount(turn.prompt) + tokenCount(args),
	};
	if (!turn.stream) {
		// Mistral's recorded answer has no content at all beside its calls, and no type on them.
		const message =
			turn.format === 'mistral'
				? {
						role: 'assistant',
						tool_calls: [{ id, function: { name: call.name, arguments: args } }],
					}
				: {
						role: 'assistant',
						content: null,
						tool_calls: [{ id, type: 'function', function: { name: call.name, arguments: args } }],
						refusal: null,
					};
		return {
			json: {
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, logprobs: null, finish_reason: 'tool_calls' }],
				usage,
			},
		};
	}
	const chunk = (delta: Record<string, unknown>, finish: string | null, extra = {}) => ({
		data: JSON.stringify({
			...base,
			object: 'chat.completion.chunk',
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
			...extra,
		}),
	});
	// Mistral repeats an empty name on the later pieces, as recorded; OpenAI sends only the arguments.
	const laterName = turn.format === 'mistral' ? { name: '' } : {};
	const events: SseEvent[] = [
		chunk(
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ index: 0, id, type: 'function', function: { name: call.name, arguments: '' } },
				],
			},
			null,
		),
		...argumentPieces(args).map((piece) =>
			chunk({ tool_calls: [{ index: 0, function: { ...laterName, arguments: piece } }] }, null),
		),
		...(turn.format === 'mistral'
			? [chunk({ content: '' }, 'tool_calls', { usage })]
			: [
					chunk({}, 'tool_calls'),
					{
						data: JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage }),
					},
				]),
		{ data: '[DONE]' },
	];
	return { sse: events };
}
