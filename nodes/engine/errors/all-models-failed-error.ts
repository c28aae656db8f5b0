import type { Attempt } from '../chat/chat-output';

/** Every candidate failed: the item's error, listing each attempt so the user sees what happened where. */
export class AllModelsFailedError extends Error {
	readonly attempts: Attempt[];

	constructor(attempts: Attempt[]) {
		const lines = attempts.map(
			(attempt, index) => `${index + 1}. ${attempt.model}: ${attempt.status === 'skipped' ? 'skipped, ' : ''}${attempt.error?.message ?? attempt.status}`,
		);
		const called = new Set(attempts.map((attempt) => attempt.model)).size;
		super(`${called === 1 ? 'The model' : `All ${called} models`} failed to answer:\n${lines.join('\n')}`);
		this.name = 'AllModelsFailedError';
		this.attempts = attempts;
	}
}
