import { parseUnifiedRequest } from '../../../nodes/engine/request/unified-request';
import { issuesOf } from './issues-of';

const valid = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };

describe('parseUnifiedRequest', () => {
	it('accepts the three shapes of model', () => {
		for (const model of [
			'openai/gpt-4-turbo',
			['openai/gpt-4-turbo', 'anthropic/claude-3-opus'],
			{
				strategy: 'fallback',
				models: ['openai/gpt-4-turbo', { id: 'anthropic/claude-3-opus', weight: 0.5 }],
			},
		]) {
			const result = parseUnifiedRequest({ ...valid, model });
			expect(result.ok).toBe(true);
		}
	});

	it('keeps every optional parameter it accepts', () => {
		const request = {
			...valid,
			max_tokens: 50,
			temperature: 0.2,
			top_p: 0.9,
			stream: false,
			frequency_penalty: 1,
			presence_penalty: -1,
			stop: ['END'],
		};
		const result = parseUnifiedRequest(request);
		expect(result).toEqual({ ok: true, request });
	});

	it('names the field of each problem', () => {
		expect(
			issuesOf({
				...valid,
				messages: [
					{ role: 'user', content: 'a' },
					{ role: 'bot', content: 'b' },
				],
			}),
		).toEqual(['messages[1].role must be one of system, developer, user, assistant, tool']);
		expect(issuesOf({ ...valid, temperature: 3 })).toEqual(['temperature must be between 0 and 2']);
		expect(issuesOf({ ...valid, max_tokens: 1.5 })).toEqual(['max_tokens must be a whole number']);
		expect(issuesOf({ ...valid, stop: ['a', 'b', 'c', 'd', 'e'] })).toEqual([
			'stop may list at most 4 sequences',
		]);
		expect(issuesOf({ ...valid, messages: [] })).toEqual([
			'messages must contain at least one message',
		]);
		expect(issuesOf({ messages: valid.messages })).toEqual(['model is required']);
		expect(issuesOf({ ...valid, messages: [{ role: 'user' }] })).toEqual([
			'messages[0].content is required',
		]);
	});

	it('explains a malformed model id and an unknown strategy', () => {
		expect(issuesOf({ ...valid, model: 'gpt-4o' })[0]).toBe(
			'model must look like "provider/model", for example "openai/gpt-4o"',
		);
		expect(
			issuesOf({ ...valid, model: { strategy: 'fastest_ever', models: ['openai/gpt-4o'] } }),
		).toEqual([
			'model.strategy must be one of fallback, round_robin, weighted, cost_optimized, latency_optimized, performance_based, best_of',
		]);
	});

	it('refuses unknown fields rather than silently dropping them', () => {
		expect(issuesOf({ ...valid, temprature: 0.5 })).toEqual(['unknown field: temprature']);
	});

	it('refuses what is not an object', () => {
		expect(issuesOf('hello')).toEqual([
			'the request must be a JSON object with "model" and "messages"',
		]);
		expect(issuesOf([valid])).toEqual([
			'the request must be a JSON object with "model" and "messages"',
		]);
	});
});
