import type { CallOutcome, ModelObservation, ModelRecord } from '../fusion-state';

/** Weight of the newest observation: about the last ten calls dominate. */
const DECAY = 0.2;

/**
 * What this process has seen of each model, per credential: a decaying average of latency and of success, and
 * the failures since the last success. Nothing is persisted: a restart starts from the catalog's estimates.
 */
export class ModelRecords {
	/** Model id, then credential key. */
	private readonly byModel = new Map<string, Map<string, ModelRecord>>();

	record(credential: string, model: string, outcome: CallOutcome, now: number): void {
		let byCredential = this.byModel.get(model);
		if (byCredential === undefined) {
			byCredential = new Map();
			this.byModel.set(model, byCredential);
		}
		const current = byCredential.get(credential);
		if (outcome.ok) {
			const { latencyMs } = outcome;
			if (current === undefined) {
				byCredential.set(credential, {
					latencyMs,
					successRate: 1,
					calls: 1,
					consecutiveFailures: 0,
				});
				return;
			}
			current.latencyMs =
				current.latencyMs === undefined
					? latencyMs
					: current.latencyMs + DECAY * (latencyMs - current.latencyMs);
			current.successRate += DECAY * (1 - current.successRate);
			current.calls += 1;
			current.consecutiveFailures = 0;
			current.lastFailureAt = undefined;
			return;
		}
		const failed = current ?? { successRate: 1, calls: 0, consecutiveFailures: 0 };
		failed.successRate += DECAY * (0 - failed.successRate);
		failed.calls += 1;
		failed.consecutiveFailures += 1;
		failed.lastFailureAt = now;
		byCredential.set(credential, failed);
	}

	/** Copies, so that a caller holding them sees what was true when it asked. */
	ofCredential(credential: string): Map<string, ModelRecord> {
		const records = new Map<string, ModelRecord>();
		for (const [model, byCredential] of this.byModel) {
			const record = byCredential.get(credential);
			if (record !== undefined) records.set(model, { ...record });
		}
		return records;
	}

	busiest(): Map<string, ModelObservation> {
		const busiest = new Map<string, ModelObservation>();
		for (const [model, byCredential] of this.byModel) {
			let top: ModelRecord | undefined;
			for (const record of byCredential.values())
				if (top === undefined || record.calls > top.calls) top = record;
			if (top !== undefined)
				busiest.set(model, {
					latencyMs: top.latencyMs,
					successRate: top.successRate,
					calls: top.calls,
				});
		}
		return busiest;
	}
}
