import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { fromAnthropicResponse } from '../../../../nodes/engine/providers/anthropic/from-anthropic-response';
import { recordedResponse } from '../../../fixtures/recorded';

function response(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: 'msg_1',
		type: 'message',
		role: 'assistant',
		model: 'claude-haiku-4-5',
		content: [{ type: 'text', text: 'Hi' }],
		stop_reason: 'end_turn',
		stop_sequence: null,
		usage: { input_tokens: 3, output_tokens: 2 },
		...overrides,
	};
}

function thrown(body: unknown): FusionError {
	try {
		fromAnthropicResponse(body);
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('fromAnthropicResponse did not throw');
}

describe('fromAnthropicResponse', () => {
	it('translates the recorded response', () => {
		expect(fromAnthropicResponse(recordedResponse('anthropic'))).toEqual({
			id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
			upstreamModel: 'claude-sonnet-4-5-20250929',
			content:
				"Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
			finishReason: 'stop',
			usage: { prompt_tokens: 12, completion_tokens: 29, total_tokens: 41 },
		});
	});

	it('counts cache writes and reads as prompt tokens', () => {
		const answer = fromAnthropicResponse(
			response({
				usage: {
					input_tokens: 5,
					cache_creation_input_tokens: 200,
					cache_read_input_tokens: 1000,
					output_tokens: 7,
				},
			}),
		);
		expect(answer.usage).toEqual({
			prompt_tokens: 1205,
			completion_tokens: 7,
			total_tokens: 1212,
			prompt_tokens_details: { cached_tokens: 1000 },
		});
	});

	it('accepts null cache counters', () => {
		const answer = fromAnthropicResponse(
			response({
				usage: {
					input_tokens: 5,
					cache_creation_input_tokens: null,
					cache_read_input_tokens: null,
					output_tokens: 1,
				},
			}),
		);
		expect(answer.usage).toEqual({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 });
	});

	it('joins the text blocks and skips thinking and tool blocks', () => {
		const answer = fromAnthropicResponse(
			response({
				content: [
					{ type: 'thinking', thinking: 'Let me look it up.', signature: 'sig' },
					{ type: 'text', text: 'Looking it up. ' },
					{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
					{ type: 'text', text: 'Done.' },
				],
				stop_reason: 'tool_use',
			}),
		);
		expect(answer.content).toBe('Looking it up. Done.');
		expect(answer.finishReason).toBe('tool_calls');
	});

	it('maps stop reasons', () => {
		expect(fromAnthropicResponse(response({ stop_reason: 'max_tokens' })).finishReason).toBe(
			'length',
		);
		expect(fromAnthropicResponse(response({ stop_reason: null })).finishReason).toBe('stop');
	});

	it('rejects a body without usage, naming the field', () => {
		const error = thrown(response({ usage: undefined }));
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toBe(
			'the Anthropic response is not a Messages API answer (usage: Required)',
		);
	});

	it('rejects a text block without text', () => {
		const error = thrown(response({ content: [{ type: 'text' }] }));
		expect(error.kind).toBe('invalid_response');
		expect(error.message).toContain('content[0]');
	});

	it('rejects an error body and a non-object body', () => {
		expect(
			thrown({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } })
				.kind,
		).toBe('invalid_response');
		expect(thrown('<html>Bad gateway</html>').kind).toBe('invalid_response');
		expect(thrown(null).kind).toBe('invalid_response');
	});
});
