import { estimateLatency } from '../../../nodes/engine/catalog/estimate-latency';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';

describe('estimateLatency', () => {
	it('counts observations made under an alias or another prefix spelling', async () => {
		const state = new MemoryFusionState();
		await state.recordOutcome('xai:credential', 'x-ai/grok-4', { ok: true, latencyMs: 4000 });
		const records = await state.readModels('xai:credential');
		const lookup = (modelId: string) => records.get(modelId);
		expect(estimateLatency('xai/grok-4', lookup)).toEqual({ latencyMs: 4000, source: 'observed' });
		expect(estimateLatency('xai/grok-3', lookup)).toEqual({ latencyMs: 3500, source: 'catalog' });
		expect(estimateLatency('openai/unknown-model', lookup)).toBeUndefined();
	});
});
