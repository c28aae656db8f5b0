import type { Attempt } from '../call/attempt';

/** Every candidate failed: the item's error, listing each attempt so the user sees what happened where. */
export class AllModelsFailedError extends Error {
	readonly attempts: Attempt[];
	/** One line for an error title; the message lists every attempt. */
	readonly summary: string;

	constructor(attempts: Attempt[]) {
		const lines = attempts.map((attempt, index) => {
			const why = attempt.error?.message ?? attempt.reason ?? attempt.status;
			return `${index + 1}. ${attempt.model}: ${attempt.status === 'skipped' ? `skipped, ${why}` : why}`;
		});
		const called = new Set(attempts.map((attempt) => attempt.model)).size;
		super(
			`${called === 1 ? 'The model' : `All ${called} models`} failed to answer:\n${lines.join('\n')}`,
		);
		this.name = 'AllModelsFailedError';
		this.attempts = attempts;
		const last = attempts[attempts.length - 1];
		const lastError = `${last?.model}: ${last?.error?.message ?? 'failed'}`;
		this.summary =
			called === 1
				? `The model failed (${lastError})`
				: `All ${called} models failed (last, ${lastError})`;
	}
}
