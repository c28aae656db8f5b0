import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import {
	ANTHROPIC_DEFAULT_MAX_TOKENS,
	toAnthropicRequest,
} from '../../../../nodes/engine/providers/anthropic/to-anthropic-request';

function request(overrides: Partial<ModelCallRequest> = {}): ModelCallRequest {
	return {
		model: 'claude-sonnet-4-5',
		messages: [{ role: 'user', content: 'Hello' }],
		stream: false,
		...overrides,
	};
}

describe('toAnthropicRequest', () => {
	it('sends a plain request with the default max_tokens and no stream flag', () => {
		expect(toAnthropicRequest(request())).toEqual({
			body: {
				model: 'claude-sonnet-4-5',
				max_tokens: 4096,
				messages: [{ role: 'user', content: 'Hello' }],
			},
			warnings: [],
		});
		expect(ANTHROPIC_DEFAULT_MAX_TOKENS).toBe(4096);
		expect(Object.keys(toAnthropicRequest(request()).body)).not.toContain('stream');
	});

	it('keeps a given max_tokens', () => {
		expect(toAnthropicRequest(request({ max_tokens: 250 })).body.max_tokens).toBe(250);
	});

	it('hoists system messages from anywhere into `system` and merges the turns they separated', () => {
		const { body, warnings } = toAnthropicRequest(
			request({
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: 'First question' },
					{ role: 'system', content: 'Answer in French.' },
					{ role: 'user', content: 'Second question' },
					{ role: 'assistant', content: 'Réponse' },
					{ role: 'user', content: 'Thanks' },
				],
			}),
		);
		expect(body).toEqual({
			model: 'claude-sonnet-4-5',
			max_tokens: 4096,
			system: 'Be brief.\n\nAnswer in French.',
			messages: [
				{ role: 'user', content: 'First question\n\nSecond question' },
				{ role: 'assistant', content: 'Réponse' },
				{ role: 'user', content: 'Thanks' },
			],
		});
		expect(warnings).toEqual([]);
	});

	it("merges consecutive assistant messages and leaves the caller's messages untouched", () => {
		const messages: ModelCallRequest['messages'] = [
			{ role: 'user', content: 'Tell me two things' },
			{ role: 'assistant', content: 'One' },
			{ role: 'assistant', content: 'Two' },
			{ role: 'user', content: 'More' },
		];
		const { body } = toAnthropicRequest(request({ messages }));
		expect(body.messages).toEqual([
			{ role: 'user', content: 'Tell me two things' },
			{ role: 'assistant', content: 'One\n\nTwo' },
			{ role: 'user', content: 'More' },
		]);
		expect(messages[1]).toEqual({ role: 'assistant', content: 'One' });
	});

	it('sends a leading assistant message as it is', () => {
		const { body, warnings } = toAnthropicRequest(
			request({
				messages: [
					{ role: 'system', content: 'You are a pirate.' },
					{ role: 'assistant', content: 'Ahoy! How can I help?' },
					{ role: 'user', content: 'Where is the treasure?' },
				],
			}),
		);
		expect(body.system).toBe('You are a pirate.');
		expect(body.messages).toEqual([
			{ role: 'assistant', content: 'Ahoy! How can I help?' },
			{ role: 'user', content: 'Where is the treasure?' },
		]);
		expect(warnings).toEqual([]);
	});

	it('sends system-only instructions as the user message, with a warning', () => {
		const { body, warnings } = toAnthropicRequest(
			request({
				messages: [
					{ role: 'system', content: 'Write a haiku.' },
					{ role: 'system', content: 'About autumn.' },
				],
			}),
		);
		expect(body).toEqual({
			model: 'claude-sonnet-4-5',
			max_tokens: 4096,
			messages: [{ role: 'user', content: 'Write a haiku.\n\nAbout autumn.' }],
		});
		expect(warnings).toEqual([
			'Anthropic needs a user message; the system message was sent as the user message',
		]);
	});

	it('leaves out an empty system message', () => {
		const { body } = toAnthropicRequest(
			request({
				messages: [
					{ role: 'system', content: '' },
					{ role: 'user', content: 'Hi' },
				],
			}),
		);
		expect(Object.keys(body)).not.toContain('system');
	});

	it('maps stop to stop_sequences and omits an empty list', () => {
		expect(toAnthropicRequest(request({ stop: ['END', '###'] })).body.stop_sequences).toEqual([
			'END',
			'###',
		]);
		expect(Object.keys(toAnthropicRequest(request({ stop: [] })).body)).not.toContain(
			'stop_sequences',
		);
	});

	it('passes temperature within 0–1 and top_p alone unchanged', () => {
		const withTemperature = toAnthropicRequest(request({ temperature: 0.3 }));
		expect(withTemperature.body.temperature).toBe(0.3);
		expect(withTemperature.warnings).toEqual([]);
		expect(toAnthropicRequest(request({ temperature: 1 })).body.temperature).toBe(1);
		expect(toAnthropicRequest(request({ temperature: 0 })).body.temperature).toBe(0);

		const withTopP = toAnthropicRequest(request({ top_p: 0.9 }));
		expect(withTopP.body.top_p).toBe(0.9);
		expect(withTopP.warnings).toEqual([]);
	});

	it('clamps a temperature above 1 to 1 and says so', () => {
		const { body, warnings } = toAnthropicRequest(request({ temperature: 1.7 }));
		expect(body.temperature).toBe(1);
		expect(warnings).toEqual([
			"temperature 1.7 is above Anthropic's maximum of 1 and was sent as 1",
		]);
	});

	it('keeps temperature and drops top_p when both are given', () => {
		const { body, warnings } = toAnthropicRequest(request({ temperature: 0.5, top_p: 0.8 }));
		expect(body.temperature).toBe(0.5);
		expect(Object.keys(body)).not.toContain('top_p');
		expect(warnings).toEqual([
			'top_p was not sent because Anthropic does not accept temperature and top_p together; temperature was kept',
		]);
	});

	it('omits frequency_penalty and presence_penalty with a warning each', () => {
		const { body, warnings } = toAnthropicRequest(
			request({ frequency_penalty: 0.5, presence_penalty: -1 }),
		);
		expect(Object.keys(body)).not.toContain('frequency_penalty');
		expect(Object.keys(body)).not.toContain('presence_penalty');
		expect(warnings).toEqual([
			'frequency_penalty is not supported by Anthropic and was not sent',
			'presence_penalty is not supported by Anthropic and was not sent',
		]);
	});

	it('does not warn about penalties of 0, which ask for nothing', () => {
		expect(
			toAnthropicRequest(request({ frequency_penalty: 0, presence_penalty: 0 })).warnings,
		).toEqual([]);
	});

	it('sets stream: true for a streamed call', () => {
		expect(toAnthropicRequest(request({ stream: true })).body.stream).toBe(true);
	});

	it('builds a full body with every setting', () => {
		expect(
			toAnthropicRequest(
				request({
					messages: [
						{ role: 'system', content: 'Be exact.' },
						{ role: 'user', content: 'Count to three' },
					],
					max_tokens: 100,
					temperature: 2,
					stop: ['4'],
					stream: true,
				}),
			),
		).toEqual({
			body: {
				model: 'claude-sonnet-4-5',
				max_tokens: 100,
				system: 'Be exact.',
				messages: [{ role: 'user', content: 'Count to three' }],
				temperature: 1,
				stop_sequences: ['4'],
				stream: true,
			},
			warnings: ["temperature 2 is above Anthropic's maximum of 1 and was sent as 1"],
		});
	});
});
