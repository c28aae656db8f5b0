import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { parseUnifiedRequest, type UnifiedChatRequest } from '../../engine';
import { IMAGE_MEDIA_TYPES } from '../../engine/request/message-schema';
import type { ReadParameter } from '../../shared/item-parameters';
import { InvalidRequestError } from './invalid-request';

const PDF_TYPE = 'application/pdf';

type FilePart =
	| { type: 'image_url'; image_url: { url: string } }
	| { type: 'file'; file: { filename: string; file_data: string } };

/** The fields named in Attach Binary Fields. None in JSON mode: a JSON request carries its own parts. */
export function binaryFieldNamesFrom(read: ReadParameter): string[] {
	if (read('inputMode', 'fields') !== 'fields') return [];
	const names = read('options.binaryPropertyNames', '');
	if (typeof names !== 'string') return [];
	return names
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

function looksLikeBinaryData(value: unknown): value is IBinaryData {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as IBinaryData).mimeType === 'string' &&
		typeof (value as IBinaryData).data === 'string'
	);
}

/** The item's binary fields: under `binary`, or in its JSON where the workflow's binary mode is "combined". */
function binaryFieldsOf(item: INodeExecutionData): Map<string, IBinaryData> {
	const fields = new Map(Object.entries(item.binary ?? {}));
	for (const [name, value] of Object.entries(item.json)) {
		if (!fields.has(name) && looksLikeBinaryData(value)) fields.set(name, value);
	}
	return fields;
}

function missingFieldIssue(name: string, available: string[]): string {
	const has =
		available.length === 0
			? 'the item has no binary fields'
			: `its binary fields: ${available.join(', ')}`;
	return `Attach Binary Fields names "${name}", which the item does not have (${has})`;
}

/** The file's media type without parameters such as "; charset=binary", which n8n may keep. */
function mediaTypeOf(binary: IBinaryData): string {
	return binary.mimeType.split(';')[0].trim().toLowerCase();
}

function unsupportedTypeIssue(name: string, mediaType: string): string | undefined {
	if (IMAGE_MEDIA_TYPES.includes(mediaType) || mediaType === PDF_TYPE) return undefined;
	return `Attach Binary Fields: "${name}" is ${mediaType || 'of no known type'}, which cannot be sent to a model; attach images (${IMAGE_MEDIA_TYPES.join(', ')}) or PDFs`;
}

function partFrom(name: string, binary: IBinaryData, bytes: Buffer): FilePart {
	const mediaType = mediaTypeOf(binary);
	const dataUrl = `data:${mediaType};base64,${bytes.toString('base64')}`;
	if (mediaType === PDF_TYPE)
		return {
			type: 'file',
			file: { filename: binary.fileName ?? `${name}.pdf`, file_data: dataUrl },
		};
	return { type: 'image_url', image_url: { url: dataUrl } };
}

/** Every field that is missing or of a type no model takes, checked before any file is read. */
function issuesWith(names: readonly string[], fields: Map<string, IBinaryData>): string[] {
	return names.flatMap((name) => {
		const binary = fields.get(name);
		if (binary === undefined) return [missingFieldIssue(name, [...fields.keys()])];
		return unsupportedTypeIssue(name, mediaTypeOf(binary)) ?? [];
	});
}

/**
 * The request with the item's files appended to its prompt, after the prompt's text. The bytes come
 * through n8n's binary helpers, so that files n8n keeps on disk or in S3 are read as well as those in memory.
 * The result is validated again, like any request, before anything is sent.
 */
export async function withBinaryFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	request: UnifiedChatRequest,
	names: readonly string[],
): Promise<UnifiedChatRequest> {
	const item = context.getInputData()[itemIndex];
	const fields = binaryFieldsOf(item);
	const issues = issuesWith(names, fields);
	if (issues.length > 0) throw new InvalidRequestError(issues);

	const parts: FilePart[] = [];
	for (const name of names) {
		const binary = fields.get(name) as IBinaryData;
		// A field under `binary` is named, so that n8n 1.x (which takes names only) reads it too.
		const reference = item.binary?.[name] === binary ? name : binary;
		parts.push(
			partFrom(name, binary, await context.helpers.getBinaryDataBuffer(itemIndex, reference)),
		);
	}
	const prompt = request.messages[request.messages.length - 1];
	const messages = [
		...request.messages.slice(0, -1),
		{ ...prompt, content: [{ type: 'text', text: prompt.content }, ...parts] },
	];
	const parsed = parseUnifiedRequest({ ...request, messages });
	if (!parsed.ok) throw new InvalidRequestError(parsed.issues);
	return parsed.request;
}
