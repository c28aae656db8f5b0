import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cacheKeyOf, responseCache, type ResponseCache } from '../cache/response-cache';
import { AllModelsFailedError } from '../errors/all-models-failed-error';
import { FusionError } from '../errors/fusion-error';
import { PartialAnswerError } from '../errors/partial-answer-error';
import { resolveModelId, type ResolvedModel } from '../models/resolve-model-id';
import { credentialKeyOf } from '../providers/credential-key';
import type { ModelAnswer, ProviderDefinition, ProviderId } from '../providers/provider-adapter';
import type { ModelSpec, UnifiedChatRequest } from '../request/unified-request';
import { modelStats as processModelStats } from '../stats/model-stats';
import { runBestOfStrategy, type BestOfSelection } from '../strategies/best-of-strategy';
import { toCandidate, type Candidate } from '../strategies/candidate';
import { raceCandidates, runFallbackStrategy, type StrategyResult } from '../strategies/fallback-strategy';
import { DEFAULT_HEALTH_POLICY, healthKeyOf, modelHealth, type HealthPolicy } from '../strategies/model-health';
import {
	orderByExpectedCost,
	orderByLatency,
	orderByPerformance,
	roundRobinOrder,
	weightedRandomOrder,
	type CandidateObservations,
} from '../strategies/order-candidates';
import { screenCandidates } from '../strategies/screen-candidates';
import type { CallSettings } from './call-model';
import type { Attempt, ChatCompletionOutput, FusionMetadata } from './chat-output';
import { costOfAnswer } from './cost';
import { BudgetExceededError, type SpendBudget } from './spend-budget';

export interface ChatSettings extends CallSettings {
	/** The execution's spend cap, shared by its items. */
	budget?: SpendBudget;
	health?: HealthPolicy;
	/** For weighted's random choice; tests pass a deterministic one. */
	random?: () => number;
	/** best_of: candidates asked at once. */
	bestOfConcurrency?: number;
	/** Answer identical requests from memory for `ttlMs`; keys are prefixed with `scope`. */
	cache?: { ttlMs: number; scope: string; store?: ResponseCache };
}

export interface RoutingPlan {
	strategy: FusionMetadata['strategy'];
	candidates: Candidate[];
	selection?: BestOfSelection;
	judge?: ResolvedModel;
	hedgeAfterMs?: number;
}

const DEFAULT_BEST_OF_CONCURRENCY = 8;

/** Turns the request's `model` into a strategy and resolved candidates; every id is checked before any call. */
export function planRouting(model: ModelSpec): RoutingPlan {
	if (typeof model === 'string') return { strategy: 'single', candidates: [toCandidate(model)] };
	if (Array.isArray(model)) return { strategy: 'fallback', candidates: model.map(toCandidate) };
	const candidates = model.models.map(toCandidate);
	if (model.hedge_after_ms !== undefined && model.strategy !== 'fallback') {
		throw new FusionError({ kind: 'bad_request', message: 'model.hedge_after_ms only applies to the "fallback" strategy' });
	}
	if (model.strategy !== 'best_of') {
		if (model.selection !== undefined || model.judge_model !== undefined) {
			throw new FusionError({ kind: 'bad_request', message: 'model.selection and model.judge_model only apply to the "best_of" strategy' });
		}
		return { strategy: model.strategy, candidates, hedgeAfterMs: model.hedge_after_ms };
	}
	const selection = model.selection ?? (model.judge_model !== undefined ? 'judge' : 'consensus');
	if (selection === 'judge' && model.judge_model === undefined) {
		throw new FusionError({ kind: 'bad_request', message: 'model.judge_model is required when model.selection is "judge", e.g. "openai/gpt-4o-mini"' });
	}
	const judge = model.judge_model === undefined ? undefined : resolveModelId(model.judge_model);
	return { strategy: 'best_of', candidates, selection, judge };
}

/** The order a strategy tries its candidates in for this request (best_of asks them all). */
function orderCandidates(plan: RoutingPlan, request: UnifiedChatRequest, observations: CandidateObservations, random: () => number): Candidate[] {
	switch (plan.strategy) {
		case 'round_robin':
			return roundRobinOrder(plan.candidates);
		case 'weighted':
			return weightedRandomOrder(plan.candidates, random);
		case 'cost_optimized':
			return orderByExpectedCost(plan.candidates, request);
		case 'latency_optimized':
			return orderByLatency(plan.candidates, observations);
		case 'performance_based':
			return orderByPerformance(plan.candidates, observations);
		default:
			return plan.candidates;
	}
}

/** Every provider the plan may call, the judge's included, each once. */
function providersOf(plan: RoutingPlan): ProviderDefinition[] {
	return [...new Set([...plan.candidates, ...(plan.judge === undefined ? [] : [plan.judge])].map((model) => model.provider))];
}

/** Each provider's credential key; a provider without a credential has none (its call will say why). */
async function credentialKeysOf(providers: readonly ProviderDefinition[], settings: ChatSettings): Promise<Map<ProviderId, string>> {
	const keys = new Map<ProviderId, string>();
	await Promise.all(
		providers.map(async (provider) => {
			const connection = await settings.connectionFor(provider).catch(() => undefined);
			if (connection !== undefined) keys.set(provider.id, credentialKeyOf(provider, connection));
		}),
	);
	return keys;
}

interface Routed extends StrategyResult {
	costUsd: number | null;
	notes: string[];
	candidates?: FusionMetadata['candidates'];
	selection?: string;
}

