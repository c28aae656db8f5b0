import { costOfAnswer } from '../call/answer-cost';
import { skippedAttempt } from '../call/attempt';
import { callModelWithRetries } from '../call/call-model';
import { PartialAnswerError } from '../call/partial-answer-error';
import { FusionError, isCancellation } from '../errors/fusion-error';
import type { UnifiedChatRequest } from '../request/unified-request';
import { AllModelsFailedError } from './all-models-failed-error';
import type { Candidate } from './candidate';
import { deliveredInOnePiece, raceCandidates } from './race';
import type { ChosenAnswer, RoutingContext, RoutingStrategy } from './routing-strategy';

/** Errors that end the walk over the candidates: a cancelled execution, or an answer already partly sent. */
function endsTheWalk(error: unknown): boolean {
	return isCancellation(error) || error instanceof PartialAnswerError;
}

/** The window that a context_length error showed too small, and whose it was. */
interface TooSmall {
	window: number;
	model: string;
}

/** Why a candidate is not worth calling after `tooSmall`: its known window is no larger; else undefined. */
function noLargerWindow(target: Candidate, tooSmall: TooSmall | undefined): string | undefined {
	const window = target.catalog?.contextWindow;
	if (tooSmall === undefined || window === undefined || window > tooSmall.window) return undefined;
	return `its context window of ${window.toLocaleString('en-US')} tokens is no larger than that of ${tooSmall.model}, which the prompt overflowed`;
}

/**
 * Tries the candidates in order; a model that fails (after its own retries) hands over to the next. A prompt
 * too long for a model goes straight on to the next model with a larger window (as the catalog knows them).
 */
async function tryInOrder(
	candidates: readonly Candidate[],
	request: UnifiedChatRequest,
	{ settings, attempts }: RoutingContext,
): Promise<ChosenAnswer> {
	let tooSmall: TooSmall | undefined;
	for (const target of candidates) {
		const skip = noLargerWindow(target, tooSmall);
		if (skip !== undefined) {
			attempts.push(skippedAttempt(target, skip));
			continue;
		}
		try {
			const result = await callModelWithRetries(target, request, settings, attempts);
			return { ...result, target };
		} catch (error) {
			if (endsTheWalk(error)) throw error;
			const window = target.catalog?.contextWindow;
			if (error instanceof FusionError && error.kind === 'context_length' && window !== undefined)
				tooSmall = { window, model: target.fusionId };
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
