import type { Candidate } from './candidate';
import { fallbackStrategy } from './fallback-strategy';
import type { RoutingStrategy } from './routing-strategy';

/**
 * Weighted random order without replacement: the first pick is in proportion to weight, the next among the
 * rest likewise, so a failure falls over to the others in a weight-respecting order. Weight 0 goes last.
 */
export function weightedRandomOrder(
	candidates: readonly Candidate[],
	random: () => number = Math.random,
): Candidate[] {
	const remaining = [...candidates];
	const ordered: Candidate[] = [];
	while (remaining.length > 0) {
		const total = remaining.reduce((sum, candidate) => sum + candidate.weight, 0);
		let index = 0;
		if (total > 0) {
			let point = random() * total;
			index = remaining.findIndex((candidate) => (point -= candidate.weight) < 0);
			if (index === -1) index = remaining.length - 1;
		}
		ordered.push(...remaining.splice(index, 1));
	}
	return ordered;
}

export const weightedStrategy: RoutingStrategy<'weighted'> = {
	name: 'weighted',
	label: 'Weighted',
	description: 'Pick a model at random in proportion to its weight',
	order: async (candidates, _request, { random }) => weightedRandomOrder(candidates, random),
	route: fallbackStrategy.route,
};
