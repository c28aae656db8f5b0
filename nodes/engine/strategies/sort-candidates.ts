import type { Candidate } from './candidate';

/** Sorts by a key, unknown keys last, ties kept in the order the user wrote. */
export function sortCandidates(
	candidates: readonly Candidate[],
	key: (candidate: Candidate) => number | undefined,
	direction: 1 | -1,
): Candidate[] {
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
