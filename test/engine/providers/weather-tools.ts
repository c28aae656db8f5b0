import type { ModelAnswer } from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderDefinition } from '../../../nodes/engine/providers/provider-registry';
import type {
	ChatMessage,
	ToolCall,
	ToolDefinition,
} from '../../../nodes/engine/request/unified-request';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { exchangeOverHttp } from './exchange-over-http';

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

export const WEATHER_PARAMETERS = {
	type: 'object',
	properties: { city: { type: 'string' } },
	required: ['city'],
};
export const WEATHER_QUESTION: ChatMessage = { role: 'user', content: 'Weather in Paris?' };
export const WEATHER_RESULT = '18°C and sunny';

/** The conversation after the model called tools: the question, its calls, and the result under `resultId`. */
export function afterToolCalls(toolCalls: ToolCall[], resultId = toolCalls[0].id): ChatMessage[] {
	return [
		WEATHER_QUESTION,
		{ role: 'assistant', content: null, tool_calls: toolCalls },
		{ role: 'tool', tool_call_id: resultId, content: WEATHER_RESULT },
	];
}

/**
 * A mock provider for the enclosing file, and a caller of `model` there with the weather tool offered; `sentBodies`
 * are the request bodies the mock received, in order.
 */
export function useWeatherToolCaller(provider: ProviderDefinition, model: string, apiKey: string) {
	const mock = useMockProvider();
	return {
		call: (messages: ChatMessage[], stream: boolean): Promise<ModelAnswer> =>
			exchangeOverHttp(
				provider,
				{ model, messages, stream, tools: [weatherTool(WEATHER_PARAMETERS)] },
				{ baseUrl: mock.server.url, apiKey },
			),
		sentBodies: () =>
			mock.server.requests.map((request) => request.body as Record<string, unknown>),
	};
}
