import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { issuesOf } from '../request/issues-of';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

const preferences = {
	order: ['anthropic', 'amazon-bedrock'],
	allow_fallbacks: false,
	data_collection: 'deny',
	max_price: { prompt: 1, completion: 5 },
} as const;

const ask = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'Say hello' }],
	provider: { ...preferences, order: [...preferences.order] },
});

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-test-openai-0123456789' },
	openrouter: { baseUrl: `${mock.server.url}/api/v1`, apiKey: 'sk-or-test-0123456789' },
});

/** OpenRouter's answer, with the cost it reports in usage (USD). */
const openRouterAnswer = {
	json: {
		id: 'gen-1',
		object: 'chat.completion',
		created: 1,
		model: 'anthropic/claude-sonnet-4',
		choices: [
			{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' },
		],
		usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, cost: 0.000123 },
	},
};

describe("OpenRouter's provider preferences", () => {
	it('are sent to an openrouter/ model exactly as given, and its reported cost is the cost', async () => {
		mock.server.reply('/api/v1/chat/completions', openRouterAnswer);
		const output = await runChat(
			ask('openrouter/anthropic/claude-sonnet-4'),
			settingsFor(connections()),
		);
		expect((mock.server.requests[0].body as { provider: unknown }).provider).toEqual(preferences);
		expect(output.fusion.cost_usd).toBe(0.000123);
		expect(output.fusion.warnings).toEqual([]);
	});

	it('are not sent to another provider, and the output says so', async () => {
		const output = await runChat(ask('openai/gpt-4o-mini'), settingsFor(connections()));
		expect(mock.server.requests[0].body).not.toHaveProperty('provider');
		expect(output.fusion.warnings).toEqual([
			"provider (OpenRouter's provider preferences) was not sent to openai/gpt-4o-mini: only openrouter/ models take it",
		]);
	});

	it('name a key OpenRouter does not know, and values of the wrong kind', () => {
		const base = { model: 'openrouter/openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
		expect(issuesOf({ ...base, provider: { order: ['openai'], prefer: 'fast' } })).toEqual([
			'unknown field in provider: prefer',
		]);
		expect(
			issuesOf({
				...base,
				provider: { sort: 'cheapest', order: 'openai', max_price: { tokens: 1 } },
			}),
		).toEqual([
			'provider.order must be an array of provider names, e.g. ["anthropic", "openai"]',
			'provider.sort must be one of price, throughput, latency',
			'unknown field in provider.max_price: tokens',
		]);
		expect(issuesOf({ ...base, provider: 'openai' })).toEqual([
			"provider must be an object of OpenRouter's provider preferences",
		]);
	});
});
