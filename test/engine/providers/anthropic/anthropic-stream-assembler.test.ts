import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { createAnthropicStreamAssembler } from '../../../../nodes/engine/providers/anthropic/anthropic-stream-assembler';
import type { StreamAssembler } from '../../../../nodes/engine/providers/provider-adapter';
import { recordedChunks, recordedSseEvents } from '../../../fixtures/recorded';

const RECORDED_TEXT =
	"Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?";

function pushAll(assembler: StreamAssembler, payloads: unknown[]): string[] {
	return payloads.map((payload) =>
		assembler.push({ data: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
	);
}

function caught(action: () => unknown): FusionError {
	try {
		action();
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('expected a FusionError');
}

const messageStart = (usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }) => ({
	type: 'message_start',
	message: {
		id: 'msg_test',
		type: 'message',
		role: 'assistant',
		model: 'claude-haiku-4-5',
		content: [],
		stop_reason: null,
		stop_sequence: null,
		usage,
	},
});
const textDelta = (text: string) => ({
	type: 'content_block_delta',
	index: 0,
	delta: { type: 'text_delta', text },
});
const messageDelta = (stopReason: string | null, usage: Record<string, unknown>) => ({
	type: 'message_delta',
	delta: { stop_reason: stopReason, stop_sequence: null },
	usage,
});

describe('createAnthropicStreamAssembler', () => {
	it('replays the recorded stream into the full answer', () => {
		const assembler = createAnthropicStreamAssembler();
		const added = pushAll(assembler, recordedChunks('anthropic'));
		expect(added.join('')).toBe(RECORDED_TEXT);
		expect(added.filter((text) => text !== '')).toEqual([
			'Hello',
			'! I',
			"'m doing well, thank you for asking",
			'. How are you doing today?',
			' Is',
			' there anything I can help you with?',
		]);
		expect(assembler.finish()).toEqual({
			id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
			upstreamModel: 'claude-sonnet-4-5-20250929',
			content: RECORDED_TEXT,
			finishReason: 'stop',
			usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 },
		});
	});

	it('has ended at message_stop and not before', () => {
		const assembler = createAnthropicStreamAssembler();
		const chunks = recordedChunks('anthropic');
		expect(JSON.parse(chunks[chunks.length - 1])).toEqual({ type: 'message_stop' });
		for (const data of chunks.slice(0, -1)) {
			assembler.push({ data });
			expect(assembler.hasEnded()).toBe(false);
		}
		assembler.push({ data: chunks[chunks.length - 1] });
		expect(assembler.hasEnded()).toBe(true);
	});

	it('reads the type from the data whatever the SSE event name says', () => {
		const assembler = createAnthropicStreamAssembler();
		for (const event of recordedSseEvents('anthropic')) assembler.push(event);
		expect(assembler.finish().content).toBe(RECORDED_TEXT);
	});

	it('refuses to finish a stream that stopped before message_stop', () => {
		const chunks = recordedChunks('anthropic');
		expect(JSON.parse(chunks[chunks.length - 1])).toEqual({ type: 'message_stop' });
		const assembler = createAnthropicStreamAssembler();
		pushAll(assembler, chunks.slice(0, -1));
		const error = caught(() => assembler.finish());
		expect(error.kind).toBe('network');
		expect(error.message).toBe(
			'the Anthropic stream ended before message_stop; the answer is incomplete',
		);
	});

	it('throws the mapped error when an error event arrives mid-stream', () => {
		const assembler = createAnthropicStreamAssembler();
		expect(pushAll(assembler, [messageStart(), textDelta('Partial')])).toEqual(['', 'Partial']);
		const error = caught(() =>
			assembler.push({
				event: 'error',
				data: JSON.stringify({
					type: 'error',
					error: { type: 'overloaded_error', message: 'Overloaded' },
				}),
			}),
		);
		expect(error.kind).toBe('overloaded');
		expect(error.message).toBe('the Anthropic stream reported overloaded_error: Overloaded');
		expect(caught(() => assembler.finish()).kind).toBe('network');
	});

	it('rejects data that is not JSON', () => {
		const error = caught(() =>
			createAnthropicStreamAssembler().push({ data: '{"type":"content_block_delta",' }),
		);
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toContain('not JSON');
	});

	it('rejects an event without a type and a malformed known event', () => {
		expect(caught(() => createAnthropicStreamAssembler().push({ data: '{"delta":{}}' })).kind).toBe(
			'invalid_response',
		);
		const malformed = caught(() =>
			createAnthropicStreamAssembler().push({
				data: JSON.stringify({
					type: 'content_block_delta',
					index: 0,
					delta: { type: 'text_delta' },
				}),
			}),
		);
		expect(malformed.kind).toBe('invalid_response');
		expect(malformed.message).toContain('content_block_delta');
	});

	it('skips event types it does not know and deltas that carry no answer text', () => {
		const assembler = createAnthropicStreamAssembler();
		const added = pushAll(assembler, [
			messageStart(),
			{ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
			{ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } },
			{
				type: 'content_block_delta',
				index: 0,
				delta: { type: 'signature_delta', signature: 'abc' },
			},
			{ type: 'content_block_stop', index: 0 },
			{ type: 'a_future_event', payload: 1 },
			{ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
			{ type: 'ping' },
			textDelta('Answer'),
			{ type: 'content_block_stop', index: 1 },
			{
				type: 'content_block_start',
				index: 2,
				content_block: { type: 'tool_use', id: 't', name: 'n', input: {} },
			},
			{
				type: 'content_block_delta',
				index: 2,
				delta: { type: 'input_json_delta', partial_json: '{"a"' },
			},
			{ type: 'content_block_stop', index: 2 },
			messageDelta('tool_use', { output_tokens: 20 }),
			{ type: 'message_stop' },
		]);
		expect(added.join('')).toBe('Answer');
		const answer = assembler.finish();
		expect(answer.content).toBe('Answer');
		expect(answer.finishReason).toBe('tool_calls');
	});

	it('takes the latest cumulative counts from message_delta, including input tokens when present', () => {
		const assembler = createAnthropicStreamAssembler();
		pushAll(assembler, [
			messageStart({ input_tokens: 43, output_tokens: 1 }),
			textDelta('p'),
			messageDelta(null, { output_tokens: 5 }),
			textDelta('ong'),
			messageDelta('max_tokens', { input_tokens: 61, output_tokens: 9 }),
			{ type: 'message_stop' },
		]);
		const answer = assembler.finish();
		expect(answer.usage).toEqual({ prompt_tokens: 61, completion_tokens: 9, total_tokens: 70 });
		expect(answer.finishReason).toBe('length');
		expect(answer.content).toBe('pong');
	});

	it('counts cache tokens from message_start as prompt tokens', () => {
		const assembler = createAnthropicStreamAssembler();
		pushAll(assembler, [
			messageStart({
				input_tokens: 5,
				cache_creation_input_tokens: 20,
				cache_read_input_tokens: 100,
				output_tokens: 1,
			}),
			textDelta('ok'),
			messageDelta('end_turn', { output_tokens: 2 }),
			{ type: 'message_stop' },
		]);
		expect(assembler.finish().usage).toEqual({
			prompt_tokens: 125,
			completion_tokens: 2,
			total_tokens: 127,
			prompt_tokens_details: { cached_tokens: 100 },
		});
	});

	it('keeps each assembler separate', () => {
		const first = createAnthropicStreamAssembler();
		const second = createAnthropicStreamAssembler();
		pushAll(first, [
			messageStart(),
			textDelta('one'),
			messageDelta('end_turn', { output_tokens: 1 }),
			{ type: 'message_stop' },
		]);
		pushAll(second, [messageStart(), textDelta('two')]);
		expect(first.finish().content).toBe('one');
		expect(caught(() => second.finish()).kind).toBe('network');
	});
});
