import type { SseEvent } from './mock-provider-server';
import {
	simulatedAnswerFromToolResults,
	simulatedToolCall,
	type SimulatedToolCall,
} from './simulated-tool-call';
import { asRecord, tokenCount, wordPieces } from './wire-json';

/**
 * Anthropic's Messages API as strictly as the real one checks what fusion sends (content blocks, thinking and
 * its rules, tool_use / tool_result pairing), and its answers to JSON, thinking and tool requests: a forced tool
 * answered with a tool_use block, an offered tool called until its result is back (simulated-tool-call.ts), a
 * thinking request with a thinking block before the text, so that a test proves the thinking is not the answer.
 */

const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MIN_THINKING_BUDGET = 1024;

type Json = Record<string, unknown>;

function base64Problem(source: Json, where: string, mediaTypes: string[]): string | undefined {
	if (typeof source.media_type !== 'string' || !mediaTypes.includes(source.media_type)) {
		return `${where}.source.base64.media_type: Input should be ${mediaTypes.map((type) => `'${type}'`).join(', ')}`;
	}
	if (typeof source.data !== 'string' || source.data === '' || !BASE64.test(source.data)) {
		return `${where}.source.base64.data: The image or document data is not valid base64`;
	}
	return undefined;
}

function blockProblem(block: Json, where: string): string | undefined {
	const source = asRecord(block.source);
	switch (block.type) {
		case 'text':
			return typeof block.text === 'string' && block.text !== ''
				? undefined
				: `${where}: text content blocks must be non-empty`;
		case 'image':
			if (source?.type === 'url') {
				return typeof source.url === 'string' && /^https?:\/\//.test(source.url)
					? undefined
					: `${where}.source.url: Input should be a valid URL`;
			}
			if (source?.type !== 'base64')
				return `${where}.source: Input tag does not match 'base64', 'url'`;
			return base64Problem(source, where, IMAGE_MEDIA_TYPES);
		case 'document':
			if (source?.type !== 'base64') return `${where}.source: Input tag does not match 'base64'`;
			return base64Problem(source, where, ['application/pdf']);
		case 'tool_use':
			return typeof block.id === 'string' && typeof block.name === 'string' && asRecord(block.input)
				? undefined
				: `${where}: a tool_use block needs "id", "name" and an object "input"`;
		case 'tool_result':
			return typeof block.tool_use_id === 'string'
				? undefined
				: `${where}.tool_use_id: Field required`;
		default:
			return `${where}: Input tag '${String(block.type)}' found using 'type' does not match any of the expected tags`;
	}
}

function blocksOf(message: unknown): Json[] {
	const content = asRecord(message)?.content;
	return Array.isArray(content) ? content.map((block) => asRecord(block) ?? {}) : [];
}

