import { SmoothWeightedRoundRobin } from '../../../../nodes/engine/state/memory/smooth-weighted-round-robin';

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
