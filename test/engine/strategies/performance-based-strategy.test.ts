import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { orderByPerformance } from '../../../nodes/engine/strategies/performance-based-strategy';
import { candidate, ids, CREDENTIAL, seenWith } from './test-candidates';

describe('orderByPerformance', () => {
	it('ranks by benchmark score, and a model that keeps failing here sinks', async () => {
		const state = new MemoryFusionState();
		const strong = candidate('anthropic/claude-3-opus');
		const weaker = candidate('openai/gpt-4o-mini');
		const baseline = ids(orderByPerformance([weaker, strong], await seenWith(state)));
		const best = baseline[0] === 'anthropic/claude-3-opus' ? strong : weaker;
		const other = best === strong ? weaker : strong;
		for (let call = 0; call < 10; call++) {
			await state.recordOutcome(CREDENTIAL, best.fusionId, { ok: false });
			await state.recordOutcome(CREDENTIAL, other.fusionId, { ok: true, latencyMs: 100 });
		}
		expect(ids(orderByPerformance([best, other], await seenWith(state)))).toEqual([
			other.fusionId,
			best.fusionId,
		]);
	});
});
