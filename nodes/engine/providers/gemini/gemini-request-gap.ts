import type { ModelCallRequest } from '../provider-adapter';
import { geminiImagePart } from './gemini-image-part';
import { geminiModelTraits } from './gemini-model-traits';

/**
 * Gemini answers 400 to functions beside a JSON response format before Gemini 3 ("Function calling with a response
 * mime type: 'application/json' is unsupported"), and on Gemini 3 when a call is forced (ANY mode).
 */
export function toolsWithJsonGap(request: ModelCallRequest): string | undefined {
	const format = request.response_format?.type;
	if (request.tools === undefined || format === undefined || format === 'text') return undefined;
	if (!geminiModelTraits(request.model).toolsWithJsonOutput) {
		return `Google Gemini model ${request.model} cannot combine tools with a JSON response_format (Gemini 3 and later can)`;
	}
	const choice = request.tool_choice;
	if (choice === 'required' || typeof choice === 'object') {
		return `Google Gemini cannot combine a JSON response_format with a tool_choice that forces a call`;
	}
	return undefined;
}

/**
 * Why Gemini cannot take the request at all: an image it does not read (GIF), an image URL it cannot fetch, or
 * tools beside a JSON response format where Gemini refuses them. The same checks stop toGeminiRequest, so a request
 * that skipped this screening still sends nothing.
 */
export function geminiRequestGap(request: ModelCallRequest): string | undefined {
	const toolsGap = toolsWithJsonGap(request);
	if (toolsGap !== undefined) return toolsGap;
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
