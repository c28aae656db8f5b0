import type { ObservationLookup } from '../state/fusion-state';
import type { Candidate } from './candidate';

/** Without a benchmark score, a model starts in the middle of the scale until it has a track record here. */
const UNRATED_PRIOR = 0.5;
/** Observations never outweigh the benchmark entirely: at most half the score. */
const MAX_OBSERVED_WEIGHT = 0.5;
/** Calls after which the observed success rate reaches its full weight. */
const CALLS_FOR_FULL_WEIGHT = 10;

/**
 * A 0–1 quality score: the catalog's benchmark score blended with the success rate this process observed,
 * so a model that keeps failing sinks even if it benchmarks well. Undefined when nothing at all is known.
 */
export function performanceScore(
	candidate: Candidate,
	lookup: ObservationLookup,
): number | undefined {
	const benchmark = candidate.catalog?.qualityScore ?? undefined;
	const observed = lookup(candidate.fusionId);
	if (benchmark === undefined && (observed === undefined || observed.calls === 0)) return undefined;
	if (observed === undefined || observed.calls === 0) return benchmark;
	const weight = MAX_OBSERVED_WEIGHT * Math.min(1, observed.calls / CALLS_FOR_FULL_WEIGHT);
	return (1 - weight) * (benchmark ?? UNRATED_PRIOR) + weight * observed.successRate;
}
