import type { ModelCallRequest } from '../provider-adapter';
import { geminiImagePart } from './gemini-image-part';

/**
 * Why Gemini cannot take the request at all: an image it does not read (GIF), or an image URL it cannot fetch.
 * The same checks stop toGeminiRequest, so a request that skipped this screening still sends nothing.
 */
export function geminiRequestGap(request: ModelCallRequest): string | undefined {
	for (const [index, message] of request.messages.entries()) {
		if (message.role !== 'user' || typeof message.content === 'string') continue;
		for (const [partIndex, part] of message.content.entries()) {
			if (part.type !== 'image_url') continue;
			const field = `messages[${index}].content[${partIndex}].image_url.url`;
			const image = geminiImagePart(part.image_url.url, request.model, field);
			if ('problem' in image) return image.problem;
		}
	}
	return undefined;
}
