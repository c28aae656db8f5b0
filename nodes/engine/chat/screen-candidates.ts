import type { Attempt } from '../call/attempt';
import type { Candidate } from '../strategies/candidate';
import { performanceScore } from '../strategies/performance-score';
import type { CandidateObservations } from '../strategies/routing-strategy';
import type { ModelStatus } from './model-status';

export interface ScreenResult {
	eligible: Candidate[];
	/** One `skipped` attempt per candidate left out, saying why. */
	skipped: Attempt[];
}

function skippedAttempt(candidate: Candidate, reason: string): Attempt {
	return {
		model: candidate.fusionId,
		provider: candidate.provider.id,
		status: 'skipped',
		reason,
		latency_ms: 0,
	};
}

/** Why the request's own constraints rule a candidate out, or undefined when they allow it. */
function constraintViolation(
	candidate: Candidate,
	observations: CandidateObservations,
): string | undefined {
	const cap = candidate.maxCostPer1kTokens;
	if (cap !== undefined) {
		if (candidate.pricing === undefined)
			return `price unknown, so max_cost_per_1k_tokens ${cap} cannot be checked`;
		const highest = Math.max(candidate.pricing.prompt_tokens, candidate.pricing.completion_tokens);
		if (highest > cap)
			return `price ${highest} USD per 1K tokens is above max_cost_per_1k_tokens ${cap}`;
	}
	const minimum = candidate.minPerformanceScore;
	if (minimum !== undefined) {
		const score = performanceScore(candidate, observations(candidate));
		if (score === undefined)
			return `no performance score known, so min_performance_score ${minimum} cannot be checked`;
		if (score < minimum)
			return `performance score ${score.toFixed(3)} is below min_performance_score ${minimum}`;
	}
	return undefined;
}

/**
 * Leaves out candidates over their price cap or under their score floor, and models cooling down after
 * repeated failures on this credential. If every remaining model is cooling down they are all kept: trying a
 * recently failing model beats failing the item without a call.
 */
export function screenCandidates(
	candidates: readonly Candidate[],
	status: ModelStatus,
	now: number = Date.now(),
): ScreenResult {
	const skipped: Attempt[] = [];
	const allowed: Candidate[] = [];
	for (const candidate of candidates) {
		const violation = constraintViolation(candidate, status.observations);
		if (violation === undefined) allowed.push(candidate);
		else skipped.push(skippedAttempt(candidate, violation));
	}
	const healthy = allowed.filter((candidate) => status.cooldownRemainingMs(candidate, now) === 0);
	if (healthy.length === 0) return { eligible: allowed, skipped };
	for (const candidate of allowed) {
		const remaining = status.cooldownRemainingMs(candidate, now);
		if (remaining > 0)
			skipped.push(
				skippedAttempt(
					candidate,
					`cooling down after repeated failures (${Math.ceil(remaining / 1000)} s left)`,
				),
			);
	}
	return { eligible: healthy, skipped };
}
