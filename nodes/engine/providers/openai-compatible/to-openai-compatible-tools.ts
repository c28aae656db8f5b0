import { createHash } from 'node:crypto';
import type { ModelCallRequest } from '../provider-adapter';
import type { OpenAiCompatibleConfig, ToolCallIdRule } from './openai-compatible-config';

/**
 * `tools`, `tool_choice` and `parallel_tool_calls` in the provider's dialect: OpenAI's shapes, a tool_choice mode
 * under the provider's own name, and parallel_tool_calls left out with a warning where the provider does not
 * take it (the model then decides, as it does by default).
 */
export function toOpenAiCompatibleToolFields(
	request: ModelCallRequest,
	config: Pick<OpenAiCompatibleConfig, 'displayName' | 'tools'>,
	warnings: string[],
): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const dialect = config.tools;
	if (request.tools !== undefined) fields.tools = request.tools;
	const choice = request.tool_choice;
	if (choice !== undefined) {
		fields.tool_choice =
			typeof choice === 'string' ? (dialect.choiceNames?.[choice] ?? choice) : choice;
	}
	if (request.parallel_tool_calls !== undefined) {
		if (dialect.parallelToolCalls) fields.parallel_tool_calls = request.parallel_tool_calls;
		else
			warnings.push(
				`parallel_tool_calls was not sent to ${request.model}: ${config.displayName} does not take it`,
			);
	}
	return fields;
}

/** What a mapped id is written in where the rule names no alphabet. */
const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function fitsRule(id: string, rule: ToolCallIdRule): boolean {
	const { alphabet } = rule;
	return (
		(rule.length === undefined || id.length === rule.length) &&
		(rule.maxLength === undefined || id.length <= rule.maxLength) &&
		(alphabet === undefined || [...id].every((character) => alphabet.includes(character)))
	);
}

/**
 * The id as the provider accepts it: unchanged when it fits the rule (the provider's own ids do), else a digest
 * of it, so that an assistant's call and the tool message answering it, and every later turn, carry the same
 * mapped id. Gemini's ids, which carry its thought signature, are what usually needs it.
 */
export function toProviderToolCallId(id: string, rule: ToolCallIdRule | undefined): string {
	if (rule === undefined || fitsRule(id, rule)) return id;
	const alphabet = rule.alphabet ?? LETTERS_AND_DIGITS;
	const digest = createHash('sha512').update(id).digest();
	return Array.from(
		{ length: Math.min(rule.length ?? rule.maxLength ?? digest.length, digest.length) },
		(_, index) => alphabet[digest[index] % alphabet.length],
	).join('');
}
