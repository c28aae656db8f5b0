import { isSystemMessage, textOf } from '../../request/message-content';
import type { ModelCallRequest } from '../provider-adapter';
import { assertTextOnlyRequest } from '../text-only-request';

/** Anthropic requires max_tokens; this is what a request without one gets. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const ANTHROPIC_MAX_TEMPERATURE = 1;

export interface AnthropicMessage {
	role: 'user' | 'assistant';
	content: string;
}

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
}

/** Consecutive turns of one role become one turn, so the conversation alternates as Anthropic expects. */
function mergeConsecutiveTurns(messages: AnthropicMessage[]): AnthropicMessage[] {
	const merged: AnthropicMessage[] = [];
	for (const message of messages) {
		const previous = merged[merged.length - 1];
		if (previous !== undefined && previous.role === message.role) {
			previous.content = `${previous.content}\n\n${message.content}`;
		} else {
			merged.push({ ...message });
		}
	}
	return merged;
}

/** Translates the unified request into a Messages API body; settings Anthropic cannot honour become warnings. */
export function toAnthropicRequest(request: ModelCallRequest): {
	body: AnthropicMessagesRequestBody;
	warnings: string[];
} {
	assertTextOnlyRequest(request, 'Anthropic');
	const warnings: string[] = [];

	// Anthropic has no system role: every system message, wherever it stood, goes to the top-level `system`.
	let system = request.messages
		.filter(isSystemMessage)
		.map((message) => textOf(message.content))
		.filter((text) => text !== '')
		.join('\n\n');
	// Tool messages were refused above, so user and assistant turns are all that is left.
	const turns = request.messages.flatMap((message): AnthropicMessage[] =>
		message.role === 'user' || message.role === 'assistant'
			? [{ role: message.role, content: textOf(message.content) }]
			: [],
	);
	// A leading assistant turn is sent as it is: Anthropic's own API has accepted one since October 2024.
	let messages = mergeConsecutiveTurns(turns);
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
		max_tokens: request.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
		messages,
	};
	if (system !== '') body.system = system;

	if (request.temperature !== undefined) {
		if (request.temperature > ANTHROPIC_MAX_TEMPERATURE) {
			body.temperature = ANTHROPIC_MAX_TEMPERATURE;
			warnings.push(
				`temperature ${request.temperature} is above Anthropic's maximum of ${ANTHROPIC_MAX_TEMPERATURE} and was sent as ${ANTHROPIC_MAX_TEMPERATURE}`,
			);
		} else {
			body.temperature = request.temperature;
		}
	}
	if (request.top_p !== undefined) {
		// Current Claude models answer 400 when both are set; temperature is the more common knob, so it wins.
		if (body.temperature !== undefined) {
			warnings.push(
				'top_p was not sent because Anthropic does not accept temperature and top_p together; temperature was kept',
			);
		} else {
			body.top_p = request.top_p;
		}
	}
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
	if (request.stream) body.stream = true;

	return { body, warnings };
}
