import type { MockReply } from './mock-provider-server';
import { simulatedToolCall, type SimulatedToolCall } from './simulated-tool-call';
import { asRecord } from './wire-json';

/**
 * Gemini's strictness on the request parts the engine sends (contents, function calls and responses, JSON output,
 * thinking), so that a request the real API would refuse with a 400 is refused here too; the thought summary a
 * thinking model puts before its answer, so that tests prove it never becomes the answer; and function calls
 * signed as Gemini signs them, so that tests prove the signature comes back. The model facts here are written from Google's
 * documentation on their own, not taken from the adapter, so that the two can disagree.
 */

type JsonObject = Record<string, unknown>;

/** Types Gemini reads inline or by URL, as far as the engine sends them (images and PDFs). */
const MEDIA_TYPES = new Set([
	'image/png',
	'image/jpeg',
	'image/webp',
	'image/heic',
	'image/heif',
	'application/pdf',
]);

const DATA_FIELDS = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'];

/** The fields of Gemini's `Schema` object; responseSchema refuses any other name. */
const SCHEMA_FIELDS = new Set([
	'anyOf',
	'default',
	'description',
	'enum',
	'example',
	'format',
	'items',
	'maxItems',
	'maxLength',
	'maxProperties',
	'maximum',
	'minItems',
	'minLength',
	'minProperties',
	'minimum',
	'nullable',
	'pattern',
	'properties',
	'propertyOrdering',
	'required',
	'title',
	'type',
]);

function isGemini3(model: string): boolean {
	return /^gemini-3/.test(model);
}

function mediaProblem(mimeType: unknown, where: string): string | undefined {
	if (typeof mimeType !== 'string' || mimeType === '')
		return `* GenerateContentRequest.${where}.mime_type: mime_type is not specified`;
	if (!MEDIA_TYPES.has(mimeType))
		return `Unable to submit request because it has a mimeType parameter with value ${mimeType}, which is not supported.`;
	return undefined;
}

