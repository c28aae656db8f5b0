import { performance } from 'node:perf_hooks';
import type { Attempt } from '../call/attempt';
import { hasLiveClient } from '../call/deliver-answer';
import type { CallSettings } from '../call/model-call';
import { PartialAnswerError } from '../call/partial-answer-error';
import type { ProviderDefinition, ProviderId } from '../providers/provider-registry';
import { estimateRequestTokens } from '../request/estimate-tokens';
import type { UnifiedChatRequest } from '../request/unified-request';
import { AllModelsFailedError } from '../strategies/all-models-failed-error';
import type { Routed, RoutingContext } from '../strategies/routing-strategy';
import { ROUTING_STRATEGIES } from '../strategies/strategy-registry';
import { TakenAhead } from '../transport/taken-ahead';
import { toChatCompletionOutput, type ChatCompletionOutput } from './chat-output';
import {
	DEFAULT_HEALTH_POLICY,
	readModelStatus,
	type HealthPolicy,
	type ModelStatus,
} from './model-status';
import { credentialKeysOf, planRouting, providersOf, type RoutingPlan } from './plan-routing';
import { answerThroughCache, cacheKeyOf, type CacheSettings } from './response-cache';
import { screenCandidates } from './screen-candidates';
import { withinBudget, type SpendBudget } from './spend-budget';

export interface ChatSettings extends CallSettings {
	/** The execution's spend cap, shared by its items. */
	budget?: SpendBudget;
	health?: HealthPolicy;
	/** For weighted's random choice; tests pass a deterministic one. */
	random?: () => number;
	/** best_of: candidates asked at once. */
	bestOfConcurrency?: number;
	/** Answer identical requests from the state's cache. */
	cache?: CacheSettings;
}

const DEFAULT_BEST_OF_CONCURRENCY = 8;

/** Runs one unified request to completion and shapes the answer as Fusion Chat's output item. */
export async function runChat(
	request: UnifiedChatRequest,
	settings: ChatSettings,
): Promise<ChatCompletionOutput> {
	const plan = planRouting(request);
	const providers = providersOf(plan);
	const credentials = await credentialKeysOf(providers, settings.connectionFor);
	const takenAhead = takeAhead(plan, request, credentials, settings);
	try {
		return await answerThroughState(
			request,
			plan,
			providers,
			credentials,
			takenAhead === undefined ? settings : { ...settings, takenAhead },
		);
	} finally {
		takenAhead?.release();
	}
}

/**
 * The rate-limit take for the credential of the request's first call, sent now with the state's first reads,
 * when the plan already says which credential that is: the first model's, in a fallback list, or the one all
 * candidates share (a single model's among them).
 */
function takeAhead(
	plan: RoutingPlan,
	request: UnifiedChatRequest,
	credentials: ReadonlyMap<ProviderId, string>,
	settings: ChatSettings,
): TakenAhead | undefined {
	const [first] = plan.candidates;
	const known =
		plan.strategy === 'fallback' ||
		plan.candidates.every((candidate) => candidate.provider === first.provider);
	const credential = credentials.get(first.provider.id);
	if (!known || credential === undefined) return undefined;
	return new TakenAhead(
		settings.state,
		credential,
		estimateRequestTokens(request),
		settings.rateLimits ?? {},
	);
}

async function answerThroughState(
	request: UnifiedChatRequest,
	plan: RoutingPlan,
	providers: readonly ProviderDefinition[],
	credentials: ReadonlyMap<ProviderId, string>,
	settings: ChatSettings,
): Promise<ChatCompletionOutput> {
	// Ordering and screening go by what each candidate's own credential has seen. Read while the cache is asked:
	// with the state in Redis each is a round trip, and a cache hit only wastes the read.
	const status = readModelStatus(
		settings.state,
		credentials,
		settings.health ?? DEFAULT_HEALTH_POLICY,
	);
	// Awaited only on a miss: a failure must not go unhandled on a hit.
	status.catch(() => {});
	if (settings.cache === undefined) return answerRequest(request, plan, status, settings);
	// Per credential too: after a change of key or base URL, answers from the old server must not come back.
	const key = cacheKeyOf(
		settings.cache.scope,
		request,
		providers.map((provider) => credentials.get(provider.id) ?? `${provider.id}:none`),
	);
	return answerThroughCache(settings.state, settings.cache, key, settings, () =>
		answerRequest(request, plan, status, settings),
	);
}

async function answerRequest(
	request: UnifiedChatRequest,
	plan: RoutingPlan,
	modelStatus: Promise<ModelStatus>,
	settings: ChatSettings,
): Promise<ChatCompletionOutput> {
	const startedAt = performance.now();
	const strategy = ROUTING_STRATEGIES[plan.strategy === 'single' ? 'fallback' : plan.strategy];
	const status = await modelStatus;
	const attempts: Attempt[] = [];
	const context: RoutingContext = {
		settings,
		attempts,
		observations: status.observations,
		random: settings.random ?? Math.random,
		options: { ...plan, maxInFlight: settings.bestOfConcurrency ?? DEFAULT_BEST_OF_CONCURRENCY },
	};
	const screened = screenCandidates(
		await strategy.order(plan.candidates, request, context),
		request,
		status,
	);
	attempts.push(...screened.skipped);
	if (screened.eligible.length === 0) throw new AllModelsFailedError(attempts);
	const budgeted = withinBudget(screened.eligible, request, settings.budget);

	// A live client gets the tokens as they come (a race sends its chosen answer in one piece).
	const streamed =
		request.stream === true || hasLiveClient(settings) ? { ...request, stream: true } : request;
	let routed: Routed;
	try {
		routed = await strategy.route(budgeted.candidates, streamed, context);
	} catch (error) {
		if (error instanceof PartialAnswerError) error.attempts = attempts;
		throw error;
	}
	settings.budget?.add(routed.costUsd);
	// Limits and cool-downs held for this process alone, not the installation: the user should know.
	const degraded = settings.state.degraded?.();
	return toChatCompletionOutput(
		plan.strategy,
		routed,
		attempts,
		[
			...reasoningNote(routed, screened.reasoningGaps),
			...budgeted.notes,
			...(degraded === undefined ? [] : [degraded]),
		],
		startedAt,
	);
}

/**
 * The catalog's word on a reasoning_effort the answering model has no control for, unless its adapter already
 * said what became of the setting: the adapter that built the call knows best.
 */
function reasoningNote(routed: Routed, reasoningGaps: ReadonlyMap<string, string>): string[] {
	const gap = reasoningGaps.get(routed.target.fusionId);
	if (gap === undefined || routed.warnings.some((warning) => warning.includes('reasoning_effort')))
		return [];
	return [gap];
}
