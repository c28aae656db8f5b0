/**
 * What this n8n process has seen of each model, per credential: a decaying average of latency and of success,
 * so recent behaviour counts more than old. Strategies order a request's models by what its own credentials
 * saw, so one user's slow proxy or failing account does not rank a model down for another. Nothing is
 * persisted: a restart starts from the catalog's estimates.
 */
export interface ModelObservation {
	/** Exponentially weighted mean latency of successful calls, ms. */
	latencyMs?: number;
	/** Exponentially weighted success rate, 0–1. */
	successRate: number;
	calls: number;
}

/** Where observations are looked up: one model id (any of its spellings) to what was seen of it. */
export type ObservationLookup = (modelId: string) => ModelObservation | undefined;

/** Weight of the newest observation: about the last ten calls dominate. */
const DECAY = 0.2;

export class ModelStats {
	/** Model id, then credential key (credentialKeyOf). */
	private readonly byModel = new Map<string, Map<string, ModelObservation>>();

	private observation(modelId: string, credential: string): ModelObservation | undefined {
		return this.byModel.get(modelId)?.get(credential);
	}

	private store(modelId: string, credential: string, observation: ModelObservation): void {
		let byCredential = this.byModel.get(modelId);
		if (byCredential === undefined) {
			byCredential = new Map();
			this.byModel.set(modelId, byCredential);
		}
		byCredential.set(credential, observation);
	}

	recordSuccess(modelId: string, credential: string, latencyMs: number): void {
		const current = this.observation(modelId, credential);
		if (current === undefined) {
			this.store(modelId, credential, { latencyMs, successRate: 1, calls: 1 });
			return;
		}
		current.latencyMs = current.latencyMs === undefined ? latencyMs : current.latencyMs + DECAY * (latencyMs - current.latencyMs);
		current.successRate += DECAY * (1 - current.successRate);
		current.calls += 1;
	}

	recordFailure(modelId: string, credential: string): void {
		const current = this.observation(modelId, credential) ?? { successRate: 1, calls: 0 };
		current.successRate += DECAY * (0 - current.successRate);
		current.calls += 1;
		this.store(modelId, credential, current);
	}

	/** What calls with this credential saw of the model. */
	get(modelId: string, credential: string): ModelObservation | undefined {
		return this.observation(modelId, credential);
	}

	/** The credential that called the model most, for a view of the process without a credential (Fusion Models). */
	busiest(modelId: string): ModelObservation | undefined {
		let busiest: ModelObservation | undefined;
		for (const observation of this.byModel.get(modelId)?.values() ?? []) {
			if (busiest === undefined || observation.calls > busiest.calls) busiest = observation;
		}
		return busiest;
	}

	/** Looks models up as seen with one credential. */
	lookupFor(credential: string): ObservationLookup {
		return (modelId) => this.observation(modelId, credential);
	}

	clear(): void {
		this.byModel.clear();
	}
}

/** The process-wide statistics. */
export const modelStats = new ModelStats();
