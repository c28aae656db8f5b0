import { textOf } from '../../request/message-content';
import type {
	AssistantMessage,
	ChatMessage,
	ContentPart,
	UserMessage,
} from '../../request/unified-request';
import type { OpenAiCompatibleConfig } from './openai-compatible-config';
import { toProviderToolCallId } from './to-openai-compatible-tools';

type MessageConfig = Pick<OpenAiCompatibleConfig, 'developerRole' | 'pdfs' | 'tools'>;

/** A PDF as Mistral's chat API takes it: a `document_url` part holding the data URL itself. */
function toProviderPart(part: ContentPart, config: MessageConfig): unknown {
	if (part.type === 'file' && config.pdfs === 'document_url') {
		return { type: 'document_url', document_url: part.file.file_data };
	}
	return part;
}

function hasPartToConvert(message: UserMessage, config: MessageConfig): boolean {
	return (
		config.pdfs === 'document_url' &&
		typeof message.content !== 'string' &&
		message.content.some((part) => part.type === 'file')
	);
}

/** OpenAI's shape of a turn that calls tools: `content: null` when it has no text, ids as the provider takes them. */
function toProviderToolCallTurn(
	message: AssistantMessage & Required<Pick<AssistantMessage, 'tool_calls'>>,
	config: MessageConfig,
): unknown {
	const rule = config.tools.callIds;
	return {
		...message,
		content: message.content ?? null,
		tool_calls: message.tool_calls.map((call) => ({
			...call,
			id: toProviderToolCallId(call.id, rule),
		})),
	};
}

function toProviderMessage(message: ChatMessage, config: MessageConfig): unknown {
	if (message.role === 'developer' && !config.developerRole) return { ...message, role: 'system' };
	if (message.role === 'assistant' && message.tool_calls !== undefined)
		return toProviderToolCallTurn({ ...message, tool_calls: message.tool_calls }, config);
	if (message.role === 'tool' && config.tools.callIds !== undefined) {
		return {
			...message,
			tool_call_id: toProviderToolCallId(message.tool_call_id, config.tools.callIds),
		};
	}
	if (message.role === 'user' && hasPartToConvert(message, config)) {
		const parts = message.content as ContentPart[];
		return { ...message, content: parts.map((part) => toProviderPart(part, config)) };
	}
	return message;
}

/**
 * The instruction that asks a model in plain JSON mode for the schema's shape: the provider cannot enforce
 * it, the engine's validation of the answer then does.
 */
export function jsonSchemaInstruction(schema: Record<string, unknown>): string {
	return `Answer with one JSON object and nothing else. It must validate against this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** The first system message with the instruction appended, or a new system message in front. */
function withSystemInstruction(messages: unknown[], instruction: string): unknown[] {
	const [first, ...rest] = messages as ChatMessage[];
	if (first.role === 'system' || first.role === 'developer') {
		return [{ role: first.role, content: `${textOf(first.content)}\n\n${instruction}` }, ...rest];
	}
	return [{ role: 'system', content: instruction }, ...messages];
}

/**
 * The messages in the provider's dialect. Messages it takes as they are stay the same objects (a 200 KB image
 * is never copied), and the array itself is reused when no message changes.
 */
export function toOpenAiCompatibleMessages(
	messages: ChatMessage[],
	config: MessageConfig,
	systemInstruction?: string,
): unknown[] {
	let converted: unknown[] | undefined;
	messages.forEach((message, index) => {
		const providerMessage = toProviderMessage(message, config);
		if (providerMessage === message) return;
		converted ??= [...messages];
		converted[index] = providerMessage;
	});
	return systemInstruction === undefined
		? (converted ?? messages)
		: withSystemInstruction(converted ?? messages, systemInstruction);
}
