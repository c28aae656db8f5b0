import { estimateLatency } from '../catalog/query-models';
import type { UnifiedChatRequest } from '../request/unified-request';
import type { ObservationLookup } from '../stats/model-stats';
import type { Candidate } from './candidate';
import { expectedCostUsd } from './expected-cost';
import { performanceScore } from './performance-score';

/** Sorts by a key, unknown keys last, ties kept in the order the user wrote. */
function sortBy(candidates: readonly Candidate[], key: (candidate: Candidate) => number | undefined, direction: 1 | -1): Candidate[] {
	return candidates
		.map((candidate, index) => ({ candidate, index, value: key(candidate) }))
		.sort((a, b) => {
			if (a.value === undefined || b.value === undefined) {
				return a.value === b.value ? a.index - b.index : a.value === undefined ? 1 : -1;
			}
			return a.value === b.value ? a.index - b.index : (a.value - b.value) * direction;
		})
		.map((entry) => entry.candidate);
}

export function orderByExpectedCost(candidates: readonly Candidate[], request: UnifiedChatRequest): Candidate[] {
	return sortBy(candidates, (candidate) => expectedCostUsd(candidate, request), 1);
}

/** What a candidate's own credential has seen of models. */
export type CandidateObservations = (candidate: Candidate) => ObservationLookup;

/** Fastest first: latency observed in this process with the candidate's credential, else the catalog's estimate. */
export function orderByLatency(candidates: readonly Candidate[], observations: CandidateObservations): Candidate[] {
	return sortBy(candidates, (candidate) => estimateLatency(candidate.fusionId, observations(candidate))?.latencyMs, 1);
}

export function orderByPerformance(candidates: readonly Candidate[], observations: CandidateObservations): Candidate[] {
	return sortBy(candidates, (candidate) => performanceScore(candidate, observations(candidate)), -1);
}

/**
 * Weighted random order without replacement: the first pick is in proportion to weight, the next among the
 * rest likewise, so a failure falls over to the others in a weight-respecting order. Weight 0 goes last.
 */
export function weightedRandomOrder(candidates: readonly Candidate[], random: () => number = Math.random): Candidate[] {
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

/**
 * Smooth weighted round robin (as nginx does it): each pick adds every weight to its running total, takes the
 * largest and subtracts the sum of weights from it. Weights 0.6/0.4 over 10 picks give exactly 6 and 4, spread
 * out rather than bunched.
 */
export class SmoothWeightedRoundRobin {
	private readonly current: number[];

	constructor(private readonly weights: readonly number[]) {
		this.current = weights.map(() => 0);
	}

	next(): number {
		const total = this.weights.reduce((sum, weight) => sum + weight, 0);
		let best = 0;
		for (let index = 0; index < this.weights.length; index++) {
			this.current[index] += this.weights[index];
			if (this.current[index] > this.current[best]) best = index;
		}
		this.current[best] -= total;
		return best;
	}
}

/** Rotation state per candidate list, shared by the items of a batch and later executions in this process. */
const rotations = new Map<string, SmoothWeightedRoundRobin>();

/** The next candidate in the rotation first, then the others in the user's order after it. */
export function roundRobinOrder(candidates: readonly Candidate[]): Candidate[] {
	const key = JSON.stringify(candidates.map((candidate) => [candidate.fusionId, candidate.weight]));
	let rotation = rotations.get(key);
	if (rotation === undefined) {
		rotation = new SmoothWeightedRoundRobin(candidates.map((candidate) => candidate.weight));
		rotations.set(key, rotation);
	}
	const first = rotation.next();
	return [...candidates.slice(first), ...candidates.slice(0, first)];
}

export function resetRoundRobinState(): void {
	rotations.clear();
}
