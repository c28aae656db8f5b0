import {
	consensusScores,
	fromJudgeVerdict,
	indexOfBest,
	jsonSimilarity,
	toJudgeMessages,
	wordSimilarity,
} from '../../../nodes/engine/strategies/select-best-answer';

describe('fromJudgeVerdict', () => {
	it.each([
		['2', 1],
		['Answer 3', 2],
		['The best answer is 1.', 0],
		[' 2\n', 1],
	])('reads %j as answer index %i', (text, index) => {
		expect(fromJudgeVerdict(text, 3)).toBe(index);
	});

	it.each(['', 'none of them', 'Answers 1 and 2 are equally good', '4', '0'])(
		'finds no usable verdict in %j',
		(text) => {
			expect(fromJudgeVerdict(text, 3)).toBeUndefined();
		},
	);
});

describe('consensus', () => {
	it('scores word overlap from 0 (nothing shared) to 1 (same words)', () => {
		expect(wordSimilarity('Paris is the capital', 'the capital is Paris')).toBe(1);
		expect(wordSimilarity('Paris', 'Lyon')).toBe(0);
		expect(wordSimilarity('Paris, France', 'Paris')).toBe(0.5);
	});

	it('prefers the answer closest to all the others; ties go to the earliest', () => {
		const scores = consensusScores(
			['Lyon is the capital', 'Paris is the capital', 'Paris is the capital city'],
			wordSimilarity,
		);
		expect(indexOfBest(scores)).toBe(1);
		expect(indexOfBest([0.5, 0.5])).toBe(0);
		expect(consensusScores(['only one'], wordSimilarity)).toEqual([1]);
	});
});

describe('jsonSimilarity', () => {
	it('compares values, not texts: key order does not count, a value in another place does', () => {
		expect(jsonSimilarity({ a: 'x', b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 'x' })).toBe(1);
		expect(jsonSimilarity({ a: 'x', b: 'y' }, { a: 'y', b: 'x' })).toBe(0);
		expect(jsonSimilarity({ a: 'x', b: 'y' }, { a: 'x', b: 'z' })).toBeCloseTo(1 / 3, 10);
		expect(jsonSimilarity({ n: 1 }, { n: '1' })).toBe(0);
		expect(jsonSimilarity({ list: [] }, { list: {} })).toBe(0);
	});

	it('picks the JSON answer the others agree with, where word overlap would tie', () => {
		const answers = [
			{ label: 'high', priority: 'bug' },
			{ label: 'bug', priority: 'high' },
			{ priority: 'high', label: 'bug' },
		];
		expect(indexOfBest(consensusScores(answers, jsonSimilarity))).toBe(1);
		const texts = answers.map((answer) => JSON.stringify(answer));
		expect(indexOfBest(consensusScores(texts, wordSimilarity))).toBe(0);
	});
});

describe('toJudgeMessages', () => {
	it('shows the judge the conversation and the numbered answers', () => {
		const messages = toJudgeMessages(
			[{ role: 'user', content: 'Capital of France?' }],
			['Lyon', 'Paris'],
		);
		expect(messages[0].role).toBe('system');
		expect(messages[1]).toEqual({
			role: 'user',
			content:
				'Conversation:\n[user]\nCapital of France?\n\nAnswer 1:\nLyon\n\nAnswer 2:\nParis\n\nWhich answer is best? Reply with its number only.',
		});
	});
});
