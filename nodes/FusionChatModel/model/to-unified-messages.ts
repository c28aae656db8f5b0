import type { ContentFile, Message, MessageContent } from '@n8n/ai-node-sdk';

/** The unified request's messages before validation: parseUnifiedRequest names whatever does not fit. */
type UnifiedMessageCandidate = Record<string, unknown>;
type UnifiedPartCandidate = Record<string, unknown>;

function base64Of(data: string | Uint8Array): string {
	return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/** A URL the agent passed through (an image on the web, a data URL) rather than the file's bytes. */
function urlOf(file: ContentFile): string | undefined {
	const url = file.providerMetadata?.url;
	if (typeof url === 'string') return url;
	if (typeof file.data === 'string' && /^(https?:|data:)/i.test(file.data)) return file.data;
	return undefined;
}

/** Images as image_url parts, any other file as a file part (the request schema accepts PDFs and says so). */
function toUnifiedFilePart(file: ContentFile): UnifiedPartCandidate {
	const mediaType = file.mediaType ?? 'application/octet-stream';
	const url = urlOf(file) ?? `data:${mediaType};base64,${base64Of(file.data)}`;
	if (mediaType.startsWith('image/')) return { type: 'image_url', image_url: { url } };
	return { type: 'file', file: { file_data: url } };
}

function textOfParts(parts: readonly MessageContent[]): string {
	return parts
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('');
}

/** A user turn: one string when it is all text, else its parts in order. */
function userContentOf(parts: readonly MessageContent[]): string | UnifiedPartCandidate[] {
	if (parts.every((part) => part.type === 'text')) return textOfParts(parts);
	return parts.flatMap((part): UnifiedPartCandidate[] => {
		if (part.type === 'text') return [{ type: 'text', text: part.text }];
		if (part.type === 'file') return [toUnifiedFilePart(part)];
		return [];
	});
}

/** What a tool returned, as the text of a tool message: text as is, anything else as JSON. */
function toolResultText(result: unknown): string {
	if (typeof result === 'string') return result;
	if (Array.isArray(result) && result.every((part) => part?.type === 'text'))
		return textOfParts(result as MessageContent[]);
	return JSON.stringify(result) ?? '';
}

/**
 * An assistant turn. Tool calls may come twice (as content and as the message's calls, depending on how the
 * agent built it): one per id is kept. Reasoning, citations and provider blocks stay behind: they belong to the
 * model that wrote them, and the next call may go to another provider.
 */
function toAssistantMessage(
	parts: readonly MessageContent[],
	messageIndex: number,
): UnifiedMessageCandidate {
	const calls = new Map<string, Record<string, unknown>>();
	parts.forEach((part, partIndex) => {
		if (part.type !== 'tool-call' && part.type !== 'invalid-tool-call') return;
		const id = part.toolCallId ?? `call_${messageIndex}_${partIndex}`;
		if (calls.has(id)) return;
		const [name, args] =
			part.type === 'tool-call' ? [part.toolName, part.input] : [part.name, part.args];
		calls.set(id, { id, type: 'function', function: { name, arguments: args ?? '{}' } });
	});
	const text = textOfParts(parts);
	if (calls.size === 0) return { role: 'assistant', content: text };
	return { role: 'assistant', content: text === '' ? null : text, tool_calls: [...calls.values()] };
}

/** The SDK's conversation as the unified request's messages, in OpenAI's shape; a tool turn gives one message per result. */
export function toUnifiedMessages(messages: readonly Message[]): UnifiedMessageCandidate[] {
	return messages.flatMap((message, messageIndex): UnifiedMessageCandidate[] => {
		switch (message.role) {
			case 'system':
				return [{ role: 'system', content: textOfParts(message.content) }];
			case 'user':
				return [{ role: 'user', content: userContentOf(message.content) }];
			case 'assistant':
				return [toAssistantMessage(message.content, messageIndex)];
			case 'tool':
				return message.content.flatMap((part) =>
					part.type === 'tool-result'
						? [
								{
									role: 'tool',
									tool_call_id: part.toolCallId,
									content: toolResultText(part.result),
								},
							]
						: [],
				);
		}
	});
}
