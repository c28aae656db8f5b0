import type { Attempt } from '../call/attempt';
import { callModelWithRetries } from '../call/call-model';
import { deliverWhole, hasLiveClient } from '../call/deliver-answer';
import type { CallSettings } from '../call/model-call';
import { FusionError, isCancellation } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { UnifiedChatRequest } from '../request/unified-request';
import { AllModelsFailedError } from './all-models-failed-error';
import type { ChosenAnswer } from './routing-strategy';

/** A child of the execution's signal that a strategy can abort on its own, saying why. */
function childSignal(parent: AbortSignal | undefined): {
	controller: AbortController;
	signal: AbortSignal;
} {
	const controller = new AbortController();
	const signal =
		parent === undefined ? controller.signal : AbortSignal.any([parent, controller.signal]);
	return { controller, signal };
}

function lostRaceReason(): FusionError {
	return new FusionError({ kind: 'cancelled', message: 'stopped: another model answered first' });
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
): Promise<ChosenAnswer> {
	// Each call records into its own list; they are joined in the order the calls started once every call has
	// ended (the losers end at once when aborted), so `attempts` reads in call order, not finishing order.
	const callAttempts: Attempt[][] = [];
	const calls: Array<Promise<unknown>> = [];
	// Calls still running when the race was decided: the race stopped them, they did not fail.
	const finished = new Set<number>();
	const stopped = new Set<number>();
	const outcome = await new Promise<
		{ ok: true; result: ChosenAnswer } | { ok: false; error: unknown }
	>((resolve) => {
		const controllers: AbortController[] = [];
		const timers = new Set<NodeJS.Timeout>();
		let next = 0;
		let running = 0;
		let settled = false;

		const settle = (result: { ok: true; result: ChosenAnswer } | { ok: false; error: unknown }) => {
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

/**
 * Runs `route` with nothing streamed to the client while several answers may be in flight, then hands the
 * chosen answer to the client in one piece once it is known.
 */
export async function deliveredInOnePiece<Result extends ChosenAnswer>(
	settings: CallSettings,
	route: (quiet: CallSettings) => Promise<Result>,
): Promise<Result> {
	if (!hasLiveClient(settings)) return route(settings);
	const result = await route({ ...settings, onDelta: undefined, onToolCallDelta: undefined });
	deliverWhole(result.answer, settings);
	return result;
}
