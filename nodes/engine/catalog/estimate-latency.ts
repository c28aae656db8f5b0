import type { ModelObservation, ObservationLookup } from '../state/fusion-state';
import { equivalentSpellings, matchCatalogModel } from './model-catalog';

/**
 * The process's observations of a model under any of its ids and prefix spellings (stats are kept per id as
 * users wrote it): the id with the most calls speaks for the model.
 */
export function observationFor(
	ids: readonly string[],
	lookup: ObservationLookup,
): ModelObservation | undefined {
	let best: ModelObservation | undefined;
	for (const id of ids.flatMap(equivalentSpellings)) {
		const observed = lookup(id);
		if (observed !== undefined && (best === undefined || observed.calls > best.calls))
			best = observed;
	}
	return best;
}

export interface LatencyEstimate {
	latencyMs: number;
	source: 'observed' | 'catalog';
}

/** Observed latency once this process has timed successful calls to the model, else the catalog's estimate. */
export function estimateLatency(
	fusionId: string,
	lookup: ObservationLookup,
): LatencyEstimate | undefined {
	const catalog = matchCatalogModel(fusionId)?.model;
	const observed = observationFor(
		catalog === undefined ? [fusionId] : [fusionId, catalog.id, ...catalog.aliases],
		lookup,
	);
	if (observed?.latencyMs !== undefined)
		return { latencyMs: Math.round(observed.latencyMs), source: 'observed' };
	return catalog === undefined
		? undefined
		: { latencyMs: catalog.estimatedLatencyMs, source: 'catalog' };
}
