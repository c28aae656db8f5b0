/**
 * What this n8n process has seen of each model: a decaying average of latency and of success, so recent
 * behaviour counts more than old. Shared by every item and execution in the process (strategies order by it,
 * Fusion Models reports it). Nothing is persisted: a restart starts from the catalog's estimates.
 */
export interface ModelObservation {
	/** Exponentially weighted mean latency of successful calls, ms. */
	latencyMs?: number;
	/** Exponentially weighted success rate, 0–1. */
	successRate: number;
	calls: number;
}

/** Weight of the newest observation: about the last ten calls dominate. */
const DECAY = 0.2;

export class ModelStats {
	private readonly byModel = new Map<string, ModelObservation>();

	recordSuccess(modelId: string, latencyMs: number): void {
		const current = this.byModel.get(modelId);
		if (current === undefined) {
			this.byModel.set(modelId, { latencyMs, successRate: 1, calls: 1 });
			return;
		}
		current.latencyMs = current.latencyMs === undefined ? latencyMs : current.latencyMs + DECAY * (latencyMs - current.latencyMs);
		current.successRate += DECAY * (1 - current.successRate);
		current.calls += 1;
	}

	recordFailure(modelId: string): void {
		const current = this.byModel.get(modelId) ?? { successRate: 1, calls: 0 };
		current.successRate += DECAY * (0 - current.successRate);
		current.calls += 1;
		this.byModel.set(modelId, current);
	}

	get(modelId: string): ModelObservation | undefined {
		return this.byModel.get(modelId);
	}

	clear(): void {
		this.byModel.clear();
	}
}

/** The process-wide statistics. */
export const modelStats = new ModelStats();
