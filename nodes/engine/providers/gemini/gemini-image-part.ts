import { parseDataUrl } from '../../request/data-url';
import type { GeminiFileDataPart, GeminiInlineDataPart } from './gemini-request-types';
import { geminiModelTraits } from './gemini-model-traits';

/** The image types Gemini reads (ai.google.dev/gemini-api/docs/image-understanding, checked 2026-08); not GIF. */
const IMAGE_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	heic: 'image/heic',
	heif: 'image/heif',
};
const IMAGE_TYPES = new Set(Object.values(IMAGE_TYPE_BY_EXTENSION));

export type GeminiImagePart =
	| { part: GeminiInlineDataPart | GeminiFileDataPart }
	| { problem: string };

/** fileData must name the file's type, and a URL says it only by its extension. */
function imageTypeOfUrl(url: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
	return extension === undefined ? undefined : IMAGE_TYPE_BY_EXTENSION[extension];
}

/**
 * An `image_url` as Gemini takes it: a data URL as inlineData (its base64 as is, never decoded), an https URL as
 * fileData, which Gemini fetches itself. Or why Gemini cannot take it; `field` names the url in that reason.
 */
export function geminiImagePart(url: string, model: string, field: string): GeminiImagePart {
	const data = parseDataUrl(url);
	if (data !== undefined) {
		if (!IMAGE_TYPES.has(data.mediaType)) {
			return {
				problem: `Google Gemini does not read ${data.mediaType} images (${field}); it reads ${[...IMAGE_TYPES].join(', ')}`,
			};
		}
		return { part: { inlineData: { mimeType: data.mediaType, data: data.base64 } } };
	}
	if (!geminiModelTraits(model).fetchesUrls) {
		return {
			problem: `Google Gemini model ${model} cannot fetch an image from a URL (${field}); send the image as a data URL`,
		};
	}
	if (!/^https:/i.test(url)) {
		return {
			problem: `Google Gemini fetches https URLs only (${field}); send the image as a data URL`,
		};
	}
	const mimeType = imageTypeOfUrl(url);
	if (mimeType === undefined) {
		return {
			problem: `Google Gemini needs an image URL's type, and ${field} ends in none of .${Object.keys(IMAGE_TYPE_BY_EXTENSION).join(', .')}; send the image as a data URL`,
		};
	}
	return { part: { fileData: { mimeType, fileUri: url } } };
}
