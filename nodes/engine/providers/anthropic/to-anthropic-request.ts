import { FusionError } from '../../errors/fusion-error';
import type { ModelCallRequest } from '../provider-adapter';
import { anthropicRequestGap } from './anthropic-request-gap';
import { anthropicModelTraits } from './anthropic-model-traits';
import {
	ANTHROPIC_JSON_TOOL_NAME,
	toAnthropicOutput,
	type AnthropicOutput,
	type AnthropicTool,
} from './to-anthropic-output';
import {
	anthropicSystemOf,
	continuesToolCall,
	toAnthropicMessages,
	type AnthropicMessage,
} from './to-anthropic-messages';
import { toAnthropicSampling } from './to-anthropic-sampling';
import {
	toAnthropicReasoning,
	type AnthropicThinking,
	type ThinkingBlocker,
} from './to-anthropic-thinking';
import {
	forcesToolUse,
	toAnthropicToolUse,
	type AnthropicToolChoice,
	type AnthropicToolUse,
} from './to-anthropic-tools';
import type { AnthropicModelTraits } from './anthropic-model-traits';

export { ANTHROPIC_DEFAULT_MAX_TOKENS } from './to-anthropic-thinking';

export interface AnthropicMessagesRequestBody {
	model: string;
	max_tokens: number;
	messages: AnthropicMessage[];
	system?: string;
	temperature?: number;
	top_p?: number;
	stop_sequences?: string[];
	stream?: true;
	metadata?: { user_id: string };
	thinking?: AnthropicThinking;
	output_config?: {
		effort?: 'low' | 'medium' | 'high';
		format?: { type: 'json_schema'; schema: Record<string, unknown> };
	};
	tools?: AnthropicTool[];
	tool_choice?: AnthropicToolChoice;
}

function thinkingBlocker(
	request: ModelCallRequest,
	traits: AnthropicModelTraits,
	output: AnthropicOutput,
	toolUse: AnthropicToolUse,
): ThinkingBlocker | undefined {
	if (output.tool !== undefined) return 'response_format';
	if (forcesToolUse(toolUse.tool_choice)) return 'tool_choice';
	if (traits.thinking === 'budget' && continuesToolCall(request.messages)) return 'tool_loop';
	return undefined;
}

/**
 * Translates the unified request into a Messages API body; settings Anthropic cannot honour become warnings.
 * Throws a bad_request FusionError for what cannot be sent at all (see anthropicRequestGap).
 */
export function toAnthropicRequest(request: ModelCallRequest): {
	body: AnthropicMessagesRequestBody;
	warnings: string[];
} {
	const gap = anthropicRequestGap(request);
	if (gap !== undefined) throw new FusionError({ kind: 'bad_request', message: gap });
	const traits = anthropicModelTraits(request.model, request.capabilities);
	const output = toAnthropicOutput(request.response_format, traits);
	const toolUse = toAnthropicToolUse(request, traits);
	const reasoning = toAnthropicReasoning(
		request.reasoning_effort,
		request.max_tokens,
		traits,
		thinkingBlocker(request, traits, output, toolUse),
	);
	const thinkingOn = reasoning.thinking !== undefined && reasoning.thinking.type !== 'disabled';
	const sampling = toAnthropicSampling(
		request.temperature,
		request.top_p,
		traits,
		thinkingOn || traits.thinkingAlwaysOn,
	);
	const warnings = [
		...output.warnings,
		...toolUse.warnings,
		...reasoning.warnings,
		...sampling.warnings,
	];

	let system = anthropicSystemOf(request.messages);
	// A leading assistant turn is sent as it is: Anthropic's own API has accepted one since October 2024.
	let messages = toAnthropicMessages(request.messages);
	if (messages.length === 0) {
		// Anthropic rejects an empty `messages`; the instructions are the only thing to answer.
		messages = [{ role: 'user', content: system }];
		system = '';
		warnings.push(
			'Anthropic needs a user message; the system message was sent as the user message',
		);
	}

	const body: AnthropicMessagesRequestBody = {
		model: request.model,
		max_tokens: reasoning.max_tokens,
		messages,
	};
	if (system !== '') body.system = system;
	if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
	if (sampling.top_p !== undefined) body.top_p = sampling.top_p;
	if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
	// A penalty of 0 is OpenAI's default and asks for nothing, so dropping it loses nothing worth a warning.
	if (request.frequency_penalty !== undefined && request.frequency_penalty !== 0) {
		warnings.push('frequency_penalty is not supported by Anthropic and was not sent');
	}
	if (request.presence_penalty !== undefined && request.presence_penalty !== 0) {
		warnings.push('presence_penalty is not supported by Anthropic and was not sent');
	}
	if (request.seed !== undefined)
		warnings.push('seed is not supported by Anthropic and was not sent');
	if (request.user !== undefined) body.metadata = { user_id: request.user };
	if (reasoning.thinking !== undefined) body.thinking = reasoning.thinking;
	if (reasoning.effort !== undefined || output.format !== undefined) {
		body.output_config = {
			...(reasoning.effort === undefined ? {} : { effort: reasoning.effort }),
			...(output.format === undefined ? {} : { format: output.format }),
		};
	}
	if (output.tool !== undefined) {
		body.tools = [output.tool];
		body.tool_choice = { type: 'tool', name: ANTHROPIC_JSON_TOOL_NAME };
	} else if (toolUse.tools.length > 0) {
		body.tools = toolUse.tools;
		if (toolUse.tool_choice !== undefined) body.tool_choice = toolUse.tool_choice;
	}
	if (request.stream) body.stream = true;

	return { body, warnings };
}
