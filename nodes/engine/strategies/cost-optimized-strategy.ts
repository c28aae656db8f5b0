import type { UnifiedChatRequest } from '../request/unified-request';
import type { Candidate } from './candidate';
import { expectedCostUsdOf } from './expected-cost';
import { fallbackStrategy } from './fallback-strategy';
import type { RoutingStrategy } from './routing-strategy';
import { sortCandidates } from './sort-candidates';

/** Cheapest expected cost of this request first, unknown prices last. */
export function orderByExpectedCost(
	candidates: readonly Candidate[],
	request: UnifiedChatRequest,
): Candidate[] {
	return sortCandidates(candidates, expectedCostUsdOf(request), 1);
}

export const costOptimizedStrategy: RoutingStrategy<'cost_optimized'> = {
	name: 'cost_optimized',
	label: 'Cost Optimized',
	description: 'Cheapest model for each request first',
	order: async (candidates, request) => orderByExpectedCost(candidates, request),
	route: fallbackStrategy.route,
};
