import { callModelWithRetries, type CallSettings, type ModelCallResult } from '../chat/call-model';
import type { Attempt } from '../chat/chat-output';
import { AllModelsFailedError } from '../errors/all-models-failed-error';
import { FusionError } from '../errors/fusion-error';
import { PartialAnswerError } from '../errors/partial-answer-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { UnifiedChatRequest } from '../request/unified-request';
import { childSignal, lostRaceReason } from './race';

export interface StrategyResult extends ModelCallResult {
	target: ResolvedModel;
}

function isCancellation(error: unknown): boolean {
	return error instanceof FusionError && error.kind === 'cancelled';
}

/** Errors that end the walk over the candidates: a cancelled execution, or an answer already partly sent. */
function endsTheWalk(error: unknown): boolean {
	return isCancellation(error) || error instanceof PartialAnswerError;
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
			if (endsTheWalk(error)) throw error;
		}
	}
	throw new AllModelsFailedError(attempts);
}

export interface RaceOptions {
	/** Delay before the next candidate starts while the earlier ones are still running. */
	staggerMs: number;
	/** Calls in flight at most. */
	maxInFlight: number;
}

/**
 * Races the candidates in order: each starts `staggerMs` after the previous one unless an answer came first
 * (fallback's hedging; 0 starts them together, best_of's "fastest"). The first good answer wins and every
 * slower call is aborted at once; a failure starts the next candidate immediately.
 */
export function raceCandidates(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	options: RaceOptions,
): Promise<StrategyResult> {
	return new Promise((resolve, reject) => {
		const controllers: AbortController[] = [];
		const timers = new Set<NodeJS.Timeout>();
		let next = 0;
		let running = 0;
		let settled = false;

		const settle = (outcome: () => void) => {
			settled = true;
			for (const timer of timers) clearTimeout(timer);
			for (const controller of controllers) controller.abort(lostRaceReason());
			outcome();
		};

		const start = (): boolean => {
			if (settled || next >= candidates.length || running >= options.maxInFlight) return false;
			const target = candidates[next++];
			const { controller, signal } = childSignal(settings.signal);
			controllers.push(controller);
			running++;
			const timer = setTimeout(() => {
				timers.delete(timer);
				start();
			}, options.staggerMs);
			timers.add(timer);
			callModelWithRetries(target, request, { ...settings, signal }, attempts).then(
				(result) => {
					running--;
					if (!settled) settle(() => resolve({ ...result, target }));
				},
				(error: unknown) => {
					running--;
					clearTimeout(timer);
					timers.delete(timer);
					if (settled) return;
					if (isCancellation(error) && settings.signal?.aborted) {
						settle(() => reject(error));
						return;
					}
					if (!start() && running === 0) settle(() => reject(new AllModelsFailedError(attempts)));
				},
			);
			return true;
		};

		if (!start()) reject(new AllModelsFailedError(attempts));
	});
}
