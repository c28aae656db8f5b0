import { orderByExpectedCost } from '../../../nodes/engine/strategies/cost-optimized-strategy';
import { candidate, ids } from './test-candidates';

describe('orderByExpectedCost', () => {
	it('puts the cheapest model for this request first and unknown prices last', () => {
		const list = [
			candidate('anthropic/claude-3-opus'),
			candidate('openai/unpriced-finetune'),
			candidate('openai/gpt-4o-mini'),
			candidate('openai/gpt-4o'),
		];
		const request = {
			model: 'x/y',
			messages: [{ role: 'user' as const, content: 'Hello there' }],
			max_tokens: 200,
		};
		expect(ids(orderByExpectedCost(list, request))).toEqual([
			'openai/gpt-4o-mini',
			'openai/gpt-4o',
			'anthropic/claude-3-opus',
			'openai/unpriced-finetune',
		]);
	});
});
