import type { MockReply, RecordedRequest } from './mock-provider-server';
import { simulatedThoughtSignature } from './gemini-wire';
import { simulateProviderReply } from './provider-simulator';

/** The simulated Gemini with functions: it calls one until a response is back, signed, and refuses broken tool turns. */

const WEATHER = {
	name: 'get_weather',
	parametersJsonSchema: {
		type: 'object',
		properties: { city: { type: 'string' } },
		required: ['city'],
	},
};

const post = (model: string, body: Record<string, unknown>, stream = false): RecordedRequest => ({
	method: 'POST',
	path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
	headers: {},
	body: { tools: [{ functionDeclarations: [WEATHER] }], ...body },
	receivedAt: 0,
});

const ask = { role: 'user', parts: [{ text: 'Weather in Paris?' }] };
const call = (thoughtSignature?: string) => ({
	role: 'model',
	parts: [
		{
			functionCall: { id: 'c1', name: 'get_weather', args: { city: 'Paris' } },
			...(thoughtSignature === undefined ? {} : { thoughtSignature }),
		},
	],
});
const response = (...names: string[]) => ({
	role: 'user',
	parts: names.map((name) => ({ functionResponse: { name, response: { result: '18°C' } } })),
});

function refusal(reply: MockReply): string | undefined {
	if (!('json' in reply) || reply.status !== 400) return undefined;
	expect(reply.json).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
	return (reply.json as { error: { message: string } }).error.message;
}

describe('the Gemini wire with functions', () => {
	it('calls the first function, whole and signed, with args that fit its schema', () => {
		const reply = simulateProviderReply(post('gemini-3-flash-preview', { contents: [ask] }));
		expect(reply).toMatchObject({
			json: {
				candidates: [
					{
						content: {
							parts: [
								{
									functionCall: { name: 'get_weather', args: { city: 'simulated city' } },
									thoughtSignature: simulatedThoughtSignature('get_weather'),
								},
							],
						},
						finishReason: 'STOP',
					},
				],
			},
		});
	});

	it('streams the call in one chunk and the finish reason in an empty one after it', () => {
		const reply = simulateProviderReply(post('gemini-2.5-flash', { contents: [ask] }, true));
		const chunks = (reply as { sse: Array<{ data: string }> }).sse.map((event) =>
			JSON.parse(event.data),
		);
		expect(chunks).toHaveLength(2);
		expect(chunks[0].candidates[0].content.parts[0].functionCall.name).toBe('get_weather');
		expect(chunks[0].candidates[0]).not.toHaveProperty('finishReason');
		expect(chunks[1].candidates[0]).toMatchObject({
			content: { parts: [{ text: '' }] },
			finishReason: 'STOP',
		});
	});

	it('calls the one allowed function in ANY mode, and none in NONE mode', () => {
		const clock = { name: 'get_time' };
		const forced = simulateProviderReply(
			post('gemini-2.5-flash', {
				contents: [ask],
				tools: [{ functionDeclarations: [WEATHER, clock] }],
				toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_time'] } },
			}),
		);
		expect(forced).toMatchObject({
			json: {
				candidates: [{ content: { parts: [{ functionCall: { name: 'get_time', args: {} } }] } }],
			},
		});
		const none = simulateProviderReply(
			post('gemini-2.5-flash', {
				contents: [ask],
				toolConfig: { functionCallingConfig: { mode: 'NONE' } },
			}),
		);
		expect(none).toMatchObject({
			json: { candidates: [{ content: { parts: [{ text: expect.any(String) }] } }] },
		});
	});

	it('answers with the responses once they are back', () => {
		const reply = simulateProviderReply(
			post('gemini-3-flash-preview', {
				contents: [ask, call(simulatedThoughtSignature('get_weather')), response('get_weather')],
			}),
		);
		expect(reply).toMatchObject({
			json: { candidates: [{ content: { parts: [{ text: 'Using the tool results: 18°C' }] } }] },
		});
	});

	it.each([
		[
			'a function response with no call turn before it',
			'gemini-2.5-flash',
			[ask, response('get_weather')],
			'Please ensure that function response turn comes immediately after a function call turn.',
		],
		[
			'more function responses than calls',
			'gemini-2.5-flash',
			[ask, call(), response('get_weather', 'get_weather')],
			'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
		],
		[
			'a Gemini 3 call without its thought signature',
			'gemini-3-flash-preview',
			[ask, call(), response('get_weather')],
			/^Function call is missing a thought_signature in functionCall parts/,
		],
		[
			'a signature Gemini did not give',
			'gemini-3-flash-preview',
			[ask, call('bm90IG1pbmU='), response('get_weather')],
			'Corrupted thought signature.',
		],
	])('refuses %s with 400 INVALID_ARGUMENT', (_, model, contents, expected) => {
		const message = refusal(simulateProviderReply(post(model, { contents })));
		if (typeof expected === 'string') expect(message).toBe(expected);
		else expect(message).toMatch(expected);
	});

	it('refuses functions beside a JSON answer before Gemini 3, and in ANY mode on Gemini 3', () => {
		const json = { contents: [ask], generationConfig: { responseMimeType: 'application/json' } };
		expect(refusal(simulateProviderReply(post('gemini-2.5-flash', json)))).toBe(
			"Function calling with a response mime type: 'application/json' is unsupported",
		);
		expect(
			refusal(
				simulateProviderReply(
					post('gemini-3-flash-preview', {
						...json,
						toolConfig: { functionCallingConfig: { mode: 'ANY' } },
					}),
				),
			),
		).toBe(
			"Forced function calling (ANY mode) with a response mime type: 'application/json' is unsupported",
		);
		expect(refusal(simulateProviderReply(post('gemini-3-flash-preview', json)))).toBeUndefined();
	});
});
