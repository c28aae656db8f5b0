import { runChat } from '../../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../../nodes/engine/request/unified-request';
import { SIMULATED_THINKING } from '../../../mock-provider/anthropic-wire';
import { simulatedAnswerText } from '../../../mock-provider/provider-simulator';
import { useMockProvider } from '../../../mock-provider/use-mock-provider';
import { settingsFor } from '../../chat/engine-settings';

const mock = useMockProvider();

const PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PRODUCT_SCHEMA = {
	type: 'object',
	properties: { name: { type: 'string' }, colors: { type: 'array', items: { type: 'string' } } },
	required: ['name', 'colors'],
};

const settings = () =>
	settingsFor({ anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-http-test-0123456789' } });

function describeProduct(
	model: string,
	overrides: Partial<UnifiedChatRequest> = {},
): UnifiedChatRequest {
	return {
		model,
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Describe this product' },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
				],
			},
		],
		response_format: {
			type: 'json_schema',
			json_schema: { name: 'product', schema: PRODUCT_SCHEMA },
		},
		...overrides,
	};
}

function lastMessagesBody(): Record<string, unknown> {
	const requests = mock.server.requestsTo('/v1/messages');
	expect(requests).toHaveLength(1);
	return requests[0].body as Record<string, unknown>;
}

const IMAGE_BLOCK = {
	type: 'image',
	source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 },
};

describe('Anthropic over HTTP, against the strict mock', () => {
	it.each([false, true])(
		'sends the image as a base64 image block and gets the structured output back as the content (stream: %s)',
		async (stream) => {
			const output = await runChat(
				describeProduct('anthropic/claude-sonnet-4-5', { stream }),
				settings(),
			);
			const body = lastMessagesBody();
			expect(body.messages).toEqual([
				{ role: 'user', content: [{ type: 'text', text: 'Describe this product' }, IMAGE_BLOCK] },
			]);
			expect(body.output_config).toMatchObject({ format: { type: 'json_schema' } });
			expect(JSON.parse(output.choices[0].message.content ?? '')).toEqual({
				name: 'simulated name',
				colors: ['simulated colors'],
			});
		},
	);

	it.each([false, true])(
		'answers through the forced tool on a model without structured outputs, thinking dropped (stream: %s)',
		async (stream) => {
			const output = await runChat(
				describeProduct('anthropic/claude-sonnet-4-0', { stream, reasoning_effort: 'high' }),
				settings(),
			);
			const body = lastMessagesBody();
			expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_answer' });
			expect(body).not.toHaveProperty('thinking');
			expect(output.choices[0].finish_reason).toBe('stop');
			expect(JSON.parse(output.choices[0].message.content ?? '')).toEqual({
				name: 'simulated name',
				colors: ['simulated colors'],
			});
			expect(output.fusion.warnings).toContain(
				'reasoning_effort was not sent: this Anthropic model answers to the response format through a forced tool, and Anthropic does not allow thinking with a forced tool',
			);
		},
	);

	it.each([false, true])(
		'thinks first and answers with the text alone (stream: %s)',
		async (stream) => {
			const output = await runChat(
				{
					model: 'anthropic/claude-haiku-4-5',
					messages: [{ role: 'user', content: 'Why is the sky blue?' }],
					reasoning_effort: 'low',
					temperature: 0.4,
					stream,
				},
				settings(),
			);
			expect(lastMessagesBody()).toMatchObject({
				thinking: { type: 'enabled', budget_tokens: 2048 },
				max_tokens: 2048 + 4096,
			});
			expect(lastMessagesBody()).not.toHaveProperty('temperature');
			expect(output.choices[0].message.content).toBe(
				simulatedAnswerText('claude-haiku-4-5', 'Why is the sky blue?'),
			);
			expect(output.choices[0].message.content).not.toContain(SIMULATED_THINKING);
		},
	);
});
