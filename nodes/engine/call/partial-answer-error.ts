import type { FusionError } from '../errors/fusion-error';
import type { Attempt } from './attempt';

/**
 * A streamed answer broke after part of it had already reached the user (a chat, a streaming webhook).
 * Asking another model now would splice two answers together behind the user's back, so the item ends here,
 * keeping the text that was sent.
 */
export class PartialAnswerError extends Error {
	/** Filled in by the strategy that ran the call. */
	attempts: Attempt[] = [];

	constructor(
		readonly model: string,
		readonly partialContent: string,
		readonly cause: FusionError,
	) {
		const sent =
			partialContent === ''
				? 'part of a tool call had already been streamed'
				: `${partialContent.length} characters had already been streamed`;
		super(
			`The answer from ${model} broke off after ${sent} (${cause.message}); it was not retried on another model because part of it had been sent`,
		);
		this.name = 'PartialAnswerError';
	}
}
