import type { Attempt, ChatCompletionOutput } from '../../../../nodes/engine';
import {
	summarizeAttempts,
	toSimplifiedOutput,
} from '../../../../nodes/FusionChat/execute/simplify-output';

const attempt = (
	model: string,
	status: Attempt['status'],
	extra: Partial<Attempt> = {},
): Attempt => ({
	model,
	provider: 'openai',
	status,
	latency_ms: 10,
	...extra,
});

describe('summarizeAttempts', () => {
	it('chains a fallback, counting retries with the same outcome', () => {
		const attempts = [
			attempt('openai/gpt-4o', 'error', {
				error: { type: 'server', message: 'boom', http_status: 500 },
			}),
			attempt('openai/gpt-4o', 'error', {
				error: { type: 'server', message: 'boom', http_status: 500 },
			}),
			attempt('openai/gpt-4o', 'error', { error: { type: 'timeout', message: 'slow' } }),
			attempt('anthropic/claude-3-opus', 'ok'),
		];
		expect(summarizeAttempts(attempts, 'fallback', false)).toBe(
			'openai/gpt-4o: HTTP 500 ×2 → openai/gpt-4o: timeout → anthropic/claude-3-opus: ok',
		);
	});

	it('says why a model was skipped, that a hedged call was stopped, and which call was the judge', () => {
		const attempts = [
			attempt('openai/gpt-4o', 'skipped', { reason: 'over the price cap' }),
			attempt('openai/gpt-4.1', 'cancelled', { reason: 'another model answered first' }),
			attempt('openai/gpt-4o-mini', 'ok'),
			attempt('openai/o3', 'ok', { role: 'judge' }),
		];
		expect(summarizeAttempts(attempts, 'best_of', false)).toBe(
			'openai/gpt-4o: skipped (over the price cap), openai/gpt-4.1: stopped, openai/gpt-4o-mini: ok, judge openai/o3: ok',
		);
	});

	it('names the cache when the answer came from it', () => {
		expect(summarizeAttempts([], 'fallback', true)).toBe('answered from the cache');
	});
});

describe('toSimplifiedOutput', () => {
	it('keeps a refusal beside a null answer', () => {
		const output = {
			id: 'x',
			object: 'chat.completion',
			created: 1,
			model: 'openai/gpt-4o',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
					logprobs: null,
					finish_reason: 'content_filter',
				},
			],
			usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
			fusion: {
				strategy: 'single',
				provider: 'openai',
				model: 'gpt-4o',
				cost_usd: 0.0001,
				latency_ms: 30,
				cached: false,
				warnings: [],
				attempts: [attempt('openai/gpt-4o', 'ok')],
			},
		} as ChatCompletionOutput;
		expect(toSimplifiedOutput(output)).toEqual({
			answer: null,
			refusal: 'I cannot help with that.',
			model: 'openai/gpt-4o',
			finish_reason: 'content_filter',
			cost_usd: 0.0001,
			total_tokens: 11,
			latency_ms: 30,
			attempts: 'openai/gpt-4o: ok',
		});
	});
});
