import type { ChatMessage, ContentPart, SystemMessage } from './message-schema';

/** The text a message's content says, its text parts joined; images and files say nothing here. */
export function textOf(content: string | readonly ContentPart[] | null | undefined): string {
	if (typeof content === 'string') return content;
	if (content === null || content === undefined) return '';
	return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** The kinds of media a request carries, which not every model can read. */
export type MediaPartType = 'image' | 'pdf';

export function partTypesOf(messages: readonly ChatMessage[]): Set<MediaPartType> {
	const types = new Set<MediaPartType>();
	for (const message of messages) {
		if (message.role !== 'user' || typeof message.content === 'string') continue;
		for (const part of message.content) {
			if (part.type === 'image_url') types.add('image');
			else if (part.type === 'file') types.add('pdf');
		}
	}
	return types;
}

/** OpenAI's developer role is its newer name for system; every provider without it gets a system message. */
export function isSystemMessage(message: ChatMessage): message is SystemMessage {
	return message.role === 'system' || message.role === 'developer';
}
