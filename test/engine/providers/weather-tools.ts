import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { ProviderDefinition } from '../../../nodes/engine/providers/provider-registry';
import type {
	ChatMessage,
	ToolCall,
	ToolDefinition,
} from '../../../nodes/engine/request/unified-request';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

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

/** What a turn of the conversation gave back, as the tests read it from the output item. */
export interface ToolTurnAnswer {
	finishReason: string;
	content: string | null;
	toolCalls?: ToolCall[];
}

/**
 * A mock provider for the enclosing file, and a caller of `model` there through the whole engine (`runChat`)
 * with the weather tool offered; `sentBodies` are the request bodies the mock received, in order. A provider's
 * refusal rejects with the engine's AllModelsFailedError, its attempts naming the provider's words.
 */
export function useWeatherToolCaller(provider: ProviderDefinition, model: string, apiKey: string) {
	const mock = useMockProvider();
	return {
		call: async (messages: ChatMessage[], stream: boolean): Promise<ToolTurnAnswer> => {
			const output = await runChat(
				{
					model: `${provider.modelPrefixes[0]}${model}`,
					messages,
					stream,
					tools: [weatherTool(WEATHER_PARAMETERS)],
				},
				settingsFor({ [provider.id]: { baseUrl: mock.server.url, apiKey } }),
			);
			const [choice] = output.choices;
			return {
				finishReason: choice.finish_reason,
				content: choice.message.content,
				toolCalls: choice.message.tool_calls,
			};
		},
		sentBodies: () =>
			mock.server.requests.map((request) => request.body as Record<string, unknown>),
	};
}
