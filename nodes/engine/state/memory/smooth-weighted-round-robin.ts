/**
 * Smooth weighted round robin (as nginx does it): each pick adds every weight to its running total, takes the
 * largest and subtracts the sum of weights from it. Weights 0.6/0.4 over 10 picks give exactly 6 and 4, spread
 * out rather than bunched.
 */
export class SmoothWeightedRoundRobin {
	private readonly current: number[];

	constructor(private readonly weights: readonly number[]) {
		this.current = weights.map(() => 0);
	}

	next(): number {
		const total = this.weights.reduce((sum, weight) => sum + weight, 0);
		let best = 0;
		for (let index = 0; index < this.weights.length; index++) {
			this.current[index] += this.weights[index];
			if (this.current[index] > this.current[best]) best = index;
		}
		this.current[best] -= total;
		return best;
	}
}
