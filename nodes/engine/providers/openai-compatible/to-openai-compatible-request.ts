import type { BuiltChatRequest, ModelCallRequest, ProviderConnection } from '../provider-adapter';
import {
	openAiCompatibleHeaders,
	openAiCompatibleUrl,
	type ModelRule,
	type OpenAiCompatibleConfig,
	type SamplingParameter,
} from './openai-compatible-config';

/** In the order they appear in the body. */
const SAMPLING_PARAMETERS: readonly SamplingParameter[] = [
	'temperature',
	'top_p',
	'frequency_penalty',
	'presence_penalty',
	'stop',
];

const PASSED_THROUGH = ['response_format', 'reasoning_effort', 'seed', 'user'] as const;

function rulesFor(config: OpenAiCompatibleConfig, model: string): ModelRule[] {
	return (config.modelRules ?? []).filter(
		(rule) => rule.models === undefined || rule.models.test(model),
	);
}

/**
 * The chat/completions request for one OpenAI-compatible provider: only the fields the caller set, in OpenAI's
 * vocabulary; settings the provider or model refuses are left out and reported as warnings.
 */
export function toOpenAiCompatibleRequest(
	request: ModelCallRequest,
	connection: ProviderConnection,
	config: OpenAiCompatibleConfig,
): BuiltChatRequest {
	const rules = rulesFor(config, request.model);
	const tokenLimitField =
		rules.find((rule) => rule.tokenLimitField !== undefined)?.tokenLimitField ??
		config.tokenLimitField;
	const warnings: string[] = [];
	const body: Record<string, unknown> = config.modelInBody ? { model: request.model } : {};
	body.messages = request.messages;
	if (request.max_tokens !== undefined) body[tokenLimitField] = request.max_tokens;
	for (const parameter of SAMPLING_PARAMETERS) {
		const value = request[parameter];
		// OpenAI rejects an empty stop list; no sequences means no stop setting.
		if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
		const refusal = rules.find((rule) => rule.unsupportedParameters?.includes(parameter));
		if (refusal === undefined) body[parameter] = value;
		else warnings.push(`${parameter} was not sent to ${request.model}: ${refusal.reason}`);
	}
	// Passed as the user wrote them; what each provider refuses is for its own rules to say.
	for (const field of PASSED_THROUGH) {
		if (request[field] !== undefined) body[field] = request[field];
	}
	if (request.stream) {
		body.stream = true;
		if (config.streamUsageOption) body.stream_options = { include_usage: true };
	}
	return {
		http: {
			method: 'POST',
			url: openAiCompatibleUrl(config, connection, config.chatPath, request.model),
			headers: {
				...openAiCompatibleHeaders(config, connection),
				'content-type': 'application/json',
				accept: request.stream ? 'text/event-stream' : 'application/json',
			},
			body,
		},
		warnings,
	};
}
