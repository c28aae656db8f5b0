import { toModelCallRequest } from '../../../nodes/engine/call/model-call';

describe('toModelCallRequest', () => {
	it('carries every field of the request to the adapter, the token limit under either name', () => {
		const messages = [
			{ role: 'developer' as const, content: 'Be brief.' },
			{
				role: 'user' as const,
				content: [{ type: 'image_url' as const, image_url: { url: 'https://example.com/a.png' } }],
			},
		];
		expect(
			toModelCallRequest(
				{
					model: 'openai/gpt-4o',
					messages,
					max_completion_tokens: 64,
					stop: 'END',
					response_format: { type: 'json_object' },
					reasoning_effort: 'medium',
					seed: 1,
					user: 'u-1',
				},
				'gpt-4o',
			),
		).toEqual({
			model: 'gpt-4o',
			messages,
			max_tokens: 64,
			stop: ['END'],
			stream: false,
			response_format: { type: 'json_object' },
			reasoning_effort: 'medium',
			seed: 1,
			user: 'u-1',
		});
	});
});
