import { resolveModelId, type ResolvedModel } from '../models/resolve-model-id';
import type { CandidateSpec } from '../request/unified-request';

/** A model a strategy may call, with the constraints the request put on it. */
export interface Candidate extends ResolvedModel {
	/** Share for round_robin and weighted (1 when not given). */
	weight: number;
	maxCostPer1kTokens?: number;
	minPerformanceScore?: number;
}

export function toCandidate(spec: CandidateSpec): Candidate {
	if (typeof spec === 'string') return { ...resolveModelId(spec), weight: 1 };
	return {
		...resolveModelId(spec.id),
		weight: spec.weight ?? 1,
		maxCostPer1kTokens: spec.max_cost_per_1k_tokens,
		minPerformanceScore: spec.min_performance_score,
	};
}
