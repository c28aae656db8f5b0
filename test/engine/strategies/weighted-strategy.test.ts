import { weightedRandomOrder } from '../../../nodes/engine/strategies/weighted-strategy';
import { candidate, ids } from './test-candidates';

describe('weightedRandomOrder', () => {
	it('picks in proportion to weight, then orders the rest the same way', () => {
		const list = [candidate('openai/gpt-4o', 3), candidate('anthropic/claude-3-opus', 1)];
		// random 0.5 × total 4 = 2 falls in the first model's share [0, 3); 0.8 × 4 = 3.2 in the second's [3, 4).
		expect(ids(weightedRandomOrder(list, () => 0.5))).toEqual([
			'openai/gpt-4o',
			'anthropic/claude-3-opus',
		]);
		expect(ids(weightedRandomOrder(list, () => 0.8))).toEqual([
			'anthropic/claude-3-opus',
			'openai/gpt-4o',
		]);
	});

	it('matches the weights over many draws and never starts with a weight-0 model', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		const list = [
			candidate('openai/gpt-4o', 0.7),
			candidate('anthropic/claude-3-opus', 0.3),
			candidate('google/gemini-2.5-flash', 0),
		];
		const firsts = Array.from(
			{ length: 2000 },
			() => weightedRandomOrder(list, random)[0].fusionId,
		);
		const share = firsts.filter((id) => id === 'openai/gpt-4o').length / firsts.length;
		expect(share).toBeGreaterThan(0.65);
		expect(share).toBeLessThan(0.75);
		expect(firsts).not.toContain('google/gemini-2.5-flash');
		expect(ids(weightedRandomOrder(list, random))[2]).toBe('google/gemini-2.5-flash');
	});
});