async function route(plan: RoutingPlan, eligible: Candidate[], request: UnifiedChatRequest, settings: ChatSettings, attempts: Attempt[]): Promise<Routed> {
	if (plan.strategy === 'best_of') {
		const result = await runBestOfStrategy(eligible, request, settings, attempts, {
			selection: plan.selection ?? 'consensus',
			judge: plan.judge,
			maxInFlight: settings.bestOfConcurrency ?? DEFAULT_BEST_OF_CONCURRENCY,
		});
		return { ...result, costUsd: result.totalCostUsd };
	}
	const result =
		plan.hedgeAfterMs !== undefined
			? await raceCandidates(eligible, request, settings, attempts, { staggerMs: plan.hedgeAfterMs, maxInFlight: eligible.length })
			: await runFallbackStrategy(eligible, request, settings, attempts);
	return { ...result, costUsd: costOfAnswer(result.answer, result.target.pricing), notes: [] };
}

function messageOf(answer: ModelAnswer): ChatCompletionOutput['choices'][0]['message'] {
	if (answer.refusal === undefined) return { role: 'assistant', content: answer.content };
	return { role: 'assistant', content: answer.content === '' ? null : answer.content, refusal: answer.refusal };
}

/** Runs one unified request to completion and shapes the answer as Fusion Chat's output item. */
export async function runChat(request: UnifiedChatRequest, settings: ChatSettings): Promise<ChatCompletionOutput> {
	const plan = planRouting(request.model);
	const providers = providersOf(plan);
	const credentials = await credentialKeysOf(providers, settings);
	if (settings.cache === undefined) return answerRequest(request, plan, credentials, settings);
	const store = settings.cache.store ?? responseCache;
	// Per credential too: after a change of key or base URL, answers from the old server must not come back.
	const key = cacheKeyOf(settings.cache.scope, request, providers.map((provider) => credentials.get(provider.id) ?? `${provider.id}:none`));
	const cached = store.get(key);
	if (cached !== undefined) {
		const { content } = cached.choices[0].message;
		if (content) settings.onDelta?.(content);
		return { ...cached, fusion: { ...cached.fusion, attempts: [], latency_ms: 0, cost_usd: 0, cached: true } };
	}
	const output = await answerRequest(request, plan, credentials, settings);
	store.set(key, output, settings.cache.ttlMs);
	return output;
}

async function answerRequest(
	request: UnifiedChatRequest,
	plan: RoutingPlan,
	credentials: ReadonlyMap<ProviderId, string>,
	settings: ChatSettings,
): Promise<ChatCompletionOutput> {
	const stats = settings.stats ?? processModelStats;
	const startedAt = performance.now();
	const attempts: Attempt[] = [];
	// Ordering and screening go by what each candidate's own credential has seen.
	const observations: CandidateObservations = (candidate) => {
		const credential = credentials.get(candidate.provider.id);
		return credential === undefined ? () => undefined : stats.lookupFor(credential);
	};
	const ordered = orderCandidates(plan, request, observations, settings.random ?? Math.random);
	const screened = screenCandidates(ordered, observations, {
		policy: settings.health ?? DEFAULT_HEALTH_POLICY,
		tracker: settings.healthTracker ?? modelHealth,
		keyOf: (candidate) => {
			const credential = credentials.get(candidate.provider.id);
			return credential === undefined ? undefined : healthKeyOf(credential, candidate.fusionId);
		},
	});
	attempts.push(...screened.skipped);
	if (screened.eligible.length === 0) throw new AllModelsFailedError(attempts);

	let eligible = screened.eligible;
	const budgetNotes: string[] = [];
	if (settings.budget?.exhausted) {
		if (settings.budget.whenExhausted === 'fail') throw new BudgetExceededError(settings.budget);
		eligible = orderByExpectedCost(eligible, request).slice(0, 1);
		budgetNotes.push(`the execution's budget of $${settings.budget.limitUsd} is spent: only the cheapest model, ${eligible[0].fusionId}, was asked`);
	}

	// A live client gets the tokens as they come; races (hedging, best_of) have several answers in flight, so
	// their client gets the chosen answer in one piece when it is known.
	const racing = plan.strategy === 'best_of' || plan.hedgeAfterMs !== undefined;
	const live = settings.onDelta !== undefined && !racing;
	const streamed = request.stream === true || settings.onDelta !== undefined ? { ...request, stream: true } : request;
	let routed: Routed;
	try {
		routed = await route(plan, eligible, streamed, live ? settings : { ...settings, onDelta: undefined }, attempts);
	} catch (error) {
		if (error instanceof PartialAnswerError) error.attempts = attempts;
		throw error;
	}
	if (settings.onDelta !== undefined && !live && routed.answer.content !== '') settings.onDelta(routed.answer.content);
	settings.budget?.add(routed.costUsd);
	const { answer, target } = routed;
	// Key order is what n8n's table and JSON views show first: the cost and timing before the attempt list.
	const fusion: FusionMetadata = {
		strategy: plan.strategy,
		provider: target.provider.id,
		model: answer.upstreamModel ?? target.upstreamModel,
		cost_usd: routed.costUsd,
		latency_ms: Math.round(performance.now() - startedAt),
		...(routed.ttftMs !== undefined && { ttft_ms: routed.ttftMs }),
		cached: false,
		warnings: [...routed.warnings, ...routed.notes, ...budgetNotes],
		...(routed.candidates !== undefined && { selection: routed.selection }),
		attempts,
		...(routed.candidates !== undefined && { candidates: routed.candidates }),
	};
	return {
		id: answer.id ?? `fusion-${randomUUID()}`,
		object: 'chat.completion',
		created: answer.created ?? Math.floor(Date.now() / 1000),
		model: target.fusionId,
		choices: [{ index: 0, message: messageOf(answer), finish_reason: answer.finishReason }],
		usage: answer.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
		fusion,
	};
}
