import { parseUnifiedRequest } from '../../../nodes/engine/request/unified-request';
import { WEATHER_TOOL, weatherConversation } from '../../fixtures/weather-tool';
import { issuesOf } from './issues-of';

const weather = WEATHER_TOOL;

const valid = {
	model: 'openai/gpt-4o',
	messages: [{ role: 'user', content: 'Weather in Paris?' }],
	tools: [weather],
};

const toolTurn = weatherConversation('call_1', '{"celsius":21}');

describe('parseUnifiedRequest: tools', () => {
	it('keeps tools, every tool_choice and parallel_tool_calls', () => {
		for (const tool_choice of [
			'auto',
			'none',
			'required',
			{ type: 'function', function: { name: 'get_weather' } },
		]) {
			const result = parseUnifiedRequest({ ...valid, tool_choice, parallel_tool_calls: false });
			expect(result).toEqual({
				ok: true,
				request: { ...valid, tool_choice, parallel_tool_calls: false },
			});
		}
	});

	it('keeps a whole tool turn: the call with null content, then the result', () => {
		const result = parseUnifiedRequest({ ...valid, messages: toolTurn });
		expect(result.ok && result.request.messages).toEqual(toolTurn);
	});

	it('names a tool without a name, or with one OpenAI would refuse', () => {
		expect(
			issuesOf({
				...valid,
				tools: [
					{ type: 'function', function: { description: 'x' } },
					{ type: 'function', function: { name: 'a b' } },
				],
			}),
		).toEqual([
			'tools[0].function.name is required',
			'tools[1].function.name must be 1 to 64 letters, digits, underscores or dashes',
		]);
	});

	it('names a tool offered twice, a wrong type and a broken parameters schema', () => {
		expect(
			issuesOf({
				...valid,
				tools: [weather, weather, { type: 'web', function: { name: 'x' } }],
			}),
		).toContain('tools[2].type must be "function"');
		expect(issuesOf({ ...valid, tools: [weather, weather] })).toEqual([
			'tools[1].function.name "get_weather" is offered twice; each tool needs its own name',
		]);
		expect(
			issuesOf({
				...valid,
				tools: [{ type: 'function', function: { name: 'x', parameters: { type: 'nonsense' } } }],
			})[0],
		).toMatch(/^tools\[0\]\.function\.parameters is not a valid JSON Schema: /);
	});

	it('names a tool_choice that picks a tool not offered, or requires tools when there are none', () => {
		expect(
			issuesOf({ ...valid, tool_choice: { type: 'function', function: { name: 'get_time' } } }),
		).toEqual([
			'tool_choice.function.name names "get_time", which is not among the offered tools (get_weather)',
		]);
		expect(
			issuesOf({ model: valid.model, messages: valid.messages, tool_choice: 'required' }),
		).toEqual(['tool_choice is "required" but the request offers no tools']);
		expect(issuesOf({ ...valid, tool_choice: 'any' })).toEqual([
			'tool_choice must be one of auto, none, required or {"type": "function", "function": {"name": …}}',
		]);
	});

	it('names a tool message without tool_call_id and arguments that are not JSON', () => {
		const [user, call, result] = toolTurn;
		expect(issuesOf({ ...valid, messages: [user, call, { role: 'tool', content: '21' }] })).toEqual(
			['messages[2].tool_call_id is required'],
		);
		const badCall = {
			...call,
			tool_calls: [
				{
					id: 'call_1',
					type: 'function',
					function: { name: 'get_weather', arguments: '{city: Paris}' },
				},
			],
		};
		expect(issuesOf({ ...valid, messages: [user, badCall, result] })).toEqual([
			'messages[1].tool_calls[0].function.arguments must be JSON text (the arguments object written as a string)',
		]);
	});

	it('names parallel_tool_calls that is not a boolean and an empty tool list', () => {
		expect(issuesOf({ ...valid, parallel_tool_calls: 'yes', tools: [] })).toEqual([
			'tools must list at least one tool (leave the field out for none)',
			'parallel_tool_calls must be true or false',
		]);
	});
});
