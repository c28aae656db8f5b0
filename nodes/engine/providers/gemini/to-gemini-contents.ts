import { FusionError } from '../../errors/fusion-error';
import { parseDataUrl } from '../../request/data-url';
import { isSystemMessage, textOf } from '../../request/message-content';
import type {
	AssistantMessage,
	ChatMessage,
	ContentPart,
	ToolMessage,
} from '../../request/unified-request';
import { parseJson } from '../parse-json';
import { geminiImagePart } from './gemini-image-part';
import { geminiModelTraits } from './gemini-model-traits';
import { geminiCallOfToolCallId } from './gemini-tool-call-id';
import type {
	GeminiContent,
	GeminiFunctionCallPart,
	GeminiRequestPart,
} from './gemini-request-types';

/**
 * Gemini 3 refuses a function call in the history without the thought signature it gave the call. A call Gemini
 * made carries its signature in its id (gemini-tool-call-id.ts); one that carries none (another model made it)
 * gets the value Google documents for this case, which tells Gemini to skip the check.
 */
const FOREIGN_CALL_SIGNATURE = 'skip_thought_signature_validator';

export interface GeminiConversation {
	systemText: string;
	contents: GeminiContent[];
}

function badRequest(message: string): FusionError {
	return new FusionError({ kind: 'bad_request', message });
}

function partOf(part: ContentPart, model: string, field: string): GeminiRequestPart | undefined {
	switch (part.type) {
		case 'text':
			// Gemini rejects a part whose text is empty ("required oneof field 'data' must have one initialized field").
			return part.text === '' ? undefined : { text: part.text };
		case 'image_url': {
			const image = geminiImagePart(part.image_url.url, model, `${field}.image_url.url`);
			if ('problem' in image) throw badRequest(image.problem);
			return image.part;
		}
		case 'file':
			// The edge only lets PDF data URLs through.
			return {
				inlineData: {
					mimeType: 'application/pdf',
					data: parseDataUrl(part.file.file_data)?.base64 ?? '',
				},
			};
	}
}

function contentParts(
	content: string | readonly ContentPart[] | null | undefined,
	model: string,
	field: string,
): GeminiRequestPart[] {
	if (typeof content !== 'object' || content === null) {
		const text = textOf(content);
		return text === '' ? [] : [{ text }];
	}
	return content.flatMap((part, index) => partOf(part, model, `${field}[${index}]`) ?? []);
}

/** Gemini's args are an object; an empty arguments text is how some models write a call without arguments. */
function argsOf(text: string, field: string): Record<string, unknown> {
	if (text.trim() === '') return {};
	const args = parseJson(text);
	if (args === undefined) throw badRequest(`${field} is not valid JSON`);
	if (typeof args !== 'object' || args === null || Array.isArray(args)) {
		throw badRequest(`${field} must be a JSON object: Gemini takes a function's arguments as one`);
	}
	return args as Record<string, unknown>;
}

function functionCallParts(
	message: AssistantMessage,
	index: number,
	signed: boolean,
): GeminiFunctionCallPart[] {
	return (message.tool_calls ?? []).map((call, callIndex) => {
		const field = `messages[${index}].tool_calls[${callIndex}].function.arguments`;
		const { callId, thoughtSignature } = geminiCallOfToolCallId(call.id);
		const part: GeminiFunctionCallPart = {
			functionCall: {
				id: callId,
				name: call.function.name,
				args: argsOf(call.function.arguments, field),
			},
		};
		// Gemini signs the first call of a turn only; parallel calls after it carry no signature.
		const signature =
			thoughtSignature ?? (signed && callIndex === 0 ? FOREIGN_CALL_SIGNATURE : undefined);
		if (signature !== undefined) part.thoughtSignature = signature;
		return part;
	});
}

function functionResponsePart(
	message: ToolMessage,
	index: number,
	functionNames: ReadonlyMap<string, string>,
): GeminiRequestPart {
	const name = functionNames.get(message.tool_call_id);
	if (name === undefined) {
		throw badRequest(
			`messages[${index}].tool_call_id "${message.tool_call_id}" matches no tool call of an earlier assistant message; Gemini needs the function's name`,
		);
	}
	return {
		functionResponse: {
			id: geminiCallOfToolCallId(message.tool_call_id).callId,
			name,
			response: { result: textOf(message.content) },
		},
	};
}

function hasImageDetail(messages: readonly ChatMessage[]): boolean {
	return messages.some(
		(message) =>
			message.role === 'user' &&
			typeof message.content !== 'string' &&
			message.content.some(
				(part) => part.type === 'image_url' && (part.image_url.detail ?? 'auto') !== 'auto',
			),
	);
}

/**
 * The messages as Gemini's contents: system and developer text joined into one system instruction, assistant
 * turns as `model`, tool results as functionResponse parts of a user turn. Consecutive messages of one role become
 * one turn, as Gemini expects turns to alternate. Throws a bad_request FusionError naming the field of what cannot
 * be sent (arguments that are not JSON, a tool result for no call, an image Gemini does not read).
 */
export function toGeminiContents(
	messages: readonly ChatMessage[],
	model: string,
	warnings: string[],
): GeminiConversation {
	const systemTexts: string[] = [];
	const contents: GeminiContent[] = [];
	const functionNames = new Map<string, string>();
	const signsCalls = geminiModelTraits(model).thinking.kind === 'level';

	messages.forEach((message, index) => {
		const field = `messages[${index}].content`;
		let parts: GeminiRequestPart[];
		if (message.role === 'tool') {
			parts = [functionResponsePart(message, index, functionNames)];
		} else if (message.role === 'assistant') {
			for (const call of message.tool_calls ?? []) functionNames.set(call.id, call.function.name);
			parts = [
				...contentParts(message.content, model, field),
				...functionCallParts(message, index, signsCalls),
			];
		} else {
			parts = contentParts(message.content, model, field);
		}
		if (parts.length === 0) {
			warnings.push(
				`messages[${index}] (${message.role}) is empty and was not sent: Gemini refuses empty text`,
			);
			return;
		}
		if (isSystemMessage(message)) {
			systemTexts.push(textOf(message.content));
			return;
		}
		const role = message.role === 'assistant' ? 'model' : 'user';
		const previous = contents[contents.length - 1];
		if (previous !== undefined && previous.role === role) previous.parts.push(...parts);
		else contents.push({ role, parts });
	});
	if (hasImageDetail(messages)) {
		warnings.push('image_url.detail is not supported by Google Gemini and was not sent');
	}

	return { systemText: systemTexts.join('\n\n'), contents };
}
