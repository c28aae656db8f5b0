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
export function consensusScores<Answer>(
	answers: readonly Answer[],
	similarity: (a: Answer, b: Answer) => number,
): number[] {
	if (answers.length === 1) return [1];
	return answers.map((answer, index) => {
		const others = answers.filter((_, other) => other !== index);
		return others.reduce((sum, other) => sum + similarity(answer, other), 0) / others.length;
	});
}

/** Each leaf of a JSON value as `path=value`: object keys in any order give the same set. */
function leavesOf(value: unknown, path: string, into: Set<string>): Set<string> {
	const entries =
		value !== null && typeof value === 'object'
			? Object.entries(value as Record<string, unknown>)
			: [];
	if (entries.length === 0) into.add(`${path}=${JSON.stringify(value)}`);
	for (const [key, inner] of entries) leavesOf(inner, `${path}/${JSON.stringify(key)}`, into);
	return into;
}

/**
 * How far two JSON values agree, 0–1: the share of their leaves (path and value) they have in common. Key order
 * and spacing do not count, and `{"a":"x","b":"y"}` shares nothing with `{"a":"y","b":"x"}`, which the same words
 * in another place would hide from wordSimilarity.
 */
export function jsonSimilarity(a: unknown, b: unknown): number {
	const left = leavesOf(a, '', new Set());
	const right = leavesOf(b, '', new Set());
	let shared = 0;
	for (const leaf of left) if (right.has(leaf)) shared++;
	return shared / (left.size + right.size - shared);
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
