import { FusionError } from '../../errors/fusion-error';
import type { ModelCallRequest } from '../provider-adapter';
import { toolsWithJsonGap } from './gemini-request-gap';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from './gemini-request-types';
import { toGeminiContents } from './to-gemini-contents';
import { toGeminiResponseFormat } from './to-gemini-response-format';
import { toGeminiThinkingConfig } from './to-gemini-thinking-config';
import { toGeminiToolUse } from './to-gemini-tools';

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
	Object.assign(config, toGeminiResponseFormat(request.response_format, request.model, warnings));
	const thinkingConfig = toGeminiThinkingConfig(request.reasoning_effort, request.model, warnings);
	if (thinkingConfig !== undefined) config.thinkingConfig = thinkingConfig;
	return Object.keys(config).length === 0 ? undefined : config;
}

/**
 * Translates the unified request into a Gemini generateContent body. Pure: the model and the stream flag go in the
 * URL, which the adapter builds. Throws a bad_request FusionError for what Gemini cannot be sent (see
 * toGeminiContents and geminiRequestGap).
 */
export function toGeminiRequest(request: ModelCallRequest): GeminiRequestConversion {
	const toolsGap = toolsWithJsonGap(request);
	if (toolsGap !== undefined) throw new FusionError({ kind: 'bad_request', message: toolsGap });
	const warnings: string[] = [];
	const { systemText, contents } = toGeminiContents(request.messages, request.model, warnings);
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
	Object.assign(body, toGeminiToolUse(request, warnings));
	const generationConfig = generationConfigOf(request, warnings);
	if (generationConfig !== undefined) body.generationConfig = generationConfig;
	return { body, warnings };
}
