import type { ToolDefinition } from '../../../nodes/engine/request/unified-request';

/** The functions the tool tests offer: a weather lookup with the given parameters, and a clock without any. */
export function weatherTool(parameters: Record<string, unknown>, strict?: boolean): ToolDefinition {
	return {
		type: 'function',
		function: {
			name: 'get_weather',
			description: 'Current weather',
			parameters,
			...(strict === undefined ? {} : { strict }),
		},
	};
}

export const clockTool: ToolDefinition = { type: 'function', function: { name: 'get_time' } };
