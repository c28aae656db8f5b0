import { textOf } from '../request/message-content';
import type { ChatMessage } from '../request/unified-request';

function words(text: string): Set<string> {
	return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of the two texts' word sets, 0–1. */
export function wordSimilarity(a: string, b: string): number {
	const left = words(a);
	const right = words(b);
	if (left.size === 0 && right.size === 0) return 1;
	let shared = 0;
	for (const word of left) if (right.has(word)) shared++;
	return shared / (left.size + right.size - shared);
}

/** Each answer's mean similarity to all the others: the consensus answer is the one closest to the rest. */
export function consensusScores(contents: readonly string[]): number[] {
	if (contents.length === 1) return [1];
	return contents.map((content, index) => {
		const others = contents.filter((_, other) => other !== index);
		return others.reduce((sum, other) => sum + wordSimilarity(content, other), 0) / others.length;
	});
}

/** Index of the highest score; ties go to the earliest (the order the user listed the models in). */
export function indexOfBest(scores: readonly number[]): number {
	return scores.reduce((best, score, index) => (score > scores[best] ? index : best), 0);
}

const JUDGE_INSTRUCTIONS =
	'You compare answers to the same conversation and pick the most helpful, correct and complete one. ' +
	'Reply with the number of the best answer only, for example: 2';

/** The judge's request: the conversation, then the numbered answers. */
export function toJudgeMessages(
	conversation: readonly ChatMessage[],
	answers: readonly string[],
): ChatMessage[] {
	const transcript = conversation
		// The judge reads text only: the images and files it cannot see are left out of its transcript.
		.map((message) => `[${message.role}]\n${textOf(message.content)}`)
		.join('\n\n');
	const numbered = answers.map((answer, index) => `Answer ${index + 1}:\n${answer}`).join('\n\n');
	return [
		{ role: 'system', content: JUDGE_INSTRUCTIONS },
		{
			role: 'user',
			content: `Conversation:\n${transcript}\n\n${numbered}\n\nWhich answer is best? Reply with its number only.`,
		},
	];
}

/** The 0-based index the judge named, or undefined when its reply names no answer unambiguously. */
export function fromJudgeVerdict(text: string, answerCount: number): number | undefined {
	const numbers = [...new Set((text.match(/\d+/g) ?? []).map(Number))].filter(
		(value) => value >= 1 && value <= answerCount,
	);
	return numbers.length === 1 ? numbers[0] - 1 : undefined;
}
