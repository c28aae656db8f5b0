import { resolveModelId } from '../../../nodes/engine/models/resolve-model-id';
import type { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import type { Candidate } from '../../../nodes/engine/strategies/candidate';
import type { CandidateObservations } from '../../../nodes/engine/strategies/routing-strategy';

export const candidate = (id: string, weight = 1): Candidate => ({ ...resolveModelId(id), weight });
export const ids = (candidates: Candidate[]) => candidates.map((entry) => entry.fusionId);

/** The tests' one credential. */
export const CREDENTIAL = 'openai:test-credential';

/** What the credential has seen, as run-chat hands it to the strategies. */
export async function seenWith(state: MemoryFusionState): Promise<CandidateObservations> {
	const records = await state.readModels(CREDENTIAL);
	return () => (modelId) => records.get(modelId);
}
