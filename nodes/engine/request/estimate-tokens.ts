import { textOf } from './message-content';
import type { ChatMessage, ContentPart } from './message-schema';
import { maxOutputTokens, type UnifiedChatRequest } from './unified-request';

/** Answer length assumed when the request sets no max_tokens: a typical short answer. */
export const DEFAULT_EXPECTED_COMPLETION_TOKENS = 500;

/**
 * OpenAI's published image price (platform.openai.com/docs/guides/images-vision, "Calculating costs"): 85 tokens
 * at detail low; at high (and auto, which usually means high) 85 plus 170 per 512-px tile, 765 for the typical
 * 1024×1024 image after its resizing. The size is not decoded to count tiles exactly.
 */
const IMAGE_TOKENS = { low: 85, high: 765 } as const;

/** About four characters per token for English text. */
const CHARACTERS_PER_TOKEN = 4;

function partTokens(part: ContentPart): number {
	if (part.type === 'text') return Math.ceil(part.text.length / CHARACTERS_PER_TOKEN);
	if (part.type === 'image_url') {
		return part.image_url.detail === 'low' ? IMAGE_TOKENS.low : IMAGE_TOKENS.high;
	}
	// A PDF's decoded bytes counted like text, four to a token: rough, and high for a PDF heavy with images
	// and fonts, which only makes the rate limiter and the cost ranking err on the careful side.
	const bytes = (part.file.file_data.length * 3) / 4;
	return Math.ceil(bytes / CHARACTERS_PER_TOKEN);
}

function messageTokens(message: ChatMessage): number {
	const { content } = message;
	const contentTokens =
		typeof content === 'string' || content === null || content === undefined
			? Math.ceil(textOf(content).length / CHARACTERS_PER_TOKEN)
			: content.reduce((tokens: number, part: ContentPart) => tokens + partTokens(part), 0);
	const callTokens =
		message.role === 'assistant' && message.tool_calls !== undefined
			? Math.ceil(JSON.stringify(message.tool_calls).length / CHARACTERS_PER_TOKEN)
			: 0;
	// A few tokens of framing per message.
	return contentTokens + callTokens + 4;
}

/** Tool definitions reach the model as part of its prompt: their JSON, counted like text. */
function toolTokens(tools: UnifiedChatRequest['tools']): number {
	return tools === undefined ? 0 : Math.ceil(JSON.stringify(tools).length / CHARACTERS_PER_TOKEN);
}

export function estimatePromptTokens(
	request: Pick<UnifiedChatRequest, 'messages'> & Partial<Pick<UnifiedChatRequest, 'tools'>>,
): number {
	return (
		request.messages.reduce((tokens, message) => tokens + messageTokens(message), 0) +
		toolTokens(request.tools)
	);
}

/** What a call is expected to use of a tokens-per-minute budget: its prompt, and the answer it allows or a typical one. */
export function estimateRequestTokens(request: UnifiedChatRequest): number {
	return (
		estimatePromptTokens(request) + (maxOutputTokens(request) ?? DEFAULT_EXPECTED_COMPLETION_TOKENS)
	);
}
