import type { ResponseFormat } from '../../request/unified-request';
import type { AnthropicModelTraits } from './anthropic-model-traits';
import { toAnthropicOutputSchema } from './to-anthropic-output-schema';

/**
 * The one tool a JSON answer is forced through; its input is the answer. The name is ours alone (a request with
 * tools of its own never takes this path), so an answer's tool_use block of this name is the answer's JSON text.
 */
export const ANTHROPIC_JSON_TOOL_NAME = 'json_answer';

export interface AnthropicTool {
	name: string;
	description?: string;
	input_schema: Record<string, unknown>;
	/** Strict tool use: the input is held to input_schema by the grammar of structured outputs. */
	strict?: true;
}

export interface AnthropicOutput {
	/** `output_config.format`: structured outputs. */
	format?: { type: 'json_schema'; schema: Record<string, unknown> };
	/** A tool the request forces, whose input is the answer. */
	tool?: AnthropicTool;
	warnings: string[];
}

function forcedTool(schema: Record<string, unknown>, description: string): AnthropicTool {
	return { name: ANTHROPIC_JSON_TOOL_NAME, description, input_schema: schema };
}

/**
 * response_format in Anthropic's terms. A JSON Schema goes to structured outputs where the model has them (the
 * answer is then held to the grammar, and thinking stays possible), else to a forced tool whose input schema is
 * the schema.
 *
 * `json_object` always goes through the forced tool with an open object schema: structured outputs require
 * every object to close (`additionalProperties: false`), so an open object there could only be `{}`, while a
 * tool's input is always a JSON object, which is exactly what json_object promises.
 */
export function toAnthropicOutput(
	responseFormat: ResponseFormat | undefined,
	traits: AnthropicModelTraits,
): AnthropicOutput {
	if (responseFormat === undefined || responseFormat.type === 'text') return { warnings: [] };
	if (responseFormat.type === 'json_object') {
		return {
			tool: forcedTool({ type: 'object' }, 'Give the answer as a JSON object.'),
			warnings: [],
		};
	}
	const { name, schema, description } = responseFormat.json_schema;
	const toolDescription = `Give the answer as ${name}${description === undefined ? '' : `: ${description}`}.`;
	if (!traits.structuredOutputs) return { tool: forcedTool(schema, toolDescription), warnings: [] };
	const output = toAnthropicOutputSchema(schema);
	if (output.hasOpenObject) {
		return {
			tool: forcedTool(schema, toolDescription),
			warnings: [
				"the JSON Schema has an object open to further properties, which Anthropic's structured outputs cannot express; the answer was asked for through a forced tool instead",
			],
		};
	}
	const warnings =
		output.relaxed.length === 0
			? []
			: [
					`Anthropic's structured outputs do not enforce ${output.relaxed.join(', ')}; they were sent as descriptions and the answer is still checked against the full JSON Schema`,
				];
	return { format: { type: 'json_schema', schema: output.schema }, warnings };
}
