import { anthropicProvider } from '../../../../nodes/engine/providers/anthropic/anthropic-adapter';
import { simulatedAnswerFromToolResults } from '../../../mock-provider/simulated-tool-call';
import {
	afterToolCalls,
	WEATHER_PARAMETERS as PARAMETERS,
	WEATHER_QUESTION as ask,
	WEATHER_RESULT as RESULT,
	useWeatherToolCaller,
} from '../weather-tools';

/**
 * A two-turn tool conversation in OpenAI's shape against the mock Anthropic, as strict as Anthropic on tool
 * turns: what Anthropic received each turn, and the OpenAI-shaped tool calls that came back.
 */

const { call, sentBodies } = useWeatherToolCaller(
	anthropicProvider,
	'claude-sonnet-4-5',
	'sk-ant-tools-test-0123456789',
);

describe('an Anthropic tool conversation over HTTP', () => {
	it.each([false, true])(
		'calls the tool, takes its result, answers with it (stream: %s)',
		async (stream) => {
			const first = await call([ask], stream);
			expect(first.finishReason).toBe('tool_calls');
			expect(first.toolCalls).toStrictEqual([
				{
					id: 'toolu_sim',
					type: 'function',
					function: { name: 'get_weather', arguments: '{"city":"simulated city"}' },
				},
			]);

			const second = await call(afterToolCalls(first.toolCalls ?? []), stream);
			expect(second.toolCalls).toBeUndefined();
			expect(second.finishReason).toBe('stop');
			expect(second.content).toBe(simulatedAnswerFromToolResults([RESULT]));

			const [firstBody, secondBody] = sentBodies();
			expect(firstBody.tools).toStrictEqual([
				{ name: 'get_weather', description: 'Current weather', input_schema: PARAMETERS },
			]);
			expect(firstBody.messages).toStrictEqual([{ role: 'user', content: 'Weather in Paris?' }]);
			expect(secondBody.messages).toStrictEqual([
				{ role: 'user', content: 'Weather in Paris?' },
				{
					role: 'assistant',
					content: [
						{
							type: 'tool_use',
							id: 'toolu_sim',
							name: 'get_weather',
							input: { city: 'simulated city' },
						},
					],
				},
				{
					role: 'user',
					content: [{ type: 'tool_result', tool_use_id: 'toolu_sim', content: RESULT }],
				},
			]);
		},
	);

	it("fails with Anthropic's own words when a tool result answers no call of the turn before", async () => {
		const calls = [
			{
				id: 'toolu_a',
				type: 'function' as const,
				function: { name: 'get_weather', arguments: '{}' },
			},
		];
		const broken = call(afterToolCalls(calls, 'toolu_b'), false);
		await expect(broken).rejects.toMatchObject({
			kind: 'bad_request',
			httpStatus: 400,
			message: expect.stringContaining(
				'unexpected `tool_use_id` found in `tool_result` blocks: toolu_b',
			),
		});
	});
});
