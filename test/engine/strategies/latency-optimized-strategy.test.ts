import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { orderByLatency } from '../../../nodes/engine/strategies/latency-optimized-strategy';
import { candidate, ids, CREDENTIAL, seenWith } from './test-candidates';

describe('orderByLatency', () => {
	it('uses the catalog estimate until the process has observed the model, then the observation', async () => {
		const state = new MemoryFusionState();
		const fast = candidate('groq/llama-3.1-8b-instant');
		const slow = candidate('anthropic/claude-3-opus');
		expect(ids(orderByLatency([slow, fast], await seenWith(state)))).toEqual([
			'groq/llama-3.1-8b-instant',
			'anthropic/claude-3-opus',
		]);
		await state.recordOutcome(CREDENTIAL, 'groq/llama-3.1-8b-instant', {
			ok: true,
			latencyMs: 60_000,
		});
		await state.recordOutcome(CREDENTIAL, 'anthropic/claude-3-opus', { ok: true, latencyMs: 50 });
		expect(ids(orderByLatency([fast, slow], await seenWith(state)))).toEqual([
			'anthropic/claude-3-opus',
			'groq/llama-3.1-8b-instant',
		]);
	});

	it("goes by what the candidate's own credential saw, not another one's", async () => {
		const state = new MemoryFusionState();
		await state.recordOutcome('anthropic:someone-else', 'anthropic/claude-3-opus', {
			ok: true,
			latencyMs: 50,
		});
		const fast = candidate('groq/llama-3.1-8b-instant');
		const slow = candidate('anthropic/claude-3-opus');
		expect(ids(orderByLatency([slow, fast], await seenWith(state)))).toEqual([
			'groq/llama-3.1-8b-instant',
			'anthropic/claude-3-opus',
		]);
	});
});
