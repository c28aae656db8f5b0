import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { FusionError } from '../errors/fusion-error';
import { resolveModelId, type ResolvedModel } from '../models/resolve-model-id';
import type { ModelSpec, StrategyName, UnifiedChatRequest } from '../request/unified-request';
import { runFallbackStrategy } from '../strategies/fallback-strategy';
import type { CallSettings } from './call-model';
import type { Attempt, ChatCompletionOutput, FusionMetadata } from './chat-output';
import { costOfAnswer } from './cost';

interface RoutingPlan {
	strategy: FusionMetadata['strategy'];
	candidates: ResolvedModel[];
}

const AVAILABLE_STRATEGIES: ReadonlySet<StrategyName> = new Set(['fallback']);

/** Turns the request's `model` into a strategy and resolved candidates; every id is checked before any call. */
export function planRouting(model: ModelSpec): RoutingPlan {
	if (typeof model === 'string') return { strategy: 'single', candidates: [resolveModelId(model)] };
	if (Array.isArray(model)) return { strategy: 'fallback', candidates: model.map(resolveModelId) };
	if (!AVAILABLE_STRATEGIES.has(model.strategy)) {
		throw new FusionError({
			kind: 'bad_request',
			message: `model.strategy "${model.strategy}" is not available in this version; use "fallback" (or a list of models)`,
		});
	}
	const ids = model.models.map((candidate) => (typeof candidate === 'string' ? candidate : candidate.id));
	return { strategy: model.strategy, candidates: ids.map(resolveModelId) };
}

/** Runs one unified request to completion and shapes the answer as Fusion Chat's output item. */
export async function runChat(request: UnifiedChatRequest, settings: CallSettings): Promise<ChatCompletionOutput> {
	const plan = planRouting(request.model);
	const startedAt = performance.now();
	const attempts: Attempt[] = [];
	const { answer, warnings, target } = await runFallbackStrategy(plan.candidates, request, settings, attempts);
	const usage = answer.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
	return {
		id: answer.id ?? `fusion-${randomUUID()}`,
		object: 'chat.completion',
		created: answer.created ?? Math.floor(Date.now() / 1000),
		model: target.fusionId,
		choices: [{ index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: answer.finishReason }],
		usage,
		fusion: {
			strategy: plan.strategy,
			provider: target.provider.id,
			model: answer.upstreamModel ?? target.upstreamModel,
			attempts,
			latency_ms: Math.round(performance.now() - startedAt),
			cost_usd: costOfAnswer(answer, target.pricing),
			cached: false,
			warnings,
		},
	};
}
