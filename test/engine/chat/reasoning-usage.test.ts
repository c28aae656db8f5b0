import { performance } from 'node:perf_hooks';
import { costOfAnswer } from '../../../nodes/engine/call/answer-cost';
import { toChatCompletionOutput } from '../../../nodes/engine/chat/chat-output';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import { findCatalogModel } from '../../../nodes/engine/catalog/model-catalog';
import { resolveModelId } from '../../../nodes/engine/models/resolve-model-id';
import type { Usage } from '../../../nodes/engine/providers/provider-adapter';
import { recordedResponse } from '../../fixtures/recorded';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

/** A reasoning model's usage as OpenAI reports it: the reasoning tokens are part of completion_tokens. */
const REASONING_USAGE: Usage = {
	prompt_tokens: 1_000,
	completion_tokens: 500,
	total_tokens: 1_500,
	completion_tokens_details: { reasoning_tokens: 400 },
	prompt_tokens_details: { cached_tokens: 600 },
};

describe('reasoning tokens in usage and cost', () => {
	it('prices completion_tokens, which hold the reasoning tokens, as output, once', () => {
		const cost = costOfAnswer(
			{ content: 'ok', finishReason: 'stop', usage: REASONING_USAGE },
			{ prompt_tokens: 0.001, completion_tokens: 0.004 },
		);
		// 1,000 prompt tokens at 0.001 per 1K, 500 output tokens (400 of them reasoning) at 0.004.
		expect(cost).toBe(0.003);
	});

	it('keeps the token details in the output usage', () => {
		const target = resolveModelId('openai/o3-mini');
		const output = toChatCompletionOutput(
			'single',
			{
				answer: { content: 'ok', finishReason: 'stop', usage: REASONING_USAGE },
				warnings: [],
				target,
				costUsd: null,
				notes: [],
			},
			[],
			[],
			performance.now(),
		);
		expect(output.usage).toEqual(REASONING_USAGE);
	});

	it("counts Gemini's thinking tokens as completion tokens and prices them (recorded answer)", async () => {
		const recorded = recordedResponse('google');
		mock.server.reply(':generateContent', { json: recorded });
		const output = await runChat(
			{ model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'How many r?' }] },
			settingsFor({ google: { baseUrl: mock.server.url, apiKey: 'AIza-usage-0123456789' } }),
		);
		const { promptTokenCount, candidatesTokenCount, thoughtsTokenCount } =
			recorded.usageMetadata as Record<string, number>;
		expect(thoughtsTokenCount).toBeGreaterThan(candidatesTokenCount);
		expect(output.usage).toMatchObject({
			prompt_tokens: promptTokenCount,
			completion_tokens: candidatesTokenCount + thoughtsTokenCount,
		});
		const pricing = findCatalogModel('google/gemini-2.5-flash')?.pricing;
		expect(pricing).toBeDefined();
		expect(output.fusion.cost_usd).toBeCloseTo(
			(promptTokenCount / 1000) * (pricing?.prompt_tokens ?? NaN) +
				((candidatesTokenCount + thoughtsTokenCount) / 1000) * (pricing?.completion_tokens ?? NaN),
			12,
		);
	});
});
