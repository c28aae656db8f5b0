import { FusionError } from '../../nodes/engine/errors/fusion-error';

/** The FusionError `run` throws; fails the test when it throws nothing or something else. */
export function thrownFusionError(run: () => unknown): FusionError {
	try {
		run();
	} catch (error) {
		if (error instanceof FusionError) return error;
		throw error;
	}
	throw new Error('expected a FusionError');
}
