/** What happens to the remaining items once an execution's budget is spent. */
export type BudgetExhaustedBehaviour = 'fail' | 'cheapest';

/**
 * The spend of one execution, shared by its items. Items already in flight when the cap is reached still
 * finish, so the total can overshoot by up to `concurrency` answers; later items see the cap.
 */
export class SpendBudget {
	private spent = 0;

	constructor(
		readonly limitUsd: number,
		readonly whenExhausted: BudgetExhaustedBehaviour = 'fail',
	) {}

	add(costUsd: number | null): void {
		if (costUsd !== null) this.spent += costUsd;
	}

	get spentUsd(): number {
		return this.spent;
	}

	get exhausted(): boolean {
		return this.spent >= this.limitUsd;
	}
}

export class BudgetExceededError extends Error {
	constructor(budget: SpendBudget) {
		super(
			`The execution's budget of $${budget.limitUsd} is spent ($${budget.spentUsd.toFixed(6)} so far), so this item was not sent; raise Options → Budget (USD) or choose "Use Cheapest Model" when it runs out`,
		);
		this.name = 'BudgetExceededError';
	}
}
