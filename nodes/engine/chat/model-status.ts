import type { ProviderId } from '../providers/provider-registry';
import type { FusionState, ModelRecord } from '../state/fusion-state';
import type { Candidate } from '../strategies/candidate';
import type { CandidateObservations } from '../strategies/routing-strategy';

export interface HealthPolicy {
	/** Consecutive failed calls (retries count each) that put a model on cool-down. */
	failuresBeforeCooldown: number;
	/** How long later items skip it; then it is tried again, and one more failure cools it down again. */
	cooldownMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
	failuresBeforeCooldown: 3,
	cooldownMs: 30_000,
};

/**
 * What a request's credentials have seen of models, read once before its candidates are ordered and screened.
 * A model's record is per credential: one user's slow proxy or failing account must not rank a model down,
 * or cool it down, for every other workflow.
 */
export interface ModelStatus {
	observations: CandidateObservations;
	/** Remaining cool-down in ms, or 0 when the candidate may be called. */
	cooldownRemainingMs(candidate: Candidate, now?: number): number;
}

export async function readModelStatus(
	state: FusionState,
	credentials: ReadonlyMap<ProviderId, string>,
	policy: HealthPolicy,
): Promise<ModelStatus> {
	const byProvider = new Map<ProviderId, ReadonlyMap<string, ModelRecord>>();
	await Promise.all(
		[...credentials].map(async ([provider, credential]) =>
			byProvider.set(provider, await state.readModels(credential)),
		),
	);
	const recordOf = (candidate: Candidate, modelId: string) =>
		byProvider.get(candidate.provider.id)?.get(modelId);
	return {
		observations: (candidate) => (modelId) => recordOf(candidate, modelId),
		cooldownRemainingMs(candidate, now = Date.now()) {
			const record = recordOf(candidate, candidate.fusionId);
			if (
				record?.lastFailureAt === undefined ||
				record.consecutiveFailures < policy.failuresBeforeCooldown
			)
				return 0;
			return Math.max(0, record.lastFailureAt + policy.cooldownMs - now);
		},
	};
}
