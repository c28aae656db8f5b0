import { FusionError } from '../errors/fusion-error';

/** A child of the execution's signal that a strategy can abort on its own, saying why. */
export function childSignal(parent: AbortSignal | undefined): { controller: AbortController; signal: AbortSignal } {
	const controller = new AbortController();
	const signal = parent === undefined ? controller.signal : AbortSignal.any([parent, controller.signal]);
	return { controller, signal };
}

export function lostRaceReason(): FusionError {
	return new FusionError({ kind: 'cancelled', message: 'stopped: another model answered first' });
}
