import { toAnthropicRequest } from '../../../../nodes/engine/providers/anthropic/to-anthropic-request';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';

const base: ModelCallRequest = {
	model: 'some-model',
	messages: [{ role: 'user', content: 'Hi' }],
	stream: false,
};

const developerAndTextParts: Partial<ModelCallRequest> = {
	response_format: { type: 'text' },
	messages: [
		{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'One' },
				{ type: 'text', text: 'Two' },
			],
		},
	],
};

describe('what the Anthropic conversion sends for plain text requests', () => {
	it('Anthropic: developer as system, text parts as text, a text response_format as nothing', () => {
		expect(toAnthropicRequest({ ...base, ...developerAndTextParts })).toEqual({
			body: {
				model: 'some-model',
				max_tokens: 4096,
				system: 'Be brief.',
				messages: [{ role: 'user', content: 'One\nTwo' }],
			},
			warnings: [],
		});
	});

	it('go to Anthropic as metadata.user_id, seed a warning', () => {
		const { body, warnings } = toAnthropicRequest({ ...base, seed: 7, user: 'u-1' });
		expect(body.metadata).toEqual({ user_id: 'u-1' });
		expect(body).not.toHaveProperty('seed');
		expect(warnings).toEqual(['seed is not supported by Anthropic and was not sent']);
	});
});
