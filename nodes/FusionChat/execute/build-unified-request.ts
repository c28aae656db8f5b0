import { parseUnifiedRequest, type ChatMessage, type UnifiedChatRequest } from '../../engine';
import type { ReadParameter } from '../../shared/item-parameters';
import { InvalidRequestError, jsonFieldValue, parseJson } from './invalid-request';
import { responseFormatFromFields } from './response-format-from-fields';
import { toolsFromFields } from './tools-from-fields';

interface ModelParameters {
	stream?: boolean;
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	frequencyPenalty?: number;
	presencePenalty?: number;
	stop?: string;
	reasoningEffort?: string;
}

function locatorValue(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (value !== null && typeof value === 'object' && 'value' in value)
		return String((value as { value: unknown }).value ?? '').trim();
	return '';
}

interface CandidateFields {
	model?: unknown;
	weight?: number;
	maxCostPer1kTokens?: number;
	minPerformanceScore?: number;
}

/** The `model` of the unified request, from the strategy fields. Zero caps and weight 1 are the defaults. */
export function modelSpecFromFields(read: ReadParameter): unknown {
	const strategy = read('strategy', 'fallback') as string;
	if (strategy === 'fallback') {
		const model = locatorValue(read('model', ''));
		const fallbacks = read('fallbackModels.models', []) as CandidateFields[];
		const ids = [
			model,
			...fallbacks.map((entry) => locatorValue(entry.model)).filter((id) => id !== ''),
		];
		const hedgeAfterMs = read('hedgeAfterMs', 0) as number;
		if (hedgeAfterMs > 0) return { strategy, models: ids, hedge_after_ms: hedgeAfterMs };
		return ids.length > 1 ? ids : model;
	}
	const entries = read('candidates.models', []) as CandidateFields[];
	const models = entries.map((entry) => {
		const id = locatorValue(entry.model);
		const candidate: Record<string, unknown> = { id };
		if (entry.weight !== undefined && entry.weight !== 1) candidate.weight = entry.weight;
		if (entry.maxCostPer1kTokens) candidate.max_cost_per_1k_tokens = entry.maxCostPer1kTokens;
		if (entry.minPerformanceScore) candidate.min_performance_score = entry.minPerformanceScore;
		return Object.keys(candidate).length === 1 ? id : candidate;
	});
	if (strategy !== 'best_of') return { strategy, models };
	const selection = read('selection', 'consensus') as string;
	const judgeModel =
		selection === 'judge' || selection === 'fuse' ? locatorValue(read('judgeModel', '')) : '';
	return { strategy, models, selection, ...(judgeModel === '' ? {} : { judge_model: judgeModel }) };
}

/** The request's sampling settings from the Model Parameters collection; unset ones are undefined. */
export function samplingFromFields(read: ReadParameter): Record<string, unknown> {
	const parameters = read('parameters', {}) as ModelParameters;
	const stop = parameters.stop?.split('\n').filter((line) => line !== '');
	return {
		max_tokens: parameters.maxTokens,
		temperature: parameters.temperature,
		top_p: parameters.topP,
		frequency_penalty: parameters.frequencyPenalty,
		presence_penalty: parameters.presencePenalty,
		stop: stop && stop.length > 0 ? stop : undefined,
		stream: parameters.stream === true ? true : undefined,
		reasoning_effort: parameters.reasoningEffort,
	};
}

function requestFromFields(read: ReadParameter): Record<string, unknown> {
	const prompt = read('prompt', '');
	const systemMessage = read('systemMessage', '');

	const messages: Array<Partial<ChatMessage> & { content: unknown }> = [];
	if (typeof systemMessage === 'string' && systemMessage.trim() !== '')
		messages.push({ role: 'system', content: systemMessage });
	messages.push({
		role: 'user',
		content: typeof prompt === 'string' ? prompt : JSON.stringify(prompt),
	});

	return {
		model: modelSpecFromFields(read),
		messages,
		...samplingFromFields(read),
		response_format: responseFormatFromFields(read),
		tools: toolsFromFields(read),
		provider: jsonFieldValue(
			read('options.openRouterProvider', ''),
			'Options → OpenRouter Provider Preferences',
		),
	};
}

function requestFromJson(read: ReadParameter): unknown {
	const raw = read('requestJson');
	if (typeof raw !== 'string') return raw;
	const parsed = parseJson(raw);
	if (!parsed.ok)
		throw new InvalidRequestError([`requestJson is not valid JSON (${parsed.reason})`]);
	return parsed.value;
}

export function withoutUndefined(request: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}

/** One item's parameters as a validated unified request; throws InvalidRequestError naming the fields. */
export function buildUnifiedRequest(read: ReadParameter): UnifiedChatRequest {
	const inputMode = read('inputMode', 'fields') as string;
	const candidate =
		inputMode === 'json' ? requestFromJson(read) : withoutUndefined(requestFromFields(read));
	if (inputMode === 'fields') {
		const messages = (candidate as { messages: Array<{ role: string; content: unknown }> })
			.messages;
		const prompt = messages[messages.length - 1];
		if (typeof prompt.content === 'string' && prompt.content.trim() === '') {
			throw new InvalidRequestError([
				'Prompt is empty: enter the message to send, or an expression such as {{ $json.text }}',
			]);
		}
	}
	const parsed = parseUnifiedRequest(candidate);
	if (!parsed.ok) throw new InvalidRequestError(parsed.issues);
	return parsed.request;
}
