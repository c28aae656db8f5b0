import { FusionError } from '../errors/fusion-error';
import { resolveModelId, type ResolvedModel } from '../models/resolve-model-id';
import type { ConnectionResolver } from '../providers/connection-resolver';
import { credentialKeyOf } from '../providers/credential-key';
import type { ProviderDefinition, ProviderId } from '../providers/provider-registry';
import type { BestOfSelection, StrategyName, UnifiedChatRequest } from '../request/unified-request';
import { toCandidate, type Candidate } from '../strategies/candidate';

export interface RoutingPlan {
	strategy: StrategyName | 'single';
	candidates: Candidate[];
	selection?: BestOfSelection;
	judge?: ResolvedModel;
	hedgeAfterMs?: number;
}

/**
 * Turns the request's `model` into a strategy and resolved candidates; every id is checked before any call, and
 * so is whether the strategy can choose among the answers the request asks for.
 */
export function planRouting(request: Pick<UnifiedChatRequest, 'model' | 'tools'>): RoutingPlan {
	const { model } = request;
	if (typeof model === 'string') return { strategy: 'single', candidates: [toCandidate(model)] };
	if (Array.isArray(model)) return { strategy: 'fallback', candidates: model.map(toCandidate) };
	const candidates = model.models.map(toCandidate);
	if (model.hedge_after_ms !== undefined && model.strategy !== 'fallback') {
		throw new FusionError({
			kind: 'bad_request',
			message: 'model.hedge_after_ms only applies to the "fallback" strategy',
		});
	}
	if (model.strategy !== 'best_of') {
		if (model.selection !== undefined || model.judge_model !== undefined) {
			throw new FusionError({
				kind: 'bad_request',
				message: 'model.selection and model.judge_model only apply to the "best_of" strategy',
			});
		}
		return { strategy: model.strategy, candidates, hedgeAfterMs: model.hedge_after_ms };
	}
	const selection = model.selection ?? (model.judge_model !== undefined ? 'judge' : 'consensus');
	if ((selection === 'judge' || selection === 'fuse') && model.judge_model === undefined) {
		const role = selection === 'judge' ? 'picks the best answer' : 'writes the final answer';
		throw new FusionError({
			kind: 'bad_request',
			message: `model.judge_model is required when model.selection is "${selection}" (the model that ${role}), e.g. "openai/gpt-4o-mini"`,
		});
	}
	// Tool calls have no length to compare, no likeness to vote on, and a judge would pick one call at random.
	if (request.tools !== undefined && selection !== 'fastest') {
		throw new FusionError({
			kind: 'bad_request',
			message: `model.selection "${selection}" cannot choose among tool calls: with tools, best_of takes only "fastest" (the first answer wins)`,
		});
	}
	const judge = model.judge_model === undefined ? undefined : resolveModelId(model.judge_model);
	return { strategy: 'best_of', candidates, selection, judge };
}

/** Every provider the plan may call, the judge's included, each once. */
export function providersOf(plan: RoutingPlan): ProviderDefinition[] {
	return [
		...new Set(
			[...plan.candidates, ...(plan.judge === undefined ? [] : [plan.judge])].map(
				(model) => model.provider,
			),
		),
	];
}

/** Each provider's credential key; a provider without a credential has none (its call will say why). */
export async function credentialKeysOf(
	providers: readonly ProviderDefinition[],
	connectionFor: ConnectionResolver,
): Promise<Map<ProviderId, string>> {
	const keys = new Map<ProviderId, string>();
	await Promise.all(
		providers.map(async (provider) => {
			const connection = await connectionFor(provider).catch(() => undefined);
			if (connection !== undefined) keys.set(provider.id, credentialKeyOf(provider, connection));
		}),
	);
	return keys;
}
