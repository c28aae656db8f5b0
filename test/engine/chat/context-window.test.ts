import { estimatedPromptTokens } from '../../../nodes/engine/chat/context-window';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import { measurePrompt, pdfPageCount } from '../../../nodes/engine/request/prompt-measure';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { forModel } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();
const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-test-openai-0123456789' },
});

/** About 20,000 tokens of English: more than gpt-3.5-turbo's window of 16,385, far less than gpt-4o-mini's. */
const longText = 'The quick brown fox jumps over the lazy dog. '.repeat(2_000);

const ask = (model: UnifiedChatRequest['model'], extra: Partial<UnifiedChatRequest> = {}) => ({
	model,
	messages: [{ role: 'user' as const, content: longText }],
	...extra,
});

const contextLengthError = {
	status: 400,
	json: {
		error: {
			message:
				"This model's maximum context length is 128000 tokens. However, your messages resulted in 131000 tokens.",
			type: 'invalid_request_error',
			param: 'messages',
			code: 'context_length_exceeded',
		},
	},
};

describe('context-window-aware routing', () => {
	it('skips, without calling it, a model whose window cannot hold the prompt', async () => {
		const output = await runChat(
			ask(['openai/gpt-3.5-turbo', 'openai/gpt-4o-mini']),
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(mock.server.requestsTo(forModel('gpt-3.5-turbo'))).toHaveLength(0);
		expect(output.fusion.attempts[0]).toMatchObject({
			model: 'openai/gpt-3.5-turbo',
			status: 'skipped',
			reason: expect.stringMatching(
				/^the prompt \(about 20,00\d tokens\) does not fit its context window of 16,385 tokens$/,
			),
		});
	});

	it('counts max_tokens in: a prompt that fits alone may not fit with its answer', async () => {
		const half = { messages: [{ role: 'user' as const, content: longText.slice(0, 45_000) }] };
		const fits = await runChat(
			{ ...ask(['openai/gpt-3.5-turbo', 'openai/gpt-4o-mini']), ...half },
			settingsFor(connections()),
		);
		expect(fits.model).toBe('openai/gpt-3.5-turbo');
		const overflows = await runChat(
			{ ...ask(['openai/gpt-3.5-turbo', 'openai/gpt-4o-mini'], { max_tokens: 8_000 }), ...half },
			settingsFor(connections()),
		);
		expect(overflows.model).toBe('openai/gpt-4o-mini');
		expect(overflows.fusion.attempts[0].reason).toMatch(/\+ max_tokens 8000 does not fit/);
	});

	it('tries a model the catalog does not know', async () => {
		const output = await runChat(ask('openai/ft:gpt-3.5-turbo:acme'), settingsFor(connections()));
		expect(output.model).toBe('openai/ft:gpt-3.5-turbo:acme');
		expect(mock.server.requests).toHaveLength(1);
	});

	it('after a context_length error goes straight to a model with a larger window', async () => {
		mock.server.reply(forModel('gpt-4o'), contextLengthError);
		const output = await runChat(
			{
				model: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4-turbo', 'openai/gpt-4.1'],
				messages: [{ role: 'user', content: 'A prompt the estimate thought would fit' }],
			},
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4.1');
		expect(mock.server.requestsTo(forModel('gpt-4o'))).toHaveLength(1);
		expect(
			output.fusion.attempts.map((attempt) => [attempt.model, attempt.status, attempt.error?.type]),
		).toEqual([
			['openai/gpt-4o', 'error', 'context_length'],
			['openai/gpt-4o-mini', 'skipped', undefined],
			['openai/gpt-4-turbo', 'skipped', undefined],
			['openai/gpt-4.1', 'ok', undefined],
		]);
		expect(output.fusion.attempts[1].reason).toBe(
			'its context window of 128,000 tokens is no larger than that of openai/gpt-4o, which the prompt overflowed',
		);
	});
});

describe('estimatedPromptTokens', () => {
	const image = (detail?: 'low' | 'high') => ({
		type: 'image_url' as const,
		image_url: { url: 'https://example.com/cat.png', ...(detail && { detail }) },
	});
	const withImages = measurePrompt({
		messages: [
			{ role: 'user', content: [{ type: 'text', text: 'hello world' }, image('low'), image()] },
		],
	});

	it("counts text with a real tokenizer and images by each provider's rule of thumb", () => {
		// "hello world" is 2 tokens in o200k_base; one message adds 4.
		expect(estimatedPromptTokens(withImages, providerById('openai'))).toBe(2 + 85 + 765 + 4);
		expect(estimatedPromptTokens(withImages, providerById('anthropic'))).toBe(2 + 1_600 * 2 + 4);
		expect(estimatedPromptTokens(withImages, providerById('google'))).toBe(2 + 258 * 2 + 4);
	});

	it('counts a PDF by its pages', () => {
		const pdf = (pages: number) =>
			`data:application/pdf;base64,${Buffer.from(
				`%PDF-1.4\n1 0 obj << /Type /Pages /Count ${pages} >> endobj\n${Array.from(
					{ length: pages },
					(_, page) => `${page + 2} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n`,
				).join('')}%%EOF`,
			).toString('base64')}`;
		expect(pdfPageCount(pdf(3))).toBe(3);
		const measure = measurePrompt({
			messages: [
				{
					role: 'user',
					content: [{ type: 'file', file: { filename: 'a.pdf', file_data: pdf(2) } }],
				},
			],
		});
		expect(estimatedPromptTokens(measure, providerById('anthropic'))).toBe(2 * 1_500 + 4);
	});

	it('counts a prompt that quotes a special token as text', () => {
		const measure = measurePrompt({ messages: [{ role: 'user', content: 'say <|endoftext|>' }] });
		expect(estimatedPromptTokens(measure, providerById('openai'))).toBeGreaterThan(4);
	});
});
