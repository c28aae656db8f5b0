import { performance } from 'node:perf_hooks';
import type { FusionError, FusionErrorKind } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { ProviderId } from '../providers/provider-registry';

/**
 * One upstream call (or a candidate not called), as `fusion.attempts` reports it. `cancelled`: a call the
 * strategy stopped on purpose because another model answered first (hedging, best_of "fastest").
 */
export interface Attempt {
	model: string;
	provider: ProviderId;
	status: 'ok' | 'error' | 'skipped' | 'cancelled';
	/** Set for a call that is not a candidate's answer: the best_of judge's verdict, the fuser's final answer. */
	role?: 'judge' | 'fuser';
	error?: { type: FusionErrorKind; message: string; http_status?: number };
	/** Why a candidate was not called (price cap, score floor, cool-down), or why its call was stopped. */
	reason?: string;
	latency_ms: number;
}

/** A call that started at `startedAt` and ended now, answered or failed with `error`. */
export function attemptFrom(
	target: ResolvedModel,
	startedAt: number,
	error?: FusionError,
): Attempt {
	const attempt: Attempt = {
		model: target.fusionId,
		provider: target.provider.id,
		status: error ? 'error' : 'ok',
		latency_ms: Math.round(performance.now() - startedAt),
	};
	if (error) {
		attempt.error = { type: error.kind, message: error.message };
		if (error.httpStatus !== undefined) attempt.error.http_status = error.httpStatus;
	}
	return attempt;
}

/** A candidate not called, with the error that says why. */
export function notCalledAttempt(target: ResolvedModel, error: FusionError): Attempt {
	return { ...attemptFrom(target, performance.now(), error), status: 'skipped', latency_ms: 0 };
}

/** A candidate left out without a call, and why. */
export function skippedAttempt(target: ResolvedModel, reason: string): Attempt {
	return {
		model: target.fusionId,
		provider: target.provider.id,
		status: 'skipped',
		reason,
		latency_ms: 0,
	};
}
