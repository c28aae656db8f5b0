import {
	fusionErrorFromInBandError,
	openAiCompatibleErrorDetailFromBody,
} from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-error';

describe('openAiCompatibleErrorDetailFromBody', () => {
	describe('OpenAI-style bodies', () => {
		it("reads OpenAI's 401 for a wrong key as auth", () => {
			const body = {
				error: {
					message:
						'Incorrect API key provided: sk-proj-********************************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
					type: 'invalid_request_error',
					param: null,
					code: 'invalid_api_key',
				},
			};
			expect(openAiCompatibleErrorDetailFromBody(body)).toStrictEqual({
				message: body.error.message,
				code: 'invalid_api_key',
				kind: 'auth',
			});
		});

		it('reads insufficient_quota (sent as a 429) as auth, not as a rate limit', () => {
			const body = {
				error: {
					message:
						'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
					type: 'insufficient_quota',
					param: null,
					code: 'insufficient_quota',
				},
			};
			expect(openAiCompatibleErrorDetailFromBody(body)).toStrictEqual({
				message: body.error.message,
				code: 'insufficient_quota',
				kind: 'auth',
			});
		});

		it('reads context_length_exceeded as context_length', () => {
			const body = {
				error: {
					message:
						"This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
					type: 'invalid_request_error',
					param: 'messages',
					code: 'context_length_exceeded',
				},
			};
			expect(openAiCompatibleErrorDetailFromBody(body)).toStrictEqual({
				message: body.error.message,
				code: 'context_length_exceeded',
				kind: 'context_length',
			});
		});

		it('recognises an over-long prompt by its message when the code says nothing', () => {
			const detail = openAiCompatibleErrorDetailFromBody({
				error: {
					message:
						'Please reduce the length of the messages or completion: the context window is 8192 tokens.',
					type: 'invalid_request_error',
					code: null,
				},
			});
			expect(detail?.kind).toBe('context_length');
			expect(detail?.code).toBe('invalid_request_error');
		});

		it('leaves the kind to the HTTP status for an ordinary bad request', () => {
			const body = {
				error: {
					message:
						"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
					type: 'invalid_request_error',
					param: 'max_tokens',
					code: 'unsupported_parameter',
				},
			};
			expect(openAiCompatibleErrorDetailFromBody(body)).toStrictEqual({
				message: body.error.message,
				code: 'unsupported_parameter',
			});
		});

		it("reads OpenRouter's 402 (out of credits, a numeric code) as auth", () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					error: {
						code: 402,
						message: 'Insufficient credits. Add more using https://openrouter.ai/credits',
					},
				}),
			).toStrictEqual({
				message: 'Insufficient credits. Add more using https://openrouter.ai/credits',
				code: '402',
				kind: 'auth',
			});
		});

		it('reads a bare string error', () => {
			expect(openAiCompatibleErrorDetailFromBody({ error: 'model not found' })).toStrictEqual({
				message: 'model not found',
			});
		});
	});

	describe('Mistral bodies', () => {
		it('reads a plain message with its type and string code', () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					object: 'error',
					message: 'This model is not available in your subscription tier',
					type: 'tier_not_allowed',
					param: null,
					code: '1910',
					raw_status_code: 403,
				}),
			).toStrictEqual({
				message: 'This model is not available in your subscription tier',
				code: '1910',
			});
		});

		it('reads a 422 whose message is a validation detail object', () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					object: 'error',
					message: {
						detail: [
							{
								type: 'extra_forbidden',
								loc: ['body', 'max_completion_tokens'],
								msg: 'Extra inputs are not permitted',
								input: 32000,
							},
						],
					},
					type: 'invalid_request_error',
					param: null,
					code: null,
				}),
			).toStrictEqual({
				message: 'max_completion_tokens: Extra inputs are not permitted',
				code: 'invalid_request_error',
			});
		});

		it('reads a 422 whose message is the detail list, with a numeric code', () => {
			const item = {
				type: 'extra_forbidden',
				loc: ['body', 'tools'],
				msg: 'Extra inputs are not permitted',
				input: [],
			};
			expect(
				openAiCompatibleErrorDetailFromBody({
					object: 'Error',
					detail: [item],
					message: [item],
					type: 'invalid_request_error',
					code: 3001,
				}),
			).toStrictEqual({ message: 'tools: Extra inputs are not permitted', code: '3001' });
		});

		it('decodes a validation detail sent JSON-encoded inside the message', () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					object: 'error',
					message:
						'{"detail":[{"type":"extra_forbidden","loc":["body","frequency_penalty"],"msg":"Extra inputs are not permitted","input":0.0}]}',
					type: 'internal_error_proxy',
					param: null,
					code: '1000',
				}),
			).toStrictEqual({
				message: 'frequency_penalty: Extra inputs are not permitted',
				code: '1000',
			});
		});

		it('joins several validation items with their locations', () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					detail: [
						{
							type: 'extra_forbidden',
							loc: ['body', 'messages', 0, 'user', 'name'],
							msg: 'Extra inputs are not permitted',
						},
						{ type: 'missing', loc: ['body', 'model'], msg: 'Field required' },
					],
				}),
			).toStrictEqual({
				message: 'messages.0.user.name: Extra inputs are not permitted; model: Field required',
			});
		});

		it('reads an over-long prompt as context_length', () => {
			expect(
				openAiCompatibleErrorDetailFromBody({
					object: 'error',
					message:
						'Prompt contains 40011 tokens and 0 draft tokens, too large for model with 32768 maximum context length',
					type: 'invalid_request_message_error',
					param: null,
					code: '3051',
				})?.kind,
			).toBe('context_length');
		});

		it('reads a bare {detail: string} and a bare {message}', () => {
			expect(openAiCompatibleErrorDetailFromBody({ detail: 'Not Found' })).toStrictEqual({
				message: 'Not Found',
			});
			expect(
				openAiCompatibleErrorDetailFromBody({ message: 'Unauthorized', request_id: 'a1b2' }),
			).toStrictEqual({
				message: 'Unauthorized',
			});
		});
	});

	describe('other bodies', () => {
		it('says nothing for an unknown shape', () => {
			expect(openAiCompatibleErrorDetailFromBody({ status: 'failed' })).toBeUndefined();
			expect(openAiCompatibleErrorDetailFromBody(undefined)).toBeUndefined();
		});
	});
});

describe('fusionErrorFromInBandError', () => {
	it('counts an error without an HTTP status as a server failure', () => {
		const error = fusionErrorFromInBandError({
			code: 'server_error',
			message: 'Provider disconnected unexpectedly',
		});
		expect(error.kind).toBe('server');
		expect(error.httpStatus).toBeUndefined();
	});

	it('lets a numeric code decide, and the body still wins over it', () => {
		expect(fusionErrorFromInBandError({ code: 503, message: 'No endpoints available' }).kind).toBe(
			'overloaded',
		);
		expect(fusionErrorFromInBandError({ code: 402, message: 'Insufficient credits' }).kind).toBe(
			'auth',
		);
		expect(
			fusionErrorFromInBandError({ code: 400, message: 'maximum context length is 8192 tokens' })
				.kind,
		).toBe('context_length');
	});
});
