import { getParametersJsonSchema, type Tool } from '@n8n/ai-node-sdk';

/**
 * A provider's built-in tool (web search and the like) has no OpenAI function shape, and the model that answers
 * may be another provider's: the agent is told rather than the tool silently dropped.
 */
export class UnsupportedToolError extends Error {
	constructor(name: string) {
		super(
			`The agent offers "${name}", a provider's built-in tool; Fusion Chat Model passes function tools only. Remove that tool or use the provider's own chat model for it.`,
		);
		this.name = 'UnsupportedToolError';
	}
}

/** The agent's tools as OpenAI function tools. Zod schemas become JSON Schema; `$schema` is left out, since some providers refuse it. */
export function toUnifiedTools(tools: readonly Tool[]): Array<Record<string, unknown>> {
	return tools.map((tool) => {
		if (tool.type !== 'function') throw new UnsupportedToolError(tool.name);
		const parameters = { ...(getParametersJsonSchema(tool) as Record<string, unknown>) };
		delete parameters.$schema;
		return {
			type: 'function',
			function: {
				name: tool.name,
				...(tool.description !== undefined && { description: tool.description }),
				parameters,
				...(tool.strict !== undefined && { strict: tool.strict }),
			},
		};
	});
}
