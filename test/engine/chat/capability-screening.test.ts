import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { ModelCallRequest } from '../../../nodes/engine/providers/provider-adapter';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { TINY_PDF_DATA_URL, TINY_PNG_DATA_URL } from '../../fixtures/media';
import { forModel } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-screen-test-0123456789' },
	anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-screen-test-0123456789' },
	groq: { baseUrl: `${mock.server.url}/v1`, apiKey: 'gsk-screen-test-0123456789' },
	deepseek: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-deepseek-screen-0123456789' },
});

const withImage = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'What colour is this pixel?' },
				{ type: 'image_url', image_url: { url: TINY_PNG_DATA_URL } },
			],
		},
	],
});

const withPdf = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'Summarise the invoice.' },
				{ type: 'file', file: { filename: 'invoice.pdf', file_data: TINY_PDF_DATA_URL } },
			],
		},
	],
});

const withSchema = (model: UnifiedChatRequest['model']): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'Name a colour.' }],
	response_format: {
		type: 'json_schema',
		json_schema: {
			name: 'colour',
			schema: { type: 'object', properties: { colour: { type: 'string' } }, required: ['colour'] },
		},
	},
});

const sentModels = () =>
	mock.server.requests.map((request) => (request.body as { model: string }).model);

describe('capability screening', () => {
	it.each([
		[
			'an image part',
			withImage,
			'openai/gpt-3.5-turbo',
			'openai/gpt-3.5-turbo cannot take image input (catalog, 2026-11)',
		],
		[
			'a PDF part',
			withPdf,
			'deepseek/deepseek-chat',
			'deepseek/deepseek-chat cannot take PDF input (catalog, 2026-11)',
		],
		[
			'a JSON schema',
			withSchema,
			'together/deepseek-ai/DeepSeek-R1',
			'together/deepseek-ai/DeepSeek-R1 cannot answer in JSON (no JSON Schema and no JSON mode) (catalog, 2026-11)',
		],
	])(
		'skips, without calling it, a model the catalog says cannot take %s',
		async (_need, build, unable, reason) => {
			const output = await runChat(build([unable, 'openai/gpt-4o']), settingsFor(connections()));
			expect(output.model).toBe('openai/gpt-4o');
			expect(output.fusion.attempts).toEqual([
				{
					model: unable,
					provider: unable.split('/')[0],
					status: 'skipped',
					reason,
					latency_ms: 0,
				},
				expect.objectContaining({ model: 'openai/gpt-4o', status: 'ok' }),
			]);
			expect(sentModels()).toEqual(['gpt-4o']);
		},
	);

	it('names the model as the user wrote it, an alias included', async () => {
		const output = await runChat(
			withPdf(['anthropic/claude-3-opus', 'openai/gpt-4o']),
			settingsFor(connections()),
		);
		expect(output.fusion.attempts[0]).toMatchObject({
			model: 'anthropic/claude-3-opus',
			status: 'skipped',
			reason: 'anthropic/claude-3-opus cannot take PDF input (catalog, 2026-11)',
		});
	});

	it('tries a model the catalog does not know, never skipping it on a guess', async () => {
		const output = await runChat(
			withImage('openai/my-vision-finetune'),
			settingsFor(connections()),
		);
		expect(output.fusion.attempts).toEqual([
			expect.objectContaining({ model: 'openai/my-vision-finetune', status: 'ok' }),
		]);
		expect(sentModels()).toEqual(['my-vision-finetune']);
	});

	it('fails the item without any call when every model is skipped, listing each reason', async () => {
		const failure = await runChat(
			withImage(['openai/gpt-3.5-turbo', 'groq/llama-3.3-70b-versatile']),
			settingsFor(connections()),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		expect((failure as Error).message).toBe(
			[
				'All 2 models failed to answer:',
				'1. openai/gpt-3.5-turbo: skipped, openai/gpt-3.5-turbo cannot take image input (catalog, 2026-11)',
				'2. groq/llama-3.3-70b-versatile: skipped, groq/llama-3.3-70b-versatile cannot take image input (catalog, 2026-11)',
			].join('\n'),
		);
		expect(mock.server.requests).toHaveLength(0);
	});

	const reasoningWarnings = (warnings: string[]) =>
		warnings.filter((warning) => warning.includes('reasoning_effort'));

	it.each([
		['openai/gpt-4o', withImage],
		// Anthropic's adapter says itself that it left the effort out; the catalog adds nothing to that.
		['anthropic/claude-3-haiku', withImage],
	])('warns once, and still calls %s, which has no reasoning control', async (model, build) => {
		const output = await runChat(
			{ ...build(model), reasoning_effort: 'high' },
			settingsFor(connections()),
		);
		expect(output.fusion.attempts).toEqual([expect.objectContaining({ model, status: 'ok' })]);
		expect(reasoningWarnings(output.fusion.warnings)).toEqual([
			expect.stringMatching(
				/reasoning_effort.*(cannot take a reasoning effort|no thinking control|no reasoning control)/,
			),
		]);
	});

	it('gives the warning of the model that answered only', async () => {
		mock.server.reply(forModel('gpt-4o'), {
			status: 400,
			json: { error: { message: 'Unsupported parameter', type: 'invalid_request_error' } },
		});
		const output = await runChat(
			{
				model: ['openai/gpt-4o', 'openai/o3-mini'],
				messages: [{ role: 'user', content: 'Think hard.' }],
				reasoning_effort: 'high',
			},
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/o3-mini');
		expect(output.fusion.attempts[0]).toMatchObject({ model: 'openai/gpt-4o', status: 'error' });
		expect(reasoningWarnings(output.fusion.warnings)).toEqual([]);
	});

	describe("a provider's own gap", () => {
		const anthropic = providerById('anthropic').adapter;
		const seen: ModelCallRequest[] = [];
		beforeEach(() => {
			anthropic.requestGap = (request) => {
				seen.push(request);
				return request.messages.some((message) => Array.isArray(message.content))
					? 'this Anthropic endpoint takes text only'
					: undefined;
			};
		});
		afterEach(() => {
			delete anthropic.requestGap;
			seen.length = 0;
		});

		it('skips a candidate whose adapter says it cannot take the request, with its reason', async () => {
			const output = await runChat(
				withImage(['anthropic/claude-sonnet-4-5', 'openai/gpt-4o']),
				settingsFor(connections()),
			);
			expect(output.fusion.attempts[0]).toEqual({
				model: 'anthropic/claude-sonnet-4-5',
				provider: 'anthropic',
				status: 'skipped',
				reason: 'this Anthropic endpoint takes text only',
				latency_ms: 0,
			});
			expect(sentModels()).toEqual(['gpt-4o']);
			// The adapter judges the request as it would be sent: the provider's own model name.
			expect(seen[0].model).toBe('claude-sonnet-4-5');
		});
	});
});
