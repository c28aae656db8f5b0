import { callModelWithRetries, type CallSettings, type ModelCallResult } from '../chat/call-model';
import type { Attempt } from '../chat/chat-output';
import { AllModelsFailedError } from '../errors/all-models-failed-error';
import { FusionError } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { UnifiedChatRequest } from '../request/unified-request';

export interface StrategyResult extends ModelCallResult {
	target: ResolvedModel;
}

/**
 * Tries the candidates in order; a model that fails (after its own retries) hands over to the next. Only a
 * cancelled execution stops the walk early.
 */
export async function runFallbackStrategy(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
): Promise<StrategyResult> {
	for (const target of candidates) {
		try {
			const result = await callModelWithRetries(target, request, settings, attempts);
			return { ...result, target };
		} catch (error) {
			if (error instanceof FusionError && error.kind === 'cancelled') throw error;
		}
	}
	throw new AllModelsFailedError(attempts);
}
