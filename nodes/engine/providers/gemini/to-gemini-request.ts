import { isSystemMessage, textOf } from '../../request/message-content';
import type { ModelCallRequest } from '../provider-adapter';
import { assertTextOnlyRequest } from '../text-only-request';

export interface GeminiTextPart {
	text: string;
}

export interface GeminiContent {
	role: 'user' | 'model';
	parts: GeminiTextPart[];
}

export interface GeminiGenerationConfig {
	maxOutputTokens?: number;
	temperature?: number;
	topP?: number;
	stopSequences?: string[];
	presencePenalty?: number;
	frequencyPenalty?: number;
	seed?: number;
}

/** The body of `models/{model}:generateContent` (and `:streamGenerateContent`), as far as the engine sends it. */
export interface GeminiGenerateContentRequest {
	systemInstruction?: { parts: GeminiTextPart[] };
	contents: GeminiContent[];
	generationConfig?: GeminiGenerationConfig;
}

export interface GeminiRequestConversion {
	body: GeminiGenerateContentRequest;
	warnings: string[];
}

/** Gemini 1.x and 2.0 honour penalties; 2.5 and later refuse the fields with a 400 ("Penalty is not enabled"). */
const MODELS_WITH_PENALTIES = /^gemini-(1\.|2\.0)/;

function generationConfigOf(
	request: ModelCallRequest,
	warnings: string[],
): GeminiGenerationConfig | undefined {
	const config: GeminiGenerationConfig = {};
	if (request.max_tokens !== undefined) config.maxOutputTokens = request.max_tokens;
	if (request.temperature !== undefined) config.temperature = request.temperature;
	if (request.top_p !== undefined) config.topP = request.top_p;
	if (request.stop !== undefined && request.stop.length > 0)
		config.stopSequences = [...request.stop];
	if (request.seed !== undefined) config.seed = request.seed;
	// 0 is OpenAI's default and asks for nothing, so it is never sent (nor warned about).
	const penalties = [
		['presence_penalty', 'presencePenalty', request.presence_penalty],
		['frequency_penalty', 'frequencyPenalty', request.frequency_penalty],
	] as const;
	for (const [name, field, value] of penalties) {
		if (value === undefined || value === 0) continue;
		if (MODELS_WITH_PENALTIES.test(request.model)) config[field] = value;
		else
			warnings.push(
				`${name} is not supported by Google Gemini model ${request.model} and was not sent`,
			);
	}
	return Object.keys(config).length === 0 ? undefined : config;
}

/**
 * Translates the unified request into a Gemini generateContent body. Pure: the model and the stream flag go in the
 * URL, which the adapter builds.
 */
export function toGeminiRequest(request: ModelCallRequest): GeminiRequestConversion {
	assertTextOnlyRequest(request, 'Google Gemini');
	const warnings: string[] = [];
	const systemTexts: string[] = [];
	const contents: GeminiContent[] = [];

	request.messages.forEach((message, index) => {
		const text = textOf(message.content);
		// Gemini rejects a part whose text is empty ("required oneof field 'data' must have one initialized field").
		if (text === '') {
			warnings.push(
				`messages[${index}] (${message.role}) is empty and was not sent: Gemini refuses empty text`,
			);
			return;
		}
		if (isSystemMessage(message)) {
			systemTexts.push(text);
			return;
		}
		const role = message.role === 'assistant' ? 'model' : 'user';
		const previous = contents[contents.length - 1];
		// Gemini expects turns to alternate; consecutive messages of one role become one turn with several parts.
		if (previous !== undefined && previous.role === role) previous.parts.push({ text });
		else contents.push({ role, parts: [{ text }] });
	});

	const systemText = systemTexts.join('\n\n');
	const body: GeminiGenerateContentRequest = { contents };
	if (contents.length === 0 && systemText !== '') {
		// Gemini needs at least one turn in `contents`; a system-only prompt still deserves an answer.
		contents.push({ role: 'user', parts: [{ text: systemText }] });
		warnings.push(
			'Gemini needs a user or assistant message; the system message was sent as the user message',
		);
	} else if (systemText !== '') {
		body.systemInstruction = { parts: [{ text: systemText }] };
	}

	if (request.user !== undefined) {
		warnings.push('user is not supported by Google Gemini and was not sent');
	}
	const generationConfig = generationConfigOf(request, warnings);
	if (generationConfig !== undefined) body.generationConfig = generationConfig;
	return { body, warnings };
}
