import {
	fusionErrorFromGeminiStreamError,
	geminiErrorDetailFromBody,
} from '../../../../nodes/engine/providers/gemini/gemini-error';

function errorBody(status: string, message: string, code = 400, details?: unknown[]) {
	return { error: { code, message, status, ...(details === undefined ? {} : { details }) } };
}

describe('geminiErrorDetailFromBody', () => {
	it.each([
		['UNAUTHENTICATED', 401, 'auth'],
		['PERMISSION_DENIED', 403, 'auth'],
		['RESOURCE_EXHAUSTED', 429, 'rate_limit'],
		['UNAVAILABLE', 503, 'overloaded'],
		['INTERNAL', 500, 'server'],
		['DEADLINE_EXCEEDED', 504, 'timeout'],
		['NOT_FOUND', 404, 'not_found'],
		['INVALID_ARGUMENT', 400, 'bad_request'],
		['FAILED_PRECONDITION', 400, 'bad_request'],
	])('maps status %s to %s', (status, code, kind) => {
		expect(
			geminiErrorDetailFromBody(errorBody(status, 'Something went wrong.', code)),
		).toStrictEqual({
			message: 'Something went wrong.',
			code: status,
			kind,
		});
	});

	it('recognises the 400 Gemini answers for a wrong key by its ErrorInfo reason', () => {
		const body = errorBody(
			'INVALID_ARGUMENT',
			'API key not valid. Please pass a valid API key.',
			400,
			[
				{
					'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
					reason: 'API_KEY_INVALID',
					domain: 'googleapis.com',
					metadata: { service: 'generativelanguage.googleapis.com' },
				},
				{
					'@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
					locale: 'en-US',
					message: 'API key not valid. Please pass a valid API key.',
				},
			],
		);
		expect(geminiErrorDetailFromBody(body)).toStrictEqual({
			message: 'API key not valid. Please pass a valid API key.',
			code: 'INVALID_ARGUMENT',
			kind: 'auth',
		});
	});

	it('keeps an INVALID_ARGUMENT with another ErrorInfo reason a bad request', () => {
		const body = errorBody(
			'INVALID_ARGUMENT',
			'Penalty is not enabled for models/gemini-2.5-flash',
			400,
			[
				{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [] },
				{ reason: 'SOMETHING_ELSE' },
			],
		);
		expect(geminiErrorDetailFromBody(body)?.kind).toBe('bad_request');
	});

	it('recognises an over-long prompt by its message', () => {
		const body = errorBody(
			'INVALID_ARGUMENT',
			'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
		);
		expect(geminiErrorDetailFromBody(body)?.kind).toBe('context_length');
	});

	it('leaves the kind to the HTTP status for a status it does not know, or none', () => {
		expect(geminiErrorDetailFromBody(errorBody('ABORTED', 'Try again.', 409))).toStrictEqual({
			message: 'Try again.',
			code: 'ABORTED',
		});
		expect(geminiErrorDetailFromBody({ error: { message: 'Bare error.' } })).toStrictEqual({
			message: 'Bare error.',
		});
	});

	it('reads the error wrapped in a one-element array', () => {
		const body = [
			errorBody('RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', 429),
		];
		expect(geminiErrorDetailFromBody(body)).toStrictEqual({
			message: 'Resource has been exhausted (e.g. check quota).',
			code: 'RESOURCE_EXHAUSTED',
			kind: 'rate_limit',
		});
	});

	it('gives up on a body of another shape', () => {
		expect(geminiErrorDetailFromBody(undefined)).toBeUndefined();
		expect(geminiErrorDetailFromBody({ message: 'not wrapped in error' })).toBeUndefined();
		expect(geminiErrorDetailFromBody({ error: 'just a string' })).toBeUndefined();
		expect(
			geminiErrorDetailFromBody([errorBody('INTERNAL', 'a'), errorBody('INTERNAL', 'b')]),
		).toBeUndefined();
	});
});

describe('fusionErrorFromGeminiStreamError', () => {
	it('maps the status, names it in the message and marks the provider', () => {
		const error = fusionErrorFromGeminiStreamError(
			errorBody('UNAVAILABLE', 'The model is overloaded.', 503),
		);
		expect(error.kind).toBe('overloaded');
		expect(error.message).toBe('the Gemini stream reported UNAVAILABLE: The model is overloaded.');
	});

	it('falls back to the error code, then to server', () => {
		expect(
			fusionErrorFromGeminiStreamError({ error: { code: 429, message: 'Slow down.' } }).kind,
		).toBe('rate_limit');
		expect(fusionErrorFromGeminiStreamError(errorBody('ABORTED', 'Conflict.', 409)).kind).toBe(
			'bad_request',
		);
		expect(fusionErrorFromGeminiStreamError({ error: { message: 'Unknown.' } }).kind).toBe(
			'server',
		);
	});
});
