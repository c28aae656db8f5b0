import type { Candidate } from './candidate';
import { fallbackStrategy } from './fallback-strategy';
import { performanceScore } from './performance-score';
import type { CandidateObservations, RoutingStrategy } from './routing-strategy';
import { sortCandidates } from './sort-candidates';

/** Best score first: the catalog's benchmark blended with the success observed with the candidate's credential. */
export function orderByPerformance(
	candidates: readonly Candidate[],
	observations: CandidateObservations,
): Candidate[] {
	return sortCandidates(
		candidates,
		(candidate) => performanceScore(candidate, observations(candidate)),
		-1,
	);
}

export const performanceBasedStrategy: RoutingStrategy<'performance_based'> = {
	name: 'performance_based',
	label: 'Performance Based',
	description: 'Best-scoring model first (benchmark and observed success)',
	order: async (candidates, _request, { observations }) =>
		orderByPerformance(candidates, observations),
	route: fallbackStrategy.route,
};
