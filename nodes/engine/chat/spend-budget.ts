import type { UnifiedChatRequest } from '../request/unified-request';
import type { Candidate } from '../strategies/candidate';
import { orderByExpectedCost } from '../strategies/cost-optimized-strategy';

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
	constructor(readonly budget: SpendBudget) {
		super(
			`The execution's budget of $${budget.limitUsd} is spent ($${budget.spentUsd.toFixed(6)} so far), so this item was not sent`,
		);
		this.name = 'BudgetExceededError';
	}
}

/** The candidates a request may still use under the budget, and a note for the output when it was spent. */
export function withinBudget(
	candidates: Candidate[],
	request: UnifiedChatRequest,
	budget: SpendBudget | undefined,
): { candidates: Candidate[]; notes: string[] } {
	if (!budget?.exhausted) return { candidates, notes: [] };
	if (budget.whenExhausted === 'fail') throw new BudgetExceededError(budget);
	const cheapest = orderByExpectedCost(candidates, request).slice(0, 1);
	return {
		candidates: cheapest,
		notes: [
			`the execution's budget of $${budget.limitUsd} is spent: only the cheapest model, ${cheapest[0].fusionId}, was asked`,
		],
	};
}
