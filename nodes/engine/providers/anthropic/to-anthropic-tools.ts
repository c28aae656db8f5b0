import type { ModelCallRequest } from '../provider-adapter';
import type { ToolDefinition } from '../../request/unified-request';
import type { AnthropicModelTraits } from './anthropic-model-traits';
import type { AnthropicTool } from './to-anthropic-output';
import { toAnthropicOutputSchema } from './to-anthropic-output-schema';

export type AnthropicToolChoice =
	| { type: 'auto' | 'any'; disable_parallel_tool_use?: true }
	| { type: 'tool'; name: string; disable_parallel_tool_use?: true }
	| { type: 'none' };

export interface AnthropicToolUse {
	tools: AnthropicTool[];
	tool_choice?: AnthropicToolChoice;
	warnings: string[];
}

/** A function without parameters still needs an object schema: Anthropic requires `input_schema`. */
const NO_PARAMETERS = { type: 'object', properties: {} };

/**
 * `strict` is Anthropic's strict tool use, the grammar of its structured outputs applied to the tool's input, with
 * the same JSON Schema limits: constraints the grammar cannot hold move into descriptions, and a schema with an
 * object open to further keys, or a model without structured outputs, gets the tool without strict and a warning.
 */
function toAnthropicTool(
	tool: ToolDefinition,
	index: number,
	traits: AnthropicModelTraits,
	warnings: string[],
): AnthropicTool {
	const { name, description, parameters, strict } = tool.function;
	const loose: AnthropicTool = { name, input_schema: parameters ?? NO_PARAMETERS };
	if (description !== undefined) loose.description = description;
	if (strict !== true) return loose;
	const field = `tools[${index}].function.strict`;
	if (!traits.structuredOutputs) {
		warnings.push(`${field} was not sent: this Anthropic model has no strict tool use`);
		return loose;
	}
	const converted = toAnthropicOutputSchema(loose.input_schema);
	if (converted.hasOpenObject) {
		warnings.push(
			`${field} was not sent: the parameters have an object open to further properties, which Anthropic's strict tool use cannot express`,
		);
		return loose;
	}
	if (converted.relaxed.length > 0) {
		warnings.push(
			`Anthropic's strict tool use does not enforce ${converted.relaxed.join(', ')} (tools[${index}]); they were sent as descriptions`,
		);
	}
	return { ...loose, input_schema: converted.schema, strict: true };
}

function toolChoiceOf(request: ModelCallRequest): AnthropicToolChoice | undefined {
	const choice = request.tool_choice;
	const parallel: { disable_parallel_tool_use?: true } =
		request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
	if (choice === 'none') return { type: 'none' };
	if (choice === 'required') return { type: 'any', ...parallel };
	if (typeof choice === 'object') return { type: 'tool', name: choice.function.name, ...parallel };
	// Auto is Anthropic's default; it is said only when the request said it or it carries the parallel switch.
	if (choice === 'auto' || request.parallel_tool_calls === false)
		return { type: 'auto', ...parallel };
	return undefined;
}

/** The request's functions as Anthropic tools, and tool_choice with parallel_tool_calls folded into it. */
export function toAnthropicToolUse(
	request: ModelCallRequest,
	traits: AnthropicModelTraits,
): AnthropicToolUse {
	const warnings: string[] = [];
	if (request.tools === undefined) return { tools: [], warnings };
	const tools = request.tools.map((tool, index) => toAnthropicTool(tool, index, traits, warnings));
	const toolChoice = toolChoiceOf(request);
	return toolChoice === undefined
		? { tools, warnings }
		: { tools, tool_choice: toolChoice, warnings };
}

/** A tool choice that makes the model call a tool, which Anthropic does not allow with thinking. */
export function forcesToolUse(choice: AnthropicToolChoice | undefined): boolean {
	return choice?.type === 'any' || choice?.type === 'tool';
}
