import { FusionError } from '../../errors/fusion-error';
import { parseDataUrl } from '../../request/data-url';
import { isSystemMessage, textOf } from '../../request/message-content';
import type {
	AssistantMessage,
	ChatMessage,
	ContentPart,
	ToolMessage,
} from '../../request/unified-request';
import { parseJson } from '../parse-json';

type AnthropicBase64Source = { type: 'base64'; media_type: string; data: string };

export type AnthropicContentBlock =
	| { type: 'text'; text: string }
	| { type: 'image'; source: AnthropicBase64Source | { type: 'url'; url: string } }
	| { type: 'document'; source: AnthropicBase64Source; title?: string }
	| { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
	| { type: 'tool_result'; tool_use_id: string; content: string };

export interface AnthropicMessage {
	role: 'user' | 'assistant';
	/** A plain string where the turn is text only, as Anthropic's own examples send it. */
	content: string | AnthropicContentBlock[];
}

/** The request is validated at the edge; this guards a caller that skipped it, naming the field all the same. */
function base64Source(url: string, field: string): AnthropicBase64Source {
	const data = parseDataUrl(url);
	if (data === undefined) {
		throw new FusionError({ kind: 'bad_request', message: `${field} is not a valid data URL` });
	}
	return { type: 'base64', media_type: data.mediaType, data: data.base64 };
}

function blockOfPart(part: ContentPart, field: string): AnthropicContentBlock {
	switch (part.type) {
		case 'text':
			return { type: 'text', text: part.text };
		case 'image_url': {
			const { url } = part.image_url;
			// Anthropic picks its own resolution, so `detail` has nothing to map to.
			return url.startsWith('data:')
				? { type: 'image', source: base64Source(url, `${field}.image_url.url`) }
				: { type: 'image', source: { type: 'url', url } };
		}
		case 'file': {
			const { filename, file_data } = part.file;
			const source = base64Source(file_data, `${field}.file.file_data`);
			return filename === undefined
				? { type: 'document', source }
				: { type: 'document', source, title: filename };
		}
	}
}

function userContent(content: string | ContentPart[], index: number): AnthropicMessage['content'] {
	if (typeof content === 'string') return content;
	// Text-only parts read as one text, as they did before parts existed; media needs blocks.
	return content.every((part) => part.type === 'text')
		? textOf(content)
		: content.map((part, partIndex) =>
				blockOfPart(part, `messages[${index}].content[${partIndex}]`),
			);
}

function toolInput(argumentsText: string, field: string): Record<string, unknown> {
	const input = parseJson(argumentsText);
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new FusionError({
			kind: 'bad_request',
			message: `${field} must be a JSON object text (Anthropic takes a tool call's input as an object)`,
		});
	}
	return input as Record<string, unknown>;
}

function assistantContent(message: AssistantMessage, index: number): AnthropicMessage['content'] {
	const text = textOf(message.content);
	if (message.tool_calls === undefined) return text;
	// Anthropic rejects an empty text block, so a call without words is its tool_use blocks alone.
	const blocks: AnthropicContentBlock[] = text === '' ? [] : [{ type: 'text', text }];
	message.tool_calls.forEach((call, callIndex) => {
		blocks.push({
			type: 'tool_use',
			id: call.id,
			name: call.function.name,
			input: toolInput(
				call.function.arguments,
				`messages[${index}].tool_calls[${callIndex}].function.arguments`,
			),
		});
	});
	return blocks;
}

function toolResult(message: ToolMessage): AnthropicContentBlock[] {
	return [
		{ type: 'tool_result', tool_use_id: message.tool_call_id, content: textOf(message.content) },
	];
}

function asBlocks(content: AnthropicMessage['content']): AnthropicContentBlock[] {
	return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/**
 * Consecutive turns of one role become one turn, so the conversation alternates as Anthropic expects: OpenAI's
 * separate tool messages become one user turn of tool_result blocks, followed by whatever the user said next.
 */
function mergeConsecutiveTurns(messages: AnthropicMessage[]): AnthropicMessage[] {
	const merged: AnthropicMessage[] = [];
	for (const message of messages) {
		const previous = merged[merged.length - 1];
		if (previous === undefined || previous.role !== message.role) {
			merged.push({ ...message });
		} else if (typeof previous.content === 'string' && typeof message.content === 'string') {
			previous.content = `${previous.content}\n\n${message.content}`;
		} else {
			previous.content = [...asBlocks(previous.content), ...asBlocks(message.content)];
		}
	}
	return merged;
}

function turnOf(message: ChatMessage, index: number): AnthropicMessage | undefined {
	switch (message.role) {
		case 'user':
			return { role: 'user', content: userContent(message.content, index) };
		case 'assistant':
			return { role: 'assistant', content: assistantContent(message, index) };
		case 'tool':
			return { role: 'user', content: toolResult(message) };
		default:
			return undefined;
	}
}

/** Anthropic has no system role: every system or developer message, wherever it stood, goes to `system`. */
export function anthropicSystemOf(messages: readonly ChatMessage[]): string {
	return messages
		.filter(isSystemMessage)
		.map((message) => textOf(message.content))
		.filter((text) => text !== '')
		.join('\n\n');
}

/** The conversation as Anthropic's alternating turns; throws bad_request for a tool call whose arguments are no JSON object. */
export function toAnthropicMessages(messages: readonly ChatMessage[]): AnthropicMessage[] {
	const turns = messages.flatMap((message, index) => turnOf(message, index) ?? []);
	return mergeConsecutiveTurns(turns);
}

/** True when the conversation ends in the middle of a tool call: the assistant's last message called tools. */
export function continuesToolCall(messages: readonly ChatMessage[]): boolean {
	const last = messages.filter((message) => message.role !== 'tool').at(-1);
	return last?.role === 'assistant' && last.tool_calls !== undefined;
}
