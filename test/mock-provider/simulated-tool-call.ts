import { instanceOf } from './simulated-json';

/**
 * What a model that follows the request does when it is offered tools: it calls one while no tool result has
 * come back yet, and answers in text once one has. Each wire format translates its own request into these
 * terms and the call back into its own shape, so all of them behave alike.
 */

/** One offered function, whatever the wire called its fields. */
export interface OfferedTool {
	name: string;
	/** The JSON Schema of its arguments. */
	parameters?: unknown;
}

export interface SimulatedToolCall {
	name: string;
	/** Arguments that validate against the tool's parameters. */
	arguments: unknown;
}

/** The call a model makes: the forced tool, else the first offered; undefined when it should answer in text. */
export function simulatedToolCall(
	tools: readonly OfferedTool[],
	options: { forced?: string; toolResultSeen: boolean; toolsDisabled?: boolean },
): SimulatedToolCall | undefined {
	if (tools.length === 0 || options.toolResultSeen || options.toolsDisabled === true)
		return undefined;
	const tool = tools.find((offered) => offered.name === options.forced) ?? tools[0];
	return { name: tool.name, arguments: instanceOf(tool.parameters ?? { type: 'object' }) };
}

/** The text a model answers with once it has the tools' results, so tests can see the results reached it. */
export function simulatedAnswerFromToolResults(results: readonly string[]): string {
	return `Using the tool results: ${results.join(' | ')}`;
}