function partProblem(part: JsonObject, where: string): string | undefined {
	const set = DATA_FIELDS.filter((field) => part[field] !== undefined && part[field] !== '');
	if (set.length !== 1)
		return `* GenerateContentRequest.${where}.data: required oneof field 'data' must have one initialized field`;
	const inline = asRecord(part.inlineData);
	if (inline) {
		const problem = mediaProblem(inline.mimeType, `${where}.inline_data`);
		if (problem) return problem;
		if (typeof inline.data !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(inline.data))
			return `Invalid value at '${where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed`;
	}
	const file = asRecord(part.fileData);
	if (file) {
		if (typeof file.fileUri !== 'string' || !/^https:\/\//.test(file.fileUri))
			return `* GenerateContentRequest.${where}.file_data.file_uri: Unsupported file uri`;
		return mediaProblem(file.mimeType, `${where}.file_data`);
	}
	const call = asRecord(part.functionCall);
	if (call && (typeof call.name !== 'string' || (call.args !== undefined && !asRecord(call.args))))
		return `* GenerateContentRequest.${where}.function_call: name and an args object are required`;
	const response = asRecord(part.functionResponse);
	if (response && (typeof response.name !== 'string' || !asRecord(response.response)))
		return `* GenerateContentRequest.${where}.function_response: name and a response object are required`;
	return undefined;
}

/** The thought signature this simulator gives a call of the named function. */
export function simulatedThoughtSignature(name: string): string {
	return Buffer.from(`simulated thought before calling ${name}`).toString('base64');
}

/** Google's documented stand-in for a call whose signature is lost. */
const SKIP_SIGNATURE = 'skip_thought_signature_validator';

function partsOf(content: unknown): JsonObject[] {
	const parts = asRecord(content)?.parts;
	return Array.isArray(parts) ? parts.map((part) => asRecord(part) ?? {}) : [];
}

/** A turn of function responses answers the calls of the model turn right before it, one response per call. */
function functionResponseProblem(contents: unknown[], index: number): string | undefined {
	const responses = partsOf(contents[index]).filter((part) => part.functionResponse !== undefined);
	if (responses.length === 0) return undefined;
	const calls = partsOf(contents[index - 1]).filter((part) => part.functionCall !== undefined);
	if (asRecord(contents[index - 1])?.role !== 'model' || calls.length === 0)
		return 'Please ensure that function response turn comes immediately after a function call turn.';
	if (responses.length !== calls.length)
		return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
	return undefined;
}

/** A signature Gemini did not give (nor the stand-in) is refused as Gemini refuses a damaged one. */
function signatureProblem(part: JsonObject): string | undefined {
	const signature = part.thoughtSignature;
	if (signature === undefined || signature === SKIP_SIGNATURE) return undefined;
	const name = String(asRecord(part.functionCall)?.name);
	return signature === simulatedThoughtSignature(name) ? undefined : 'Corrupted thought signature.';
}

function contentsProblem(contents: unknown[], model: string): string | undefined {
	for (const [index, value] of contents.entries()) {
		const toolTurn = functionResponseProblem(contents, index);
		if (toolTurn) return toolTurn;
		const content = asRecord(value);
		const parts = content?.parts;
		if (!Array.isArray(parts) || parts.length === 0)
			return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`;
		if (content?.role !== undefined && content.role !== 'user' && content.role !== 'model')
			return `Please use a valid role: user, model.`;
		for (const [partIndex, part] of parts.entries()) {
			const record = asRecord(part) ?? {};
			const problem =
				partProblem(record, `contents[${index}].parts[${partIndex}]`) ?? signatureProblem(record);
			if (problem) return problem;
		}
		const firstCall = parts.map(asRecord).find((part) => part?.functionCall !== undefined);
		if (
			isGemini3(model) &&
			firstCall !== undefined &&
			typeof firstCall.thoughtSignature !== 'string'
		)
			return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`${String(asRecord(firstCall.functionCall)?.name)}\` , position ${index + 1}.`;
	}
	return undefined;
}

function schemaProblem(schema: unknown, where: string): string | undefined {
	const node = asRecord(schema);
	if (node === undefined) return undefined;
	for (const [field, value] of Object.entries(node)) {
		if (!SCHEMA_FIELDS.has(field))
			return `Invalid JSON payload received. Unknown name "${field}" at '${where}': Cannot find field.`;
		if (field === 'properties') {
			for (const [name, property] of Object.entries(asRecord(value) ?? {})) {
				const problem = schemaProblem(property, `${where}.properties[${name}].value`);
				if (problem) return problem;
			}
		}
		if (field === 'items' || field === 'anyOf') {
			for (const child of Array.isArray(value) ? value : [value]) {
				const problem = schemaProblem(child, `${where}.${field}`);
				if (problem) return problem;
			}
		}
	}
	return undefined;
}

/** Thinking budgets Gemini 2.5 takes: [smallest non-zero, largest, whether 0 turns thinking off]. */
function budgetRange(model: string): [number, number, boolean] | undefined {
	if (/^gemini-2\.5-pro/.test(model)) return [128, 32_768, false];
	if (/^gemini-2\.5-flash-lite/.test(model)) return [512, 24_576, true];
	if (/^gemini-2\.5/.test(model)) return [1, 24_576, true];
	return undefined;
}

function thinkingLevels(model: string): string[] {
	if (/^gemini-3-pro/.test(model)) return ['low', 'high'];
	if (/^gemini-3(\.\d)?-flash/.test(model)) return ['minimal', 'low', 'medium', 'high'];
	return ['low', 'medium', 'high'];
}

function thinkingProblem(thinking: JsonObject, model: string): string | undefined {
	const { thinkingBudget: budget, thinkingLevel: level } = thinking;
	if (budget !== undefined && level !== undefined)
		return 'You can only set only one of thinking budget and thinking level.';
	if (!isGemini3(model) && budgetRange(model) === undefined)
		return `Thinking is not enabled for models/${model}`;
	if (level !== undefined) {
		if (!isGemini3(model)) return 'Thinking level is not supported for this model.';
		if (typeof level !== 'string' || !thinkingLevels(model).includes(level.toLowerCase()))
			return `Thinking level ${String(level).toUpperCase()} is not supported for this model.`;
	}
	const range = budgetRange(model);
	if (typeof budget === 'number' && range !== undefined && budget !== -1) {
		const [min, max, canTurnOff] = range;
		if (budget === 0 && !canTurnOff)
			return 'Budget 0 is invalid. This model only works in thinking mode.';
		if (budget !== 0 && (budget < min || budget > max))
			return `The thinking budget ${budget} is invalid. Please choose a value between ${min} and ${max}.`;
	}
	return undefined;
}

function generationConfigProblem(config: JsonObject, model: string): string | undefined {
	const hasSchema = config.responseSchema !== undefined || config.responseJsonSchema !== undefined;
	if (config.responseSchema !== undefined && config.responseJsonSchema !== undefined)
		return 'response_schema and response_json_schema cannot both be set.';
	if (hasSchema && config.responseMimeType !== 'application/json')
		return 'response_mime_type must be application/json when a response schema is set.';
	const schema = schemaProblem(config.responseSchema, 'generation_config.response_schema');
	if (schema) return schema;
	const thinking = asRecord(config.thinkingConfig);
	return thinking ? thinkingProblem(thinking, model) : undefined;
}

function callingConfigOf(body: JsonObject): JsonObject | undefined {
	return asRecord(asRecord(body.toolConfig)?.functionCallingConfig);
}

function declarationsOf(body: JsonObject): JsonObject[] {
	const tools = Array.isArray(body.tools) ? body.tools : [];
	return tools.flatMap((tool) => {
		const declarations = asRecord(tool)?.functionDeclarations;
		return Array.isArray(declarations) ? declarations.map((item) => asRecord(item) ?? {}) : [];
	});
}

/** Gemini takes functions beside a JSON answer from Gemini 3 on, and then only when no call is forced. */
function toolsWithJsonProblem(body: JsonObject, model: string): string | undefined {
	const json = asRecord(body.generationConfig)?.responseMimeType === 'application/json';
	if (!json || declarationsOf(body).length === 0) return undefined;
	if (!isGemini3(model))
		return "Function calling with a response mime type: 'application/json' is unsupported";
	if (callingConfigOf(body)?.mode === 'ANY')
		return "Forced function calling (ANY mode) with a response mime type: 'application/json' is unsupported";
	return undefined;
}

/** What Gemini would refuse in this generateContent body, in its own words where they are known. */
export function geminiWireProblem(body: JsonObject, model: string): string | undefined {
	const contents = contentsProblem(body.contents as unknown[], model);
	if (contents) return contents;
	const tools = toolsWithJsonProblem(body, model);
	if (tools) return tools;
	const config = asRecord(body.generationConfig);
	return config ? generationConfigProblem(config, model) : undefined;
}

/** What a simulated Gemini does about the functions it is offered. */
export interface GeminiToolTurn {
	/** The function it calls, when no function response is back yet. */
	toolCall?: SimulatedToolCall;
	/** The responses of the last user turn, which a text answer reports. */
	toolResults?: string[];
}

function responseText(functionResponse: unknown): string {
	const response = asRecord(asRecord(functionResponse)?.response);
	return typeof response?.result === 'string' ? response.result : JSON.stringify(response);
}

export function geminiToolTurn(body: JsonObject): GeminiToolTurn {
	const contents = body.contents as unknown[];
	const config = callingConfigOf(body);
	const allowed = Array.isArray(config?.allowedFunctionNames) ? config.allowedFunctionNames : [];
	const offered = declarationsOf(body).map((declaration) => ({
		name: String(declaration.name),
		parameters: declaration.parametersJsonSchema ?? declaration.parameters,
	}));
	const toolCall = simulatedToolCall(offered, {
		forced: typeof allowed[0] === 'string' ? allowed[0] : undefined,
		toolResultSeen: contents.some((content) =>
			partsOf(content).some((part) => part.functionResponse !== undefined),
		),
		toolsDisabled: config?.mode === 'NONE',
	});
	const results = partsOf(contents[contents.length - 1])
		.filter((part) => part.functionResponse !== undefined)
		.map((part) => responseText(part.functionResponse));
	return {
		...(toolCall === undefined ? {} : { toolCall }),
		...(results.length === 0 ? {} : { toolResults: results }),
	};
}

/** The call as Gemini sends it: a whole functionCall part, signed, with no id of its own. */
export function geminiFunctionCallPart(call: SimulatedToolCall): JsonObject {
	return {
		functionCall: { name: call.name, args: call.arguments },
		thoughtSignature: simulatedThoughtSignature(call.name),
	};
}

/** A request that asks to think: a thinking level, or a budget other than 0. */
export function geminiThinks(body: JsonObject): boolean {
	const thinking = asRecord(asRecord(body.generationConfig)?.thinkingConfig);
	return thinking !== undefined && thinking.thinkingBudget !== 0;
}

export const SIMULATED_THOUGHT = '**Weighing the request** I should answer briefly.';
const THOUGHT_TOKENS = 40;

function withThoughtTokens(response: JsonObject): JsonObject {
	const usage = asRecord(response.usageMetadata) ?? {};
	const total = typeof usage.totalTokenCount === 'number' ? usage.totalTokenCount : 0;
	return {
		...response,
		usageMetadata: {
			...usage,
			thoughtsTokenCount: THOUGHT_TOKENS,
			totalTokenCount: total + THOUGHT_TOKENS,
		},
	};
}

/**
 * A thinking model's reply: its thought summary first (a part flagged `thought: true`; a chunk of its own when
 * streamed), then the answer; the thinking tokens in every usageMetadata, which Gemini reports as running totals.
 */
export function withGeminiThought<Reply extends MockReply>(reply: Reply): Reply {
	const thoughtPart = { text: SIMULATED_THOUGHT, thought: true };
	if ('json' in reply) {
		const response = asRecord(reply.json) ?? {};
		const [candidate] = (response.candidates as JsonObject[] | undefined) ?? [];
		const content = asRecord(candidate?.content);
		const parts = (content?.parts as unknown[] | undefined) ?? [];
		const candidates = [{ ...candidate, content: { ...content, parts: [thoughtPart, ...parts] } }];
		return { ...reply, json: withThoughtTokens({ ...response, candidates }) };
	}
	if (!('sse' in reply) || reply.sse.length === 0) return reply;
	const chunks = reply.sse.map((event) => withThoughtTokens(JSON.parse(event.data) as JsonObject));
	const first = chunks[0];
	const thoughtChunk = {
		...first,
		candidates: [{ content: { parts: [thoughtPart], role: 'model' }, index: 0 }],
	};
	return {
		...reply,
		sse: [thoughtChunk, ...chunks].map((chunk) => ({ data: JSON.stringify(chunk) })),
	};
}
