import type { SimulatedReply } from './provider-simulator';
import { asRecord } from './wire-json';

/**
 * What OpenAI's and Mistral's chat APIs refuse in a message's content parts, checked as strictly as they
 * check it, so that an adapter sending the wrong shape fails here as it would there.
 */

const OPENAI_USER_PARTS = ['text', 'image_url', 'input_audio', 'file'];
const OPENAI_DETAILS = ['auto', 'low', 'high'];

/** Each part with its `messages[i].content[j]` path, for the error to name it as the provider does. */
function partsOf(
	body: Record<string, unknown>,
): Array<{ role: unknown; part: unknown; path: string }> {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	return messages.flatMap((message, index) => {
		const record = asRecord(message);
		if (!Array.isArray(record?.content)) return [];
		return record.content.map((part, partIndex) => ({
			role: record.role,
			part,
			path: `messages[${index}].content[${partIndex}]`,
		}));
	});
}

function openAiPartProblem(role: unknown, part: unknown, path: string): string | undefined {
	const record = asRecord(part);
	const allowed = role === 'user' ? OPENAI_USER_PARTS : ['text'];
	if (record === undefined || !allowed.includes(String(record.type))) {
		return `Invalid value: '${String(record?.type)}'. Supported values are: ${allowed.map((type) => `'${type}'`).join(', ')}. (param: ${path}.type)`;
	}
	if (record.type === 'text' && typeof record.text !== 'string')
		return `Missing required parameter: '${path}.text'.`;
	if (record.type === 'image_url') {
		const image = asRecord(record.image_url);
		if (image === undefined || typeof image.url !== 'string')
			return `Invalid type for '${path}.image_url': expected an object, but got ${typeof record.image_url} instead.`;
		if (image.detail !== undefined && !OPENAI_DETAILS.includes(String(image.detail)))
			return `Invalid value: '${String(image.detail)}'. Supported values are: 'auto', 'low', and 'high'. (param: ${path}.image_url.detail)`;
	}
	if (record.type === 'file') {
		const file = asRecord(record.file);
		if (
			file === undefined ||
			(typeof file.file_data !== 'string' && typeof file.file_id !== 'string')
		)
			return `Missing required parameter: '${path}.file.file_data' or '${path}.file.file_id'.`;
	}
	return undefined;
}

/** OpenAI's 400 message for the first part it would refuse; undefined when it takes them all. */
export function openAiPartsProblem(body: Record<string, unknown>): string | undefined {
	for (const { role, part, path } of partsOf(body)) {
		const problem = openAiPartProblem(role, part, path);
		if (problem !== undefined) return problem;
	}
	return undefined;
}

const MISTRAL_ROLES = ['system', 'user', 'assistant', 'tool'];
const MISTRAL_USER_PARTS = ['text', 'image_url', 'document_url', 'input_audio', 'file', 'thinking'];

function mistralPartProblem(part: unknown): string | undefined {
	const record = asRecord(part);
	if (record === undefined || !MISTRAL_USER_PARTS.includes(String(record.type)))
		return 'Input tag does not match any of the expected tags';
	// Mistral's own file part points to an uploaded file by id; OpenAI's inline file_data is not its shape.
	if (record.type === 'file' && typeof record.file_id !== 'string') return 'Field required';
	if (record.type === 'document_url' && typeof record.document_url !== 'string')
		return 'Input should be a valid string';
	if (record.type === 'image_url') {
		const image = record.image_url;
		if (typeof image !== 'string' && typeof asRecord(image)?.url !== 'string')
			return 'Input should be a valid string or an object with "url"';
	}
	return undefined;
}

/** Mistral's 422 for a role or part it does not know, in FastAPI's validation format. */
export function mistralMessagesProblem(body: Record<string, unknown>): SimulatedReply | undefined {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	const detail: Array<{ type: string; loc: Array<string | number>; msg: string }> = [];
	messages.forEach((message, index) => {
		const role = asRecord(message)?.role;
		if (!MISTRAL_ROLES.includes(String(role)))
			detail.push({
				type: 'union_tag_invalid',
				loc: ['body', 'messages', index],
				msg: `Input tag '${String(role)}' found using 'role' does not match any of the expected tags`,
			});
	});
	for (const { part, path } of partsOf(body)) {
		const msg = mistralPartProblem(part);
		if (msg !== undefined)
			detail.push({
				type: 'value_error',
				loc: ['body', ...path.split(/[[\].]+/).filter(Boolean)],
				msg,
			});
	}
	return detail.length === 0 ? undefined : { status: 422, json: { detail } };
}
