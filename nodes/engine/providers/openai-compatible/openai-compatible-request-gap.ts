import type { ModelCallRequest } from '../provider-adapter';
import type { OpenAiCompatibleConfig } from './openai-compatible-config';

/**
 * Why the provider's chat API cannot take the request's images or PDFs at all, whatever the model: such a
 * request would be refused, or answered as if the image were not there.
 */
export function openAiCompatibleRequestGap(
	request: ModelCallRequest,
	config: Pick<OpenAiCompatibleConfig, 'displayName' | 'images' | 'pdfs'>,
): string | undefined {
	for (const message of request.messages) {
		if (message.role !== 'user' || typeof message.content === 'string') continue;
		for (const part of message.content) {
			if (part.type === 'image_url') {
				if (config.images === 'none')
					return `${config.displayName}'s chat API takes no image input`;
				if (config.images === 'data-only' && !part.image_url.url.startsWith('data:')) {
					return `${config.displayName}'s chat API takes images only as data URLs, not as links`;
				}
			} else if (part.type === 'file' && config.pdfs === 'none') {
				return `${config.displayName}'s chat API takes no PDF input`;
			}
		}
	}
	return undefined;
}
