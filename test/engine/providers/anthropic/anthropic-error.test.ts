import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import {
	anthropicErrorDetailFromBody,
	fusionErrorFromAnthropicStreamError,
} from '../../../../nodes/engine/providers/anthropic/anthropic-error';

function errorBody(type: string, message: string) {
	return { type: 'error' as const, error: { type, message } };
}

describe('anthropicErrorDetailFromBody', () => {
	it.each([
		['authentication_error', 'invalid x-api-key', 'auth'],
		[
			'permission_error',
			'Your API key does not have permission to use the specified resource.',
			'auth',
		],
		['billing_error', 'Your credit balance is too low to access the Anthropic API.', 'auth'],
		['not_found_error', 'model: claude-nonexistent', 'not_found'],
		[
			'rate_limit_error',
			'Number of request tokens has exceeded your per-minute rate limit',
			'rate_limit',
		],
		['overloaded_error', 'Overloaded', 'overloaded'],
		['api_error', 'Internal server error', 'server'],
		['timeout_error', 'Request timeout', 'timeout'],
		['request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'context_length'],
		[
			'invalid_request_error',
			'prompt is too long: 210000 tokens > 200000 maximum',
			'context_length',
		],
		[
			'invalid_request_error',
			'input length and `max_tokens` exceed context limit: 197000 + 4096 > 200000, decrease input length or `max_tokens` and try again',
			'context_length',
		],
		['invalid_request_error', 'max_tokens: Field required', 'bad_request'],
	])('maps %s ("%s") to %s', (type, message, kind) => {
		expect(
			anthropicErrorDetailFromBody({ ...errorBody(type, message), request_id: 'req_1' }),
		).toEqual({
			message,
			code: type,
			kind,
		});
	});

	it('keeps the message and code of an error type it does not know, leaving the kind to the HTTP status', () => {
		expect(anthropicErrorDetailFromBody(errorBody('conflict_error', 'Conflict'))).toEqual({
			message: 'Conflict',
			code: 'conflict_error',
		});
	});

	it('returns undefined for a body it does not recognise', () => {
		expect(anthropicErrorDetailFromBody({ error: 'something' })).toBeUndefined();
		expect(
			anthropicErrorDetailFromBody({ type: 'error', error: { type: 'api_error' } }),
		).toBeUndefined();
		expect(anthropicErrorDetailFromBody(null)).toBeUndefined();
		expect(anthropicErrorDetailFromBody(42)).toBeUndefined();
	});
});

describe('fusionErrorFromAnthropicStreamError', () => {
	it('maps the error type to the kind and keeps the provider message', () => {
		const error = fusionErrorFromAnthropicStreamError(errorBody('overloaded_error', 'Overloaded'));
		expect(error).toBeInstanceOf(FusionError);
		expect(error.kind).toBe('overloaded');
		expect(error.message).toBe('the Anthropic stream reported overloaded_error: Overloaded');
	});

	it('treats an unknown error type in a stream as a server failure', () => {
		expect(
			fusionErrorFromAnthropicStreamError(errorBody('brand_new_error', 'Something')).kind,
		).toBe('server');
	});

	it('uses the context-length rule for invalid_request_error', () => {
		expect(
			fusionErrorFromAnthropicStreamError(
				errorBody('invalid_request_error', 'prompt is too long: 1 > 0'),
			).kind,
		).toBe('context_length');
	});
});
