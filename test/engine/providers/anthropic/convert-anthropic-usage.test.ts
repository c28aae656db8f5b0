import { convertAnthropicUsage } from '../../../../nodes/engine/providers/anthropic/convert-anthropic-usage';

describe('convertAnthropicUsage', () => {
	it('adds cache writes and reads to the prompt tokens', () => {
		expect(
			convertAnthropicUsage({
				input_tokens: 4,
				cache_creation_input_tokens: 300,
				cache_read_input_tokens: 2000,
				output_tokens: 50,
			}),
		).toEqual({
			prompt_tokens: 2304,
			completion_tokens: 50,
			total_tokens: 2354,
			prompt_tokens_details: { cached_tokens: 2000 },
		});
	});

	it('treats missing or null cache counters as 0', () => {
		expect(convertAnthropicUsage({ input_tokens: 12, output_tokens: 30 })).toEqual({
			prompt_tokens: 12,
			completion_tokens: 30,
			total_tokens: 42,
		});
		expect(
			convertAnthropicUsage({
				input_tokens: 12,
				cache_creation_input_tokens: null,
				cache_read_input_tokens: null,
				output_tokens: 30,
			}).prompt_tokens,
		).toBe(12);
	});
});
