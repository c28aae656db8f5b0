import type { FusionState } from './fusion-state';
import { MemoryFusionState } from './memory-fusion-state';

/** A new state: the only place that decides where state is kept. */
export function createFusionState(): FusionState {
	return new MemoryFusionState();
}

let shared: FusionState | undefined;

/**
 * The state every node of this process shares: a provider account has one quota, and a model one track record,
 * however many workflows use them.
 */
export function processFusionState(): FusionState {
	shared ??= createFusionState();
	return shared;
}
