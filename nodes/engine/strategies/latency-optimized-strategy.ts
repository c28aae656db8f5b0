import { estimateLatency } from '../catalog/estimate-latency';
import type { Candidate } from './candidate';
import { fallbackStrategy } from './fallback-strategy';
import type { CandidateObservations, RoutingStrategy } from './routing-strategy';
import { sortCandidates } from './sort-candidates';

/** Fastest first: latency observed with the candidate's credential, else the catalog's estimate. */
export function orderByLatency(
	candidates: readonly Candidate[],
	observations: CandidateObservations,
): Candidate[] {
	return sortCandidates(
		candidates,
		(candidate) => estimateLatency(candidate.fusionId, observations(candidate))?.latencyMs,
		1,
	);
}

export const latencyOptimizedStrategy: RoutingStrategy<'latency_optimized'> = {
	name: 'latency_optimized',
	label: 'Latency Optimized',
	description: 'Fastest model first, as measured in this n8n process',
	order: async (candidates, _request, { observations }) => orderByLatency(candidates, observations),
	route: fallbackStrategy.route,
};
