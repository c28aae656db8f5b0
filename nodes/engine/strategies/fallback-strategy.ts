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

/** The last attempt of a call the race stopped: cancelled on purpose, not an error of the model. */
function markStopped(callAttempts: Attempt[]): void {
	const last = callAttempts[callAttempts.length - 1];
	if (last?.status !== 'error' || last.error?.type !== 'cancelled') return;
	callAttempts[callAttempts.length - 1] = {
		model: last.model,
		provider: last.provider,
		status: 'cancelled',
		reason: 'another model answered first',
		latency_ms: last.latency_ms,
	};
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
export async function raceCandidates(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	options: RaceOptions,
): Promise<StrategyResult> {
	// Each call records into its own list; they are joined in the order the calls started once every call has
	// ended (the losers end at once when aborted), so `attempts` reads in call order, not finishing order.
	const callAttempts: Attempt[][] = [];
	const calls: Array<Promise<unknown>> = [];
	// Calls still running when the race was decided: the race stopped them, they did not fail.
	const finished = new Set<number>();
	const stopped = new Set<number>();
	const outcome = await new Promise<{ ok: true; result: StrategyResult } | { ok: false; error: unknown }>((resolve) => {
		const controllers: AbortController[] = [];
		const timers = new Set<NodeJS.Timeout>();
		let next = 0;
		let running = 0;
		let settled = false;

		const settle = (result: { ok: true; result: StrategyResult } | { ok: false; error: unknown }) => {
			settled = true;
			for (const timer of timers) clearTimeout(timer);
			controllers.forEach((controller, index) => {
				if (!finished.has(index)) stopped.add(index);
				controller.abort(lostRaceReason());
			});
			resolve(result);
		};

		const start = (): boolean => {
			if (settled || next >= candidates.length || running >= options.maxInFlight) return false;
			const callIndex = next;
			const target = candidates[next++];
			const { controller, signal } = childSignal(settings.signal);
			controllers.push(controller);
			const ownAttempts: Attempt[] = [];
			callAttempts.push(ownAttempts);
			running++;
			const timer = setTimeout(() => {
				timers.delete(timer);
				start();
			}, options.staggerMs);
			timers.add(timer);
			const call = callModelWithRetries(target, request, { ...settings, signal }, ownAttempts).then(
				(result) => {
					finished.add(callIndex);
					running--;
					if (!settled) settle({ ok: true, result: { ...result, target } });
				},
				(error: unknown) => {
					finished.add(callIndex);
					running--;
					clearTimeout(timer);
					timers.delete(timer);
					if (settled) return;
					if (isCancellation(error) && settings.signal?.aborted) {
						settle({ ok: false, error });
						return;
					}
					if (!start() && running === 0) settle({ ok: false, error: undefined });
				},
			);
			calls.push(call);
			return true;
		};

		if (!start()) settle({ ok: false, error: undefined });
	});
	await Promise.all(calls);
	for (const index of stopped) markStopped(callAttempts[index]);
	attempts.push(...callAttempts.flat());
	if (outcome.ok) return outcome.result;
	throw outcome.error ?? new AllModelsFailedError(attempts);
}
