import { costOfAnswer } from '../call/answer-cost';
import type { Attempt } from '../call/attempt';
import { callModelWithRetries } from '../call/call-model';
import type { CallSettings, ModelCallResult } from '../call/model-call';
import { PartialAnswerError } from '../call/partial-answer-error';
import { isCancellation } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { ChatMessage, UnifiedChatRequest } from '../request/unified-request';

const FUSER_INSTRUCTIONS =
	'Several assistants answered the conversation that follows, each on its own. Their answers are below, ' +
	'labelled and in no particular order. Write the one final answer to the last message: keep what is correct ' +
	'and useful in any of them, settle their disagreements on the merits, leave out their mistakes, and add ' +
	'nothing that neither they nor the conversation support. Answer as you would answer directly: do not mention ' +
	'the other answers, the assistants or these instructions.';

/** "A", "B", … "Z", "AA": labels that say nothing of which model wrote an answer. */
function labelOf(index: number): string {
	const letter = String.fromCharCode(65 + (index % 26));
	return index < 26 ? letter : labelOf(Math.floor(index / 26) - 1) + letter;
}

/** The answers in a random order (Fisher–Yates), so that no model's answer is always read first. */
export function shuffled<Item>(items: readonly Item[], random: () => number): Item[] {
	const order = [...items];
	for (let index = order.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[order[index], order[other]] = [order[other], order[index]];
	}
	return order;
}

/**
 * The fuser's conversation: the original one, whole (images and files included: the fuser may need them to
 * judge the answers), after a system message that holds the instructions and the labelled answers. A system
 * message is the one place every provider takes wherever the conversation's turns stand.
 */
export function toFuserMessages(
	conversation: readonly ChatMessage[],
	answers: readonly string[],
): ChatMessage[] {
	const labelled = answers
		.map((answer, index) => `Answer ${labelOf(index)}:\n${answer}`)
		.join('\n\n');
	return [{ role: 'system', content: `${FUSER_INSTRUCTIONS}\n\n${labelled}` }, ...conversation];
}

export type FuserOutcome =
	| { ok: true; result: ModelCallResult; costUsd: number | null }
	| { ok: false; problem: string };

/**
 * Asks the fuser for the final answer with the request's own settings (its response format included, so a
 * JSON schema holds for the fused answer too), streamed to a live client as it is written.
 */
export async function askFuser(
	fuser: ResolvedModel,
	request: UnifiedChatRequest,
	answers: readonly string[],
	settings: CallSettings,
	attempts: Attempt[],
): Promise<FuserOutcome> {
	const fuserRequest: UnifiedChatRequest = {
		...request,
		model: fuser.fusionId,
		messages: toFuserMessages(request.messages, answers),
	};
	const fuserAttempts: Attempt[] = [];
	try {
		const result = await callModelWithRetries(fuser, fuserRequest, settings, fuserAttempts);
		return { ok: true, result, costUsd: costOfAnswer(result.answer, fuser.pricing) };
	} catch (error) {
		// Text the client has already read cannot be taken back by falling back to another answer.
		if (isCancellation(error) || error instanceof PartialAnswerError) throw error;
		return { ok: false, problem: error instanceof Error ? error.message : String(error) };
	} finally {
		attempts.push(...fuserAttempts.map((attempt): Attempt => ({ ...attempt, role: 'fuser' })));
	}
}
