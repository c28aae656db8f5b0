import type { Candidate } from './candidate';
import { fallbackStrategy } from './fallback-strategy';
import type { RoutingStrategy } from './routing-strategy';

/** One rotation per candidate list (ids and weights: no secret, no prompt), shared by every request that lists the same. */
function rotationKeyOf(candidates: readonly Candidate[]): string {
	return `rotation:${JSON.stringify(candidates.map((candidate) => [candidate.fusionId, candidate.weight]))}`;
}

/** The next candidate of a smooth weighted rotation first, then the others in the user's order after it. */
export const roundRobinStrategy: RoutingStrategy<'round_robin'> = {
	name: 'round_robin',
	label: 'Round Robin',
	description: 'Spread items over the models in turn (weighted if weights are set)',
	async order(candidates, _request, { settings }) {
		const first = await settings.state.advanceRotation(
			rotationKeyOf(candidates),
			candidates.map((candidate) => candidate.weight),
		);
		return [...candidates.slice(first), ...candidates.slice(0, first)];
	},
	route: fallbackStrategy.route,
};