/** Each tool_result must answer a tool_use of the turn right before it. */
function unexpectedToolResult(messages: unknown[]): string | undefined {
	for (const [index, message] of messages.entries()) {
		const useIds = blocksOf(messages[index - 1])
			.filter((block) => block.type === 'tool_use')
			.map((block) => block.id);
		for (const [blockIndex, block] of blocksOf(message).entries()) {
			if (block.type === 'tool_result' && !useIds.includes(block.tool_use_id))
				return `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
		}
	}
	return undefined;
}

/** Each tool_use must be answered in the next turn, unless it ends the conversation (a prefill). */
function unansweredToolUse(messages: unknown[]): string | undefined {
	for (const [index, message] of messages.slice(0, -1).entries()) {
		const resultIds = blocksOf(messages[index + 1]).map((block) => block.tool_use_id);
		const unanswered = blocksOf(message)
			.filter((block) => block.type === 'tool_use' && !resultIds.includes(block.id))
			.map((block) => String(block.id));
		if (unanswered.length > 0)
			return `messages.${index + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
	}
	return undefined;
}

function messagesProblem(messages: unknown[]): string | undefined {
	for (const [index, message] of messages.entries()) {
		const content = asRecord(message)?.content;
		if (!Array.isArray(content)) continue;
		for (const [blockIndex, block] of content.entries()) {
			const problem = blockProblem(
				asRecord(block) ?? {},
				`messages.${index}.content.${blockIndex}`,
			);
			if (problem !== undefined) return problem;
		}
	}
	return undefined;
}

function thinkingOn(body: Json): boolean {
	const type = asRecord(body.thinking)?.type;
	return type === 'enabled' || type === 'adaptive';
}

function thinkingProblem(body: Json): string | undefined {
	const thinking = asRecord(body.thinking);
	if (thinking?.type === 'enabled') {
		const budget = thinking.budget_tokens;
		if (typeof budget !== 'number' || budget < MIN_THINKING_BUDGET)
			return `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`;
		if (typeof body.max_tokens === 'number' && budget >= body.max_tokens)
			return '`max_tokens` must be greater than `thinking.budget_tokens`';
	}
	if (!thinkingOn(body)) return undefined;
	if (body.temperature !== undefined && body.temperature !== 1)
		return '`temperature` may only be set to 1 when thinking is enabled';
	if (body.top_k !== undefined) return '`top_k` must be unset when thinking is enabled';
	if (typeof body.top_p === 'number' && body.top_p < 0.95)
		return '`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled';
	const forced = asRecord(body.tool_choice)?.type;
	if (forced === 'tool' || forced === 'any')
		return 'Thinking may not be enabled when tool_choice forces tool use.';
	return undefined;
}

/**
 * With a fixed thinking budget, a conversation that continues a tool call must give back the thinking block that
 * opened the calling turn; adaptive thinking may start over.
 */
function toolLoopThinkingProblem(body: Json): string | undefined {
	if (asRecord(body.thinking)?.type !== 'enabled') return undefined;
	const messages = body.messages as unknown[];
	const last = messages.length - 1;
	if (!blocksOf(messages[last]).some((block) => block.type === 'tool_result')) return undefined;
	const first = blocksOf(messages[last - 1])[0]?.type;
	if (first === 'thinking' || first === 'redacted_thinking') return undefined;
	return `messages.${last - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`.`;
}

/** What Anthropic would answer 400 to in the blocks and the thinking settings; undefined when it would take it. */
export function anthropicWireProblem(body: Json): string | undefined {
	const messages = body.messages as unknown[];
	return (
		messagesProblem(messages) ??
		unexpectedToolResult(messages) ??
		unansweredToolUse(messages) ??
		thinkingProblem(body) ??
		toolLoopThinkingProblem(body)
	);
}

/** The forced tool's name, when the request forces one (its answer is that tool's input). */
function forcedToolName(body: Json): string | undefined {
	const choice = asRecord(body.tool_choice);
	return choice?.type === 'tool' && typeof choice.name === 'string' ? choice.name : undefined;
}

/** A forced tool's input schema: what a JSON request through a tool asks the answer to fit. */
export function anthropicForcedToolSchema(body: Json): Json | undefined {
	const name = forcedToolName(body);
	if (name === undefined || !Array.isArray(body.tools)) return undefined;
	const tool = body.tools.map(asRecord).find((candidate) => candidate?.name === name);
	return asRecord(tool?.input_schema);
}

export interface AnthropicAnswerShape {
	/** The answer is the input of this tool. */
	toolName?: string;
	/** A thinking block comes first. */
	thinks: boolean;
	/** The offered tool the model calls, when no tool result is back yet. */
	toolCall?: SimulatedToolCall;
	/** The tool results of the last user turn, which a text answer reports. */
	toolResults?: string[];
}

function toolResultText(content: unknown): string {
	return typeof content === 'string'
		? content
		: blocksOf({ content })
				.map((block) => block.text)
				.join('');
}

export function anthropicAnswerShape(body: Json): AnthropicAnswerShape {
	const messages = body.messages as unknown[];
	const offered = (Array.isArray(body.tools) ? body.tools : []).map((tool) => ({
		name: String(asRecord(tool)?.name),
		parameters: asRecord(tool)?.input_schema,
	}));
	const toolCall = simulatedToolCall(offered, {
		toolResultSeen: messages.some((message) =>
			blocksOf(message).some((block) => block.type === 'tool_result'),
		),
		toolsDisabled: asRecord(body.tool_choice)?.type === 'none',
	});
	const results = blocksOf(messages[messages.length - 1])
		.filter((block) => block.type === 'tool_result')
		.map((block) => toolResultText(block.content));
	return {
		toolName: forcedToolName(body),
		thinks: thinkingOn(body),
		...(toolCall === undefined ? {} : { toolCall }),
		...(results.length === 0 ? {} : { toolResults: results }),
	};
}

export const SIMULATED_THINKING = 'Let me think about what the user asked before answering.';

interface AnthropicTurn {
	model: string;
	prompt: string;
	stream: boolean;
	/** Set when the request asks for a JSON answer, which then stays the answer after tool results. */
	json?: unknown;
	anthropic?: AnthropicAnswerShape;
}

/** A forced tool answers as before; an offered tool is called with its arguments as the tool input's JSON. */
function withToolTurn(shape: AnthropicAnswerShape, turn: AnthropicTurn, text: string) {
	if (shape.toolName !== undefined) return { shape, text };
	if (shape.toolCall !== undefined)
		return {
			shape: { ...shape, toolName: shape.toolCall.name },
			text: JSON.stringify(shape.toolCall.arguments),
		};
	if (shape.toolResults !== undefined && turn.json === undefined)
		return { shape, text: simulatedAnswerFromToolResults(shape.toolResults) };
	return { shape, text };
}

function answerBlock(shape: AnthropicAnswerShape, text: string): Json {
	return shape.toolName === undefined
		? { type: 'text', text }
		: { type: 'tool_use', id: 'toolu_sim', name: shape.toolName, input: JSON.parse(text) };
}

function event(data: Json): SseEvent {
	return { event: String(data.type), data: JSON.stringify(data) };
}

function streamedBlock(index: number, block: Json, deltas: Json[]): SseEvent[] {
	return [
		event({ type: 'content_block_start', index, content_block: block }),
		...deltas.map((delta) => event({ type: 'content_block_delta', index, delta })),
		event({ type: 'content_block_stop', index }),
	];
}

/** The answer as Anthropic sends it: JSON or an SSE stream, with thinking and a forced tool where asked. */
export function anthropicReply(
	turn: AnthropicTurn,
	answerText: string,
): { json: Json } | { sse: SseEvent[] } {
	const { shape, text } = withToolTurn(turn.anthropic ?? { thinks: false }, turn, answerText);
	// A tool's input is always an object: broken or non-object JSON comes back in words, as a real model's might.
	const viaTool =
		shape.toolName !== undefined && isJsonObject(text) ? shape : { ...shape, toolName: undefined };
	const thinking = shape.thinks ? SIMULATED_THINKING : '';
	const usage = {
		input_tokens: tokenCount(turn.prompt),
		output_tokens: tokenCount(text) + (thinking === '' ? 0 : tokenCount(thinking)),
	};
	const stopReason = viaTool.toolName === undefined ? 'end_turn' : 'tool_use';
	const thinkingBlock = { type: 'thinking', thinking, signature: 'c2lt' };
	const id = 'msg_sim';
	if (!turn.stream) {
		return {
			json: {
				id,
				type: 'message',
				role: 'assistant',
				model: turn.model,
				content: [...(shape.thinks ? [thinkingBlock] : []), answerBlock(viaTool, text)],
				stop_reason: stopReason,
				stop_sequence: null,
				usage,
			},
		};
	}
	const answerIndex = shape.thinks ? 1 : 0;
	const answer =
		viaTool.toolName === undefined
			? streamedBlock(
					answerIndex,
					{ type: 'text', text: '' },
					wordPieces(text).map((piece) => ({ type: 'text_delta', text: piece })),
				)
			: streamedBlock(
					answerIndex,
					{ type: 'tool_use', id: 'toolu_sim', name: viaTool.toolName, input: {} },
					wordPieces(text).map((piece) => ({ type: 'input_json_delta', partial_json: piece })),
				);
	return {
		sse: [
			event({
				type: 'message_start',
				message: {
					id,
					type: 'message',
					role: 'assistant',
					model: turn.model,
					content: [],
					stop_reason: null,
					stop_sequence: null,
					usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
				},
			}),
			...(shape.thinks
				? streamedBlock(0, { type: 'thinking', thinking: '', signature: '' }, [
						{ type: 'thinking_delta', thinking },
						{ type: 'signature_delta', signature: 'c2lt' },
					])
				: []),
			event({ type: 'ping' }),
			...answer,
			event({
				type: 'message_delta',
				delta: { stop_reason: stopReason, stop_sequence: null },
				usage: { output_tokens: usage.output_tokens },
			}),
			event({ type: 'message_stop' }),
		],
	};
}

function isJsonObject(text: string): boolean {
	try {
		return asRecord(JSON.parse(text)) !== undefined;
	} catch {
		return false;
	}
}
