import { runChat } from '../../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../../nodes/engine/request/unified-request';
import { useMockProvider } from '../../../mock-provider/use-mock-provider';
import { settingsFor } from '../../chat/engine-settings';

/**
 * Over real HTTP, against the mock provider's strict OpenAI and Mistral wire checks: what each provider
 * received for images, PDFs, JSON and settings, and that the answer came back.
 */

const KEY = 'key-0123456789abcdef';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK';
const SCHEMA = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] };

const mock = useMockProvider();

const settings = () =>
	settingsFor({
		openai: { baseUrl: `${mock.server.url}/v1`, apiKey: KEY },
		mistral: { baseUrl: `${mock.server.url}/mistral/v1`, apiKey: KEY },
		deepseek: { baseUrl: `${mock.server.url}/deepseek`, apiKey: KEY },
	});

const invoiceRequest = (
	model: string,
	extra: Partial<UnifiedChatRequest> = {},
): UnifiedChatRequest => ({
	model,
	messages: [
		{ role: 'developer', content: 'You read invoices.' },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'What is the total?' },
				{ type: 'image_url', image_url: { url: PNG, detail: 'high' } },
				{ type: 'file', file: { filename: 'invoice.pdf', file_data: PDF } },
			],
		},
	],
	...extra,
});

describe('images, PDFs and settings as each provider received them', () => {
	it('OpenAI receives the parts and the developer role as written, and max_completion_tokens', async () => {
		const request = invoiceRequest('openai/gpt-5', { max_tokens: 500, seed: 1, user: 'u-1' });
		const output = await runChat(request, settings());
		expect(output.choices[0].message.content).toContain('[gpt-5] answer to: What is the total?');
		const [sent] = mock.server.requests;
		expect(sent.body).toStrictEqual({
			model: 'gpt-5',
			messages: request.messages,
			max_completion_tokens: 500,
			seed: 1,
			user: 'u-1',
		});
		expect(output.fusion.warnings).toEqual([]);
	});

	it('Mistral receives the PDF as document_url, the developer message as system, random_seed, no user', async () => {
		const output = await runChat(
			invoiceRequest('mistral/mistral-medium-latest', { seed: 5, user: 'u-1', stream: true }),
			settings(),
		);
		expect(output.choices[0].message.content).toContain('answer to: What is the total?');
		const [sent] = mock.server.requests;
		expect(sent.body).toStrictEqual({
			model: 'mistral-medium-latest',
			messages: [
				{ role: 'system', content: 'You read invoices.' },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is the total?' },
						{ type: 'image_url', image_url: { url: PNG, detail: 'high' } },
						{ type: 'document_url', document_url: PDF },
					],
				},
			],
			random_seed: 5,
			stream: true,
		});
		expect(output.fusion.warnings).toContain(
			'user was not sent to mistral-medium-latest: Mistral does not take it',
		);
	});

	it('DeepSeek gets JSON mode with the schema in its system message, the answer coming back as JSON text', async () => {
		const output = await runChat(
			{
				model: 'deepseek/deepseek-chat',
				messages: [{ role: 'user', content: 'Total of 2 and 3?' }],
				response_format: { type: 'json_schema', json_schema: { name: 'sum', schema: SCHEMA } },
			},
			settings(),
		);
		const [sent] = mock.server.requests;
		const body = sent.body as {
			response_format: unknown;
			messages: Array<{ role: string; content: string }>;
		};
		expect(body.response_format).toStrictEqual({ type: 'json_object' });
		expect(body.messages[0].role).toBe('system');
		expect(body.messages[0].content).toContain(JSON.stringify(SCHEMA));
		// JSON mode enforces no schema; the simulated model follows the instruction, and the engine checks the fit.
		expect(JSON.parse(output.choices[0].message.content ?? '')).toStrictEqual({ total: 1 });
		expect(output.choices[0].message.parsed).toStrictEqual({ total: 1 });
		expect(output.fusion.warnings.join('\n')).toContain('DeepSeek cannot enforce a schema');
	});
});
