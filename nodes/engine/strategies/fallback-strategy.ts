import { costOfAnswer } from '../call/answer-cost';
import { callModelWithRetries } from '../call/call-model';
import { PartialAnswerError } from '../call/partial-answer-error';
import { isCancellation } from '../errors/fusion-error';
import type { UnifiedChatRequest } from '../request/unified-request';
import { AllModelsFailedError } from './all-models-failed-error';
import type { Candidate } from './candidate';
import { deliveredInOnePiece, raceCandidates } from './race';
import type { ChosenAnswer, RoutingContext, RoutingStrategy } from './routing-strategy';

/** Errors that end the walk over the candidates: a cancelled execution, or an answer already partly sent. */
function endsTheWalk(error: unknown): boolean {
	return isCancellation(error) || error instanceof PartialAnswerError;
}

/** Tries the candidates in order; a model that fails (after its own retries) hands over to the next. */
async function tryInOrder(
	candidates: readonly Candidate[],
	request: UnifiedChatRequest,
	{ settings, attempts }: RoutingContext,
): Promise<ChosenAnswer> {
	for (const target of candidates) {
		try {
			const result = await callModelWithRetries(target, request, settings, attempts);
			return { ...result, target };
		} catch (error) {
			if (endsTheWalk(error)) throw error;
		}
	}
	throw new AllModelsFailedError(attempts);
}

/**
 * The models in the order given, each after the previous one failed; with `hedge_after_ms`, the next one also
 * starts when the earlier ones are slow, and the first answer wins. Every other strategy falls back like this
 * in the order it chose.
 */
export const fallbackStrategy: RoutingStrategy<'fallback'> = {
	name: 'fallback',
	label: 'Fallback',
	description: 'Ask the model; when it fails, the fallback models in order',
	order: async (candidates) => [...candidates],
	async route(candidates, request, context) {
		const { hedgeAfterMs } = context.options;
		const chosen =
			hedgeAfterMs === undefined
				? await tryInOrder(candidates, request, context)
				: await deliveredInOnePiece(context.settings, (settings) =>
						raceCandidates(candidates, request, settings, context.attempts, {
							staggerMs: hedgeAfterMs,
							maxInFlight: candidates.length,
						}),
					);
		return { ...chosen, costUsd: costOfAnswer(chosen.answer, chosen.target.pricing), notes: [] };
	},
};
