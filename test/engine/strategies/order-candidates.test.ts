import { resolveModelId } from '../../../nodes/engine/models/resolve-model-id';
import type { Candidate } from '../../../nodes/engine/strategies/candidate';
import {
	orderByExpectedCost,
	orderByLatency,
	orderByPerformance,
	resetRoundRobinState,
	roundRobinOrder,
	SmoothWeightedRoundRobin,
	weightedRandomOrder,
} from '../../../nodes/engine/strategies/order-candidates';
import { ModelStats } from '../../../nodes/engine/stats/model-stats';

const candidate = (id: string, weight = 1): Candidate => ({ ...resolveModelId(id), weight });
const ids = (candidates: Candidate[]) => candidates.map((entry) => entry.fusionId);

describe('SmoothWeightedRoundRobin', () => {
	it('gives weights 0.6/0.4 exactly 6 and 4 picks out of 10, interleaved', () => {
		const rotation = new SmoothWeightedRoundRobin([0.6, 0.4]);
		const picks = Array.from({ length: 10 }, () => rotation.next());
		expect(picks.filter((pick) => pick === 0)).toHaveLength(6);
		expect(picks.filter((pick) => pick === 1)).toHaveLength(4);
		expect(picks).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 1, 0]);
	});

	it('cycles evenly with equal weights', () => {
		const rotation = new SmoothWeightedRoundRobin([1, 1, 1]);
		expect(Array.from({ length: 6 }, () => rotation.next())).toEqual([0, 1, 2, 0, 1, 2]);
	});
});

describe('roundRobinOrder', () => {
	beforeEach(resetRoundRobinState);

	it('puts the next model in the rotation first and keeps the others after it as fallbacks', () => {
		const list = [candidate('openai/gpt-4o'), candidate('anthropic/claude-3-opus'), candidate('google/gemini-2.5-flash')];
		expect(ids(roundRobinOrder(list))).toEqual(['openai/gpt-4o', 'anthropic/claude-3-opus', 'google/gemini-2.5-flash']);
		expect(ids(roundRobinOrder(list))).toEqual(['anthropic/claude-3-opus', 'google/gemini-2.5-flash', 'openai/gpt-4o']);
		expect(ids(roundRobinOrder(list))).toEqual(['google/gemini-2.5-flash', 'openai/gpt-4o', 'anthropic/claude-3-opus']);
		expect(ids(roundRobinOrder(list))[0]).toBe('openai/gpt-4o');
	});
});

describe('weightedRandomOrder', () => {
	it('picks in proportion to weight, then orders the rest the same way', () => {
		const list = [candidate('openai/gpt-4o', 3), candidate('anthropic/claude-3-opus', 1)];
		// random 0.5 × total 4 = 2 falls in the first model's share [0, 3); 0.8 × 4 = 3.2 in the second's [3, 4).
		expect(ids(weightedRandomOrder(list, () => 0.5))).toEqual(['openai/gpt-4o', 'anthropic/claude-3-opus']);
		expect(ids(weightedRandomOrder(list, () => 0.8))).toEqual(['anthropic/claude-3-opus', 'openai/gpt-4o']);
	});

	it('matches the weights over many draws and never starts with a weight-0 model', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		const list = [candidate('openai/gpt-4o', 0.7), candidate('anthropic/claude-3-opus', 0.3), candidate('google/gemini-2.5-flash', 0)];
		const firsts = Array.from({ length: 2000 }, () => weightedRandomOrder(list, random)[0].fusionId);
		const share = firsts.filter((id) => id === 'openai/gpt-4o').length / firsts.length;
		expect(share).toBeGreaterThan(0.65);
		expect(share).toBeLessThan(0.75);
		expect(firsts).not.toContain('google/gemini-2.5-flash');
		expect(ids(weightedRandomOrder(list, random))[2]).toBe('google/gemini-2.5-flash');
	});
});

describe('orderByExpectedCost', () => {
	it('puts the cheapest model for this request first and unknown prices last', () => {
		const list = [candidate('anthropic/claude-3-opus'), candidate('openai/unpriced-finetune'), candidate('openai/gpt-4o-mini'), candidate('openai/gpt-4o')];
		const request = { model: 'x/y', messages: [{ role: 'user' as const, content: 'Hello there' }], max_tokens: 200 };
		expect(ids(orderByExpectedCost(list, request))).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-3-opus', 'openai/unpriced-finetune']);
	});
});

/** What the tests' one credential has seen, as run-chat hands it to the strategies. */
const CREDENTIAL = 'openai:test-credential';
const seenWith = (stats: ModelStats) => () => stats.lookupFor(CREDENTIAL);

describe('orderByLatency', () => {
	it('uses the catalog estimate until the process has observed the model, then the observation', () => {
		const stats = new ModelStats();
		const fast = candidate('groq/llama-3.1-8b-instant');
		const slow = candidate('anthropic/claude-3-opus');
		expect(ids(orderByLatency([slow, fast], seenWith(stats)))).toEqual(['groq/llama-3.1-8b-instant', 'anthropic/claude-3-opus']);
		stats.recordSuccess('groq/llama-3.1-8b-instant', CREDENTIAL, 60_000);
		stats.recordSuccess('anthropic/claude-3-opus', CREDENTIAL, 50);
		expect(ids(orderByLatency([fast, slow], seenWith(stats)))).toEqual(['anthropic/claude-3-opus', 'groq/llama-3.1-8b-instant']);
	});

	it('goes by what the candidate\'s own credential saw, not another one\'s', () => {
		const stats = new ModelStats();
		stats.recordSuccess('anthropic/claude-3-opus', 'anthropic:someone-else', 50);
		const fast = candidate('groq/llama-3.1-8b-instant');
		const slow = candidate('anthropic/claude-3-opus');
		expect(ids(orderByLatency([slow, fast], seenWith(stats)))).toEqual(['groq/llama-3.1-8b-instant', 'anthropic/claude-3-opus']);
	});
});

describe('orderByPerformance', () => {
	it('ranks by benchmark score, and a model that keeps failing here sinks', () => {
		const stats = new ModelStats();
		const strong = candidate('anthropic/claude-3-opus');
		const weaker = candidate('openai/gpt-4o-mini');
		const baseline = ids(orderByPerformance([weaker, strong], seenWith(stats)));
		const best = baseline[0] === 'anthropic/claude-3-opus' ? strong : weaker;
		const other = best === strong ? weaker : strong;
		for (let call = 0; call < 10; call++) {
			stats.recordFailure(best.fusionId, CREDENTIAL);
			stats.recordSuccess(other.fusionId, CREDENTIAL, 100);
		}
		expect(ids(orderByPerformance([best, other], seenWith(stats)))).toEqual([other.fusionId, best.fusionId]);
	});
});
