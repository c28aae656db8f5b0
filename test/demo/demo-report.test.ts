import { formatReport, reportRows } from './demo-report';

const answer = (model: string, content: string, fusion: object) => ({
	model,
	choices: [{ message: { content } }],
	fusion,
});

describe('reportRows', () => {
	it('names the model that answered, its cost and the way there', () => {
		const rows = reportRows([
			answer('openai/gpt-4o-mini', 'Hi', {
				cost_usd: 0.00001,
				attempts: [{ model: 'openai/gpt-4o-mini', status: 'ok' }],
			}),
			answer('anthropic/claude-haiku-4-5', 'Hello', {
				cost_usd: 0.0002,
				attempts: [
					{
						model: 'openai/sim-fail-503',
						status: 'error',
						error: { type: 'server', http_status: 503 },
					},
					{
						model: 'openai/sim-fail-503',
						status: 'error',
						error: { type: 'server', http_status: 503 },
					},
					{ model: 'google/x', status: 'skipped' },
					{ model: 'anthropic/claude-haiku-4-5', status: 'ok' },
				],
			}),
			answer('mistral/mistral-small-latest', 'Best', {
				cost_usd: null,
				candidates: [{}, {}, {}],
				selection: 'judge openai/gpt-4o-mini',
			}),
			{ error: 'All 2 models failed to answer' },
			{
				answer: 'Short',
				model: 'openai/gpt-4o-mini',
				cost_usd: 0.00002,
				attempts: 'openai/sim-fail-503: HTTP 503 → openai/gpt-4o-mini: ok',
			},
		]);
		expect(rows).toEqual([
			{ item: 1, model: 'openai/gpt-4o-mini', costUsd: 0.00001, route: 'first try', answer: 'Hi' },
			{
				item: 2,
				model: 'anthropic/claude-haiku-4-5',
				costUsd: 0.0002,
				route: 'after openai/sim-fail-503 (HTTP 503 ×2), google/x (skipped)',
				answer: 'Hello',
			},
			{
				item: 3,
				model: 'mistral/mistral-small-latest',
				costUsd: null,
				route: 'best of 3, judge openai/gpt-4o-mini',
				answer: 'Best',
			},
			{
				item: 4,
				model: '',
				costUsd: null,
				route: 'failed',
				answer: 'All 2 models failed to answer',
			},
			{
				item: 5,
				model: 'openai/gpt-4o-mini',
				costUsd: 0.00002,
				route: 'openai/sim-fail-503: HTTP 503 → openai/gpt-4o-mini: ok',
				answer: 'Short',
			},
		]);
	});
});

describe('formatReport', () => {
	it('prints one table per node, the answer trimmed to the width, and the total cost', () => {
		const text = formatReport(
			[
				{
					workflow: 'Demo 1',
					node: 'Ask',
					rows: [
						{
							item: 1,
							model: 'openai/gpt-4o-mini',
							costUsd: 0.000125,
							route: 'first try',
							answer: `A long\nanswer ${'word '.repeat(40)}`,
						},
					],
				},
				{
					workflow: 'Demo 2',
					node: 'Panel',
					rows: [],
					failure: 'error: All 4 models failed\n1. openai/x: 500',
				},
			],
			80,
		);
		const lines = text.split('\n');
		expect(lines).toContain('Demo 1  ›  Ask');
		const row = lines.find((line) => line.includes('openai/gpt-4o-mini')) ?? '';
		expect(row).toMatch(
			/^ {2}1 {2}openai\/gpt-4o-mini {2}\$0\.000125 {2}first try {2}A long answer word .*…$/,
		);
		expect(row.length).toBeLessThanOrEqual(80);
		expect(text).toContain('  FAILED: error: All 4 models failed\n          1. openai/x: 500');
		expect(lines.at(-1)).toBe('1 item answered, total cost $0.000125');
	});
});
