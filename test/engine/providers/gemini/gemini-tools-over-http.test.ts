import { geminiProvider } from '../../../../nodes/engine/providers/gemini/gemini-adapter';
import { geminiCallOfToolCallId } from '../../../../nodes/engine/providers/gemini/gemini-tool-call-id';
import { simulatedThoughtSignature } from '../../../mock-provider/gemini-wire';
import { simulatedAnswerFromToolResults } from '../../../mock-provider/simulated-tool-call';
import {
	afterToolCalls,
	WEATHER_PARAMETERS as PARAMETERS,
	WEATHER_QUESTION as ask,
	WEATHER_RESULT as RESULT,
	useWeatherToolCaller,
} from '../weather-tools';

/**
 * A two-turn tool conversation in OpenAI's shape against the mock Gemini 3, which signs its calls and refuses a
 * call given back without its signature: what Gemini received each turn, and the tool calls that came back.
 */

const { call, sentBodies } = useWeatherToolCaller(
	geminiProvider,
	'gemini-3-flash-preview',
	'AIza-gemini-tools-test-0123456789',
);

describe('a Gemini tool conversation over HTTP', () => {
	it.each([false, true])(
		'calls the function, takes its response with the signature back, answers with it (stream: %s)',
		async (stream) => {
			const first = await call([ask], stream);
			expect(first.finishReason).toBe('tool_calls');
			expect(first.toolCalls).toHaveLength(1);
			const [toolCall] = first.toolCalls ?? [];
			expect(toolCall).toMatchObject({
				type: 'function',
				function: { name: 'get_weather', arguments: '{"city":"simulated city"}' },
			});
			const { callId, thoughtSignature } = geminiCallOfToolCallId(toolCall.id);
			expect(callId).toMatch(/^call_[a-f0-9]{24}$/);
			expect(thoughtSignature).toBe(simulatedThoughtSignature('get_weather'));

			const second = await call(afterToolCalls(first.toolCalls ?? []), stream);
			expect(second.toolCalls).toBeUndefined();
			expect(second.finishReason).toBe('stop');
			expect(second.content).toBe(simulatedAnswerFromToolResults([RESULT]));

			const [firstBody, secondBody] = sentBodies();
			expect(firstBody.tools).toStrictEqual([
				{
					functionDeclarations: [
						{
							name: 'get_weather',
							description: 'Current weather',
							parametersJsonSchema: PARAMETERS,
						},
					],
				},
			]);
			expect(firstBody.toolConfig).toStrictEqual({ functionCallingConfig: { mode: 'AUTO' } });
			expect(secondBody.contents).toStrictEqual([
				{ role: 'user', parts: [{ text: 'Weather in Paris?' }] },
				{
					role: 'model',
					parts: [
						{
							functionCall: { id: callId, name: 'get_weather', args: { city: 'simulated city' } },
							thoughtSignature: simulatedThoughtSignature('get_weather'),
						},
					],
				},
				{
					role: 'user',
					parts: [
						{ functionResponse: { id: callId, name: 'get_weather', response: { result: RESULT } } },
					],
				},
			]);
		},
	);

	it('fails with INVALID_ARGUMENT when a call comes back with a signature Gemini did not give', async () => {
		const forged = `call_0__thought__${Buffer.from('forged').toString('base64url')}`;
		const calls = [
			{ id: forged, type: 'function' as const, function: { name: 'get_weather', arguments: '{}' } },
		];
		const broken = call(afterToolCalls(calls), false);
		await expect(broken).rejects.toMatchObject({
			kind: 'bad_request',
			httpStatus: 400,
			message: expect.stringContaining('Corrupted thought signature.'),
		});
	});
});
