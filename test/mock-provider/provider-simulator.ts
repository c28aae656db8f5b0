import type { MockReply, RecordedRequest, SseEvent } from './mock-provider-server';

type WireFormat = 'openai' | 'anthropic' | 'gemini';

interface SimulatedTurn {
	format: WireFormat;
	model: string;
	prompt: string;
	stream: boolean;
}

const GEMINI_PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent)/;

function lastUserText(body: Record<string, unknown>, format: WireFormat): string {
	if (format === 'gemini') {
		const contents = (body.contents as Array<{ role: string; parts: Array<{ text?: string }> }>) ?? [];
		const last = [...contents].reverse().find((content) => content.role === 'user');
		return last?.parts.map((part) => part.text ?? '').join('') ?? '';
	}
	const messages = (body.messages as Array<{ role: string; content: string }>) ?? [];
	return [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
}

function turnOf(request: RecordedRequest): SimulatedTurn | undefined {
	const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
	const gemini = GEMINI_PATH.exec(request.path);
	if (gemini) {
		return { format: 'gemini', model: decodeURIComponent(gemini[1]), prompt: lastUserText(body, 'gemini'), stream: gemini[2] === 'streamGenerateContent' };
	}
	const deployment = /\/openai\/deployments\/([^/]+)\//.exec(request.path);
	const format: WireFormat | undefined = request.path.includes('/v1/messages')
		? 'anthropic'
		: request.path.includes('/chat/completions')
			? 'openai'
			: undefined;
	if (format === undefined) return undefined;
	const model = deployment ? decodeURIComponent(deployment[1]) : String(body.model ?? 'unknown-model');
	return { format, model, prompt: lastUserText(body, format), stream: body.stream === true };
}

/** Deterministic: the same request always gets the same answer, so tests and the demo can assert on it. */
export function simulatedAnswerText(model: string, prompt: string): string {
	const shortPrompt = prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt;
	return `[${model}] answer to: ${shortPrompt}`;
}

function splitIntoDeltas(text: string): string[] {
	return text.match(/\S+\s*/g) ?? [text];
}

function tokenCount(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

function openAiReply(turn: SimulatedTurn, text: string): MockReply {
	const id = 'chatcmpl-sim';
	const created = 1_700_000_000;
	const usage = { prompt_tokens: tokenCount(turn.prompt), completion_tokens: tokenCount(text), total_tokens: tokenCount(turn.prompt) + tokenCount(text) };
	if (!turn.stream) {
		return {
			json: {
				id,
				object: 'chat.completion',
				created,
				model: turn.model,
				choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
				usage,
			},
		};
	}
	const chunk = (delta: Record<string, unknown>, finish: string | null) =>
		JSON.stringify({ id, object: 'chat.completion.chunk', created, model: turn.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
	const events: SseEvent[] = [
		{ data: chunk({ role: 'assistant', content: '' }, null) },
		...splitIntoDeltas(text).map((piece) => ({ data: chunk({ content: piece }, null) })),
		{ data: chunk({}, 'stop') },
		{ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model: turn.model, choices: [], usage }) },
		{ data: '[DONE]' },
	];
	return { sse: events };
}

function anthropicReply(turn: SimulatedTurn, text: string): MockReply {
	const usage = { input_tokens: tokenCount(turn.prompt), output_tokens: tokenCount(text) };
	const id = 'msg_sim';
	if (!turn.stream) {
		return {
			json: { id, type: 'message', role: 'assistant', model: turn.model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage },
		};
	}
	const event = (data: Record<string, unknown>): SseEvent => ({ event: String(data.type), data: JSON.stringify(data) });
	return {
		sse: [
			event({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model: turn.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } }),
			event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
			event({ type: 'ping' }),
			...splitIntoDeltas(text).map((piece) => event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })),
			event({ type: 'content_block_stop', index: 0 }),
			event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
			event({ type: 'message_stop' }),
		],
	};
}

function geminiReply(turn: SimulatedTurn, text: string): MockReply {
	const prompt = tokenCount(turn.prompt);
	const usageMetadata = (completion: number) => ({ promptTokenCount: prompt, candidatesTokenCount: completion, totalTokenCount: prompt + completion });
	const response = (parts: string, finishReason: string | undefined, completion: number) => ({
		candidates: [{ content: { parts: [{ text: parts }], role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 }],
		usageMetadata: usageMetadata(completion),
		modelVersion: turn.model,
		responseId: 'sim-response',
	});
	if (!turn.stream) return { json: response(text, 'STOP', tokenCount(text)) };
	const pieces = splitIntoDeltas(text);
	let sent = '';
	return {
		sse: pieces.map((piece, index) => {
			sent += piece;
			return { data: JSON.stringify(response(piece, index === pieces.length - 1 ? 'STOP' : undefined, tokenCount(sent))) };
		}),
	};
}

function modelListReply(request: RecordedRequest): MockReply | undefined {
	if (request.method !== 'GET') return undefined;
	if (request.path.startsWith('/v1beta/models')) {
		return { json: { models: [{ name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', supportedGenerationMethods: ['generateContent'] }] } };
	}
	if (/\/models(\?|$)/.test(request.path)) {
		return { json: { object: 'list', data: [{ id: 'sim-model', object: 'model', created: 1_700_000_000, owned_by: 'simulator' }] } };
	}
	return undefined;
}

/** Answers an unscripted request the way the provider whose path it is would, with a deterministic text. */
export function simulateProviderReply(request: RecordedRequest): MockReply {
	const list = modelListReply(request);
	if (list) return list;
	const turn = turnOf(request);
	if (turn === undefined) return { status: 404, json: { error: { message: `no simulated route for ${request.method} ${request.path}` } } };
	const text = simulatedAnswerText(turn.model, turn.prompt);
	if (turn.format === 'anthropic') return anthropicReply(turn, text);
	if (turn.format === 'gemini') return geminiReply(turn, text);
	return openAiReply(turn, text);
}
