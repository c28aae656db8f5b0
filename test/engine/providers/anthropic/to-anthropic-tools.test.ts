import { anthropicRequestGap } from '../../../../nodes/engine/providers/anthropic/anthropic-request-gap';
import { toAnthropicRequest } from '../../../../nodes/engine/providers/anthropic/to-anthropic-request';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { thrownFusionError } from '../../../helpers/thrown-fusion-error';
import { clockTool, weatherTool } from '../weather-tools';

const WEATHER_PARAMETERS = {
	type: 'object',
	properties: { city: { type: 'string', minLength: 1 } },
	required: ['city'],
	additionalProperties: false,
};
const weather = weatherTool(WEATHER_PARAMETERS);
const clock = clockTool;

function convert(overrides: Partial<ModelCallRequest>) {
	return toAnthropicRequest({
		model: 'claude-sonnet-4-5',
		messages: [{ role: 'user', content: 'Weather in Paris?' }],
		stream: false,
		tools: [weather, clock],
		...overrides,
	});
}

describe('toAnthropicRequest with tools', () => {
	it('sends each function as a tool with its schema as input_schema, and an object schema where there is none', () => {
		const { body, warnings } = convert({});
		expect(body.tools).toStrictEqual([
			{ name: 'get_weather', description: 'Current weather', input_schema: WEATHER_PARAMETERS },
			{ name: 'get_time', input_schema: { type: 'object', properties: {} } },
		]);
		expect(body).not.toHaveProperty('tool_choice');
		expect(warnings).toEqual([]);
	});

	it.each([
		['auto', { type: 'auto' }],
		['required', { type: 'any' }],
		['none', { type: 'none' }],
		[
			{ type: 'function', function: { name: 'get_time' } },
			{ type: 'tool', name: 'get_time' },
		],
	] as const)('maps tool_choice %j to %j', (toolChoice, expected) => {
		expect(convert({ tool_choice: toolChoice }).body.tool_choice).toStrictEqual(expected);
	});

	it('folds parallel_tool_calls false into tool_choice, which it creates when the request has none', () => {
		expect(convert({ parallel_tool_calls: false }).body.tool_choice).toStrictEqual({
			type: 'auto',
			disable_parallel_tool_use: true,
		});
		expect(
			convert({ parallel_tool_calls: false, tool_choice: 'required' }).body.tool_choice,
		).toStrictEqual({ type: 'any', disable_parallel_tool_use: true });
		expect(
			convert({ parallel_tool_calls: false, tool_choice: 'none' }).body.tool_choice,
		).toStrictEqual({
			type: 'none',
		});
		expect(convert({ parallel_tool_calls: true }).body).not.toHaveProperty('tool_choice');
	});

	it('sends strict as strict tool use where the model has structured outputs, with the limits moved into descriptions', () => {
		const { body, warnings } = convert({
			tools: [weatherTool(WEATHER_PARAMETERS, true)],
		});
		expect(body.tools).toStrictEqual([
			{
				name: 'get_weather',
				description: 'Current weather',
				strict: true,
				input_schema: {
					type: 'object',
					properties: { city: { type: 'string', description: 'minLength: 1.' } },
					required: ['city'],
					additionalProperties: false,
				},
			},
		]);
		expect(warnings).toEqual([
			"Anthropic's strict tool use does not enforce minLength (tools[0]); they were sent as descriptions",
		]);
	});

	it('sends the tool without strict, with a warning, on an older model or for an open object', () => {
		const strictTool = weatherTool(WEATHER_PARAMETERS, true);
		const older = convert({ model: 'claude-sonnet-4-0', tools: [strictTool] });
		expect(older.body.tools?.[0]).not.toHaveProperty('strict');
		expect(older.body.tools?.[0].input_schema).toBe(WEATHER_PARAMETERS);
		expect(older.warnings).toEqual([
			'tools[0].function.strict was not sent: this Anthropic model has no strict tool use',
		]);
		const labels = { type: 'object', additionalProperties: { type: 'string' } };
		const open = convert({
			tools: [{ type: 'function', function: { name: 'tag', parameters: labels, strict: true } }],
		});
		expect(open.body.tools?.[0]).not.toHaveProperty('strict');
		expect(open.warnings).toEqual([
			"tools[0].function.strict was not sent: the parameters have an object open to further properties, which Anthropic's strict tool use cannot express",
		]);
		const noParameters = convert({
			tools: [{ ...clock, function: { ...clock.function, strict: true } }],
		});
		expect(noParameters.body.tools?.[0]).toStrictEqual({
			name: 'get_time',
			strict: true,
			input_schema: { type: 'object', properties: {}, additionalProperties: false },
		});
	});

	it('turns thinking off, with a warning, when tool_choice forces a call', () => {
		const { body, warnings } = convert({ tool_choice: 'required', reasoning_effort: 'high' });
		expect(body).not.toHaveProperty('thinking');
		expect(warnings).toContain(
			'reasoning_effort was not sent: tool_choice makes the model call a tool, and Anthropic does not allow thinking then',
		);
		expect(convert({ tool_choice: 'auto', reasoning_effort: 'high' }).body.thinking).toEqual({
			type: 'enabled',
			budget_tokens: 16_384,
		});
	});

	it("does not think on in a tool loop on a budget model, whose last turn's thinking block is lost", () => {
		const messages: ModelCallRequest['messages'] = [
			{ role: 'user', content: 'Weather in Paris?' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'toolu_1',
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
					},
				],
			},
			{ role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
		];
		const budget = convert({ messages, reasoning_effort: 'low' });
		expect(budget.body).not.toHaveProperty('thinking');
		expect(budget.warnings[0]).toContain('the conversation continues a tool call');
		const adaptive = convert({ model: 'claude-opus-4-6', messages, reasoning_effort: 'low' });
		expect(adaptive.body.thinking).toEqual({ type: 'adaptive' });
	});

	it('combines tools with a json_schema answered by structured outputs', () => {
		const { body } = convert({
			response_format: {
				type: 'json_schema',
				json_schema: { name: 'report', schema: WEATHER_PARAMETERS },
			},
		});
		expect(body.output_config?.format?.type).toBe('json_schema');
		expect(body.tools?.map((tool) => tool.name)).toEqual(['get_weather', 'get_time']);
	});

	it('refuses tools beside a response format that needs the forced JSON tool, before anything is sent', () => {
		const request: ModelCallRequest = {
			model: 'claude-sonnet-4-5',
			messages: [{ role: 'user', content: 'Go' }],
			stream: false,
			tools: [weather],
			response_format: { type: 'json_object' },
		};
		const gap = anthropicRequestGap(request);
		expect(gap).toContain("leaves no room for the request's tools");
		const error = thrownFusionError(() => toAnthropicRequest(request));
		expect(error.kind).toBe('bad_request');
		expect(error.message).toBe(gap);
		expect(anthropicRequestGap({ ...request, tools: undefined })).toBeUndefined();
	});
});
