import { geminiRequestGap } from '../../../../nodes/engine/providers/gemini/gemini-request-gap';
import { toGeminiRequest } from '../../../../nodes/engine/providers/gemini/to-gemini-request';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { thrownFusionError } from '../../../helpers/thrown-fusion-error';
import { clockTool, weatherTool } from '../weather-tools';
import { modelCallRequest } from '../model-call-request';

const WEATHER_PARAMETERS = {
	type: 'object',
	properties: { city: { type: ['string', 'null'] } },
	required: ['city'],
	additionalProperties: false,
};
const weather = weatherTool(WEATHER_PARAMETERS);
const clock = clockTool;

const convert = (model: string, overrides: Partial<ModelCallRequest> = {}) =>
	toGeminiRequest(modelCallRequest(model, { tools: [weather, clock], ...overrides }));

describe('toGeminiRequest with tools', () => {
	it('declares the functions with their JSON Schema as parametersJsonSchema, and calls them in AUTO mode', () => {
		const { body, warnings } = convert('gemini-2.5-flash');
		expect(body.tools).toStrictEqual([
			{
				functionDeclarations: [
					{
						name: 'get_weather',
						description: 'Current weather',
						parametersJsonSchema: WEATHER_PARAMETERS,
					},
					{ name: 'get_time' },
				],
			},
		]);
		expect(body.toolConfig).toStrictEqual({ functionCallingConfig: { mode: 'AUTO' } });
		expect(warnings).toEqual([]);
	});

	it('converts the parameters to the OpenAPI subset for an older model, naming what was dropped', () => {
		const { body, warnings } = convert('gemini-2.0-flash');
		expect(body.tools?.[0].functionDeclarations[0]).toStrictEqual({
			name: 'get_weather',
			description: 'Current weather',
			parameters: {
				type: 'object',
				properties: { city: { type: 'string', nullable: true } },
				propertyOrdering: ['city'],
				required: ['city'],
			},
		});
		expect(warnings).toEqual([
			"Google Gemini model gemini-2.0-flash takes a function's parameters in the OpenAPI subset only; tools[0].function.parameters was sent without additionalProperties",
		]);
	});

	it.each([
		['none', { mode: 'NONE' }],
		['required', { mode: 'ANY' }],
		[
			{ type: 'function', function: { name: 'get_time' } },
			{ mode: 'ANY', allowedFunctionNames: ['get_time'] },
		],
	] as const)('maps tool_choice %j to functionCallingConfig %j', (toolChoice, expected) => {
		expect(
			convert('gemini-3-flash-preview', { tool_choice: toolChoice }).body.toolConfig,
		).toStrictEqual({
			functionCallingConfig: expected,
		});
	});

	it('holds calls to their schema in VALIDATED mode for strict, with a warning where the model has no such mode', () => {
		const strict = [weatherTool(WEATHER_PARAMETERS, true)];
		expect(convert('gemini-2.5-pro', { tools: strict }).body.toolConfig).toStrictEqual({
			functionCallingConfig: { mode: 'VALIDATED' },
		});
		const older = convert('gemini-2.0-flash', { tools: strict });
		expect(older.body.toolConfig).toStrictEqual({ functionCallingConfig: { mode: 'AUTO' } });
		expect(older.warnings).toContain(
			'strict is not supported by Google Gemini model gemini-2.0-flash: its function calls are not held to their schemas',
		);
	});

	it('warns that parallel_tool_calls false cannot be sent', () => {
		expect(convert('gemini-2.5-flash', { parallel_tool_calls: false }).warnings).toEqual([
			'parallel_tool_calls false is not supported by Google Gemini and was not sent: the model may call several functions at once',
		]);
		expect(convert('gemini-2.5-flash', { parallel_tool_calls: true }).warnings).toEqual([]);
	});

	it('refuses tools beside a JSON response format where Gemini does, before anything is sent', () => {
		const json: Partial<ModelCallRequest> = { response_format: { type: 'json_object' } };
		const older = modelCallRequest('gemini-2.5-flash', { tools: [weather], ...json });
		expect(geminiRequestGap(older)).toBe(
			'Google Gemini model gemini-2.5-flash cannot combine tools with a JSON response_format (Gemini 3 and later can)',
		);
		expect(thrownFusionError(() => toGeminiRequest(older)).kind).toBe('bad_request');
		const forced = modelCallRequest('gemini-3-flash-preview', {
			tools: [weather],
			tool_choice: 'required',
			...json,
		});
		expect(geminiRequestGap(forced)).toBe(
			'Google Gemini cannot combine a JSON response_format with a tool_choice that forces a call',
		);
		const gemini3 = modelCallRequest('gemini-3-flash-preview', { tools: [weather], ...json });
		expect(geminiRequestGap(gemini3)).toBeUndefined();
		expect(toGeminiRequest(gemini3).body.generationConfig?.responseMimeType).toBe(
			'application/json',
		);
	});
});
