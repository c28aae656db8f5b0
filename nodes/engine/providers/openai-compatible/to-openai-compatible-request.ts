import { FusionError } from '../../errors/fusion-error';
import type { BuiltChatRequest, ModelCallRequest, ProviderConnection } from '../provider-adapter';
import {
	openAiCompatibleHeaders,
	openAiCompatibleUrl,
	type ModelRule,
	type OpenAiCompatibleConfig,
	type SamplingParameter,
} from './openai-compatible-config';
import { effortFor, reasoningFields } from './openai-compatible-reasoning';
import { openAiCompatibleRequestGap } from './openai-compatible-request-gap';
import { jsonSchemaInstruction, toOpenAiCompatibleMessages } from './to-openai-compatible-messages';
import { toOpenAiCompatibleToolFields } from './to-openai-compatible-tools';

/** In the order they appear in the body. */
const SAMPLING_PARAMETERS: readonly SamplingParameter[] = [
	'temperature',
	'top_p',
	'frequency_penalty',
	'presence_penalty',
	'stop',
];

function rulesFor(config: OpenAiCompatibleConfig, model: string): ModelRule[] {
	return (config.modelRules ?? []).filter(
		(rule) => rule.models === undefined || rule.models.test(model),
	);
}

/** The first matching rule's setting, else the provider's. */
function ruled<Key extends 'tokenLimitField' | 'reasoning' | 'jsonMode'>(
	rules: readonly ModelRule[],
	config: OpenAiCompatibleConfig,
	key: Key,
): ModelRule[Key] | OpenAiCompatibleConfig[Key] {
	const rule = rules.find((candidate) => candidate[key] !== undefined);
	return rule === undefined ? config[key] : rule[key];
}

interface BodyParts {
	fields: Record<string, unknown>;
	/** Set when the JSON schema goes to the model as an instruction. */
	systemInstruction?: string;
}

/**
 * Why the model will not enforce a JSON schema, or undefined when it will: the provider's entry says so for
 * all or some of its models, the catalog for a model it knows with JSON mode but no structured outputs
 * (OpenAI's gpt-4-turbo).
 */
function schemaNotEnforced(
	request: ModelCallRequest,
	config: OpenAiCompatibleConfig,
	rules: readonly ModelRule[],
): string | undefined {
	if (ruled(rules, config, 'jsonMode') !== 'json_schema')
		return `${config.displayName} cannot enforce a schema`;
	const known = request.capabilities;
	if (known !== undefined && !known.json_schema && known.json_output) {
		return `${request.model} has a JSON mode but no structured outputs`;
	}
	return undefined;
}

/** response_format as the provider takes it: a schema it cannot enforce becomes JSON mode plus an instruction. */
function responseFormatParts(
	request: ModelCallRequest,
	config: OpenAiCompatibleConfig,
	rules: readonly ModelRule[],
	warnings: string[],
): BodyParts {
	const format = request.response_format;
	if (format === undefined) return { fields: {} };
	if (format.type !== 'json_schema') return { fields: { response_format: format } };
	const notEnforced = schemaNotEnforced(request, config, rules);
	if (notEnforced === undefined) return { fields: { response_format: format } };
	warnings.push(
		`response_format json_schema was sent to ${request.model} as json_object with the schema in the system message: ${notEnforced}, so the answer is checked against it afterwards`,
	);
	return {
		fields: { response_format: { type: 'json_object' } },
		systemInstruction: jsonSchemaInstruction(format.json_schema.schema),
	};
}

function reasoningParts(
	request: ModelCallRequest,
	config: OpenAiCompatibleConfig,
	rules: readonly ModelRule[],
	warnings: string[],
): Record<string, unknown> {
	const effort = request.reasoning_effort;
	if (effort === undefined) return {};
	const control = ruled(rules, config, 'reasoning');
	if (control === undefined || control === null) {
		warnings.push(
			`reasoning_effort was not sent to ${request.model}: ${config.displayName} documents no reasoning control for it`,
		);
		return {};
	}
	const mapped = effortFor(effort, control);
	if (mapped.substitute !== undefined) {
		warnings.push(
			`reasoning_effort ${effort} was sent to ${request.model} as ${mapped.substitute}, the nearest effort ${config.displayName} documents`,
		);
	}
	return reasoningFields(control.field, mapped.value);
}

/**
 * `seed` and `user` under the provider's names (what it does not take is dropped with a warning), and OpenRouter's
 * `provider` preferences, which the engine hands only to a provider that takes them.
 */
function seedAndUserFields(
	request: ModelCallRequest,
	config: OpenAiCompatibleConfig,
	warnings: string[],
): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const dropped = (field: string) =>
		warnings.push(
			`${field} was not sent to ${request.model}: ${config.displayName} does not take it`,
		);
	if (request.seed !== undefined) {
		if (config.seedField === undefined) dropped('seed');
		else fields[config.seedField] = request.seed;
	}
	if (request.user !== undefined) {
		if (config.takesUser) fields.user = request.user;
		else dropped('user');
	}
	if (request.provider !== undefined) fields.provider = request.provider;
	return fields;
}

/**
 * The chat/completions request for one OpenAI-compatible provider: only the fields the caller set, in the
 * provider's vocabulary (OpenAI's, except where its entry says otherwise); settings the provider or model
 * refuses are left out, or sent as the nearest it takes, and reported as warnings. A request the provider
 * cannot take at all (an image to a text-only API) is refused before anything is sent.
 */
export function toOpenAiCompatibleRequest(
	request: ModelCallRequest,
	connection: ProviderConnection,
	config: OpenAiCompatibleConfig,
): BuiltChatRequest {
	const gap = openAiCompatibleRequestGap(request, config);
	if (gap !== undefined) throw new FusionError({ kind: 'bad_request', message: gap });
	const rules = rulesFor(config, request.model);
	const warnings: string[] = [];
	const { fields: formatFields, systemInstruction } = responseFormatParts(
		request,
		config,
		rules,
		warnings,
	);
	const body: Record<string, unknown> = config.modelInBody ? { model: request.model } : {};
	body.messages = toOpenAiCompatibleMessages(request.messages, config, systemInstruction);
	if (request.max_tokens !== undefined) {
		body[ruled(rules, config, 'tokenLimitField') ?? config.tokenLimitField] = request.max_tokens;
	}
	for (const parameter of SAMPLING_PARAMETERS) {
		const value = request[parameter];
		// OpenAI rejects an empty stop list; no sequences means no stop setting.
		if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
		const refusal = rules.find((rule) => rule.unsupportedParameters?.includes(parameter));
		if (refusal === undefined) body[parameter] = value;
		else warnings.push(`${parameter} was not sent to ${request.model}: ${refusal.reason}`);
	}
	Object.assign(
		body,
		...rules.map((rule) => rule.extraFields ?? {}),
		toOpenAiCompatibleToolFields(request, config, warnings),
		formatFields,
		reasoningParts(request, config, rules, warnings),
		seedAndUserFields(request, config, warnings),
	);
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
