import { textOf } from './message-content';
import type { ImageDetail } from './message-schema';
import type { UnifiedChatRequest } from './unified-request';

/** What a request gives a model to read, gathered once per request for the context-window check. */
export interface PromptMeasure {
	/** Every text the model reads: the messages, their tool calls, the tools offered and the JSON schema. */
	text: string;
	/** UTF-8 bytes of `text`: no tokenizer gives more tokens than bytes. */
	textBytes: number;
	messageCount: number;
	imageDetails: ReadonlyArray<ImageDetail | undefined>;
	/** The PDFs' data URLs, counted in pages only when it matters. */
	pdfs: readonly string[];
}

export function measurePrompt(
	request: Pick<UnifiedChatRequest, 'messages' | 'tools' | 'response_format'>,
): PromptMeasure {
	const texts: string[] = [];
	const imageDetails: Array<ImageDetail | undefined> = [];
	const pdfs: string[] = [];
	for (const message of request.messages) {
		texts.push(textOf(message.content));
		if (message.role === 'assistant' && message.tool_calls !== undefined)
			texts.push(JSON.stringify(message.tool_calls));
		if (message.role !== 'user' || typeof message.content === 'string') continue;
		for (const part of message.content) {
			if (part.type === 'image_url') imageDetails.push(part.image_url.detail);
			else if (part.type === 'file') pdfs.push(part.file.file_data);
		}
	}
	if (request.tools !== undefined) texts.push(JSON.stringify(request.tools));
	if (request.response_format?.type === 'json_schema')
		texts.push(JSON.stringify(request.response_format.json_schema.schema));
	const text = texts.join('\n');
	return {
		text,
		textBytes: Buffer.byteLength(text, 'utf8'),
		messageCount: request.messages.length,
		imageDetails,
		pdfs,
	};
}

/** A PDF's page count, from its page objects; 1 for a file whose pages cannot be told apart. */
export function pdfPageCount(dataUrl: string): number {
	const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
	const bytes = Buffer.from(base64, 'base64').toString('latin1');
	return Math.max(1, bytes.match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0);
}
