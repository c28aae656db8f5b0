import {
	azureOpenAiProvider,
	deepSeekProvider,
	groqProvider,
	mistralProvider,
	ollamaProvider,
	openAiCompatibleProvider,
	openAiProvider,
	openRouterProvider,
	togetherProvider,
	xaiProvider,
} from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-providers';
import { findCatalogModel } from '../../../../nodes/engine/catalog/model-catalog';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import type { ProviderDefinition } from '../../../../nodes/engine/providers/provider-registry';
import { buildChatRequest } from './build-chat-request';

/** Per provider: how the grown request (parts, roles, JSON, reasoning, seed, user) reaches its chat API. */

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK';
const SCHEMA = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

const userWith = (
	...content: Exclude<ModelCallRequest['messages'][number]['content'], string | null | undefined>
) => ({ role: 'user', content }) as ModelCallRequest['messages'][number];

const imagePart = (url: string) => ({ type: 'image_url' as const, image_url: { url } });
const pdfPart = { type: 'file' as const, file: { filename: 'a.pdf', file_data: PDF } };
const textPart = { type: 'text' as const, text: 'Read it.' };

const build = (provider: ProviderDefinition, overrides: Partial<ModelCallRequest>, model = 'm') =>
	buildChatRequest(provider, { model, ...overrides });

const gapOf = (provider: ProviderDefinition, messages: ModelCallRequest['messages']) =>
	provider.adapter.requestGap?.({ model: 'm', messages, stream: false });

describe('what each OpenAI-compatible provider can take at all (requestGap)', () => {
	it.each([
		[deepSeekProvider, [imagePart(PNG)], "DeepSeek's chat API takes no image input"],
		[deepSeekProvider, [pdfPart], "DeepSeek's chat API takes no PDF input"],
		[groqProvider, [pdfPart], "Groq's chat API takes no PDF input"],
		[xaiProvider, [pdfPart], "xAI's chat API takes no PDF input"],
		[togetherProvider, [pdfPart], "Together AI's chat API takes no PDF input"],
		[ollamaProvider, [pdfPart], "Ollama's chat API takes no PDF input"],
	])('%s: %s', (provider, parts, reason) => {
		expect(gapOf(provider, [userWith(textPart, ...parts)])).toBe(reason);
		expect(() => build(provider, { messages: [userWith(textPart, ...parts)] })).toThrow(reason);
	});

	it.each([
		openAiProvider,
		azureOpenAiProvider,
		openRouterProvider,
		mistralProvider,
		openAiCompatibleProvider,
	])('%# takes images by URL and data URL, and PDFs', (provider) => {
		const messages = [
			userWith(textPart, imagePart('https://example.com/a.png'), imagePart(PNG), pdfPart),
		];
		expect(gapOf(provider, messages)).toBeUndefined();
	});

	it('has no gap for a text request, nor for text in other roles', () => {
		expect(
			gapOf(deepSeekProvider, [{ role: 'system', content: [textPart] }, userWith(textPart)]),
		).toBeUndefined();
	});
});

describe('images and PDFs in each provider dialect', () => {
	it('OpenAI gets the parts exactly as written, the same objects (no copy of a large image)', () => {
		const messages = [userWith(textPart, imagePart(PNG), pdfPart)];
		const { body } = build(openAiProvider, { messages }).http as { body: { messages: unknown[] } };
		expect(body.messages).toBe(messages);
	});

	it("Mistral gets a PDF as its document_url part holding the data URL, images as OpenAI's", () => {
		const image = imagePart('https://example.com/a.png');
		const { body } = build(mistralProvider, {
			messages: [userWith(textPart, image, pdfPart)],
		}).http;
		expect(body).toStrictEqual({
			model: 'm',
			messages: [
				{
					role: 'user',
					content: [textPart, image, { type: 'document_url', document_url: PDF }],
				},
			],
		});
	});
});

describe('the developer role', () => {
	const messages: ModelCallRequest['messages'] = [
		{ role: 'developer', content: 'Be brief.' },
		{ role: 'user', content: 'Hi' },
	];

	it.each([openAiProvider, azureOpenAiProvider])(
		'%# keeps developer (OpenAI, Azure)',
		(provider) => {
			expect((build(provider, { messages }).http.body as { messages: unknown }).messages).toBe(
				messages,
			);
		},
	);

	it.each([
		mistralProvider,
		openRouterProvider,
		groqProvider,
		deepSeekProvider,
		xaiProvider,
		togetherProvider,
		ollamaProvider,
		openAiCompatibleProvider,
	])('%# sends it as system', (provider) => {
		expect(
			(build(provider, { messages }).http.body as { messages: unknown }).messages,
		).toStrictEqual([
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Hi' },
		]);
	});
});

describe('response_format', () => {
	const jsonSchema = {
		type: 'json_schema' as const,
		json_schema: { name: 'person', schema: SCHEMA, strict: true },
	};

	it.each([
		openAiProvider,
		azureOpenAiProvider,
		openRouterProvider,
		mistralProvider,
		xaiProvider,
		togetherProvider,
		ollamaProvider,
		openAiCompatibleProvider,
	])('%# passes json_schema through', (provider) => {
		const built = build(provider, { response_format: jsonSchema });
		expect(built.http.body).toMatchObject({ response_format: jsonSchema });
		expect(built.warnings).toEqual([]);
	});

	it('sends JSON mode and the schema as an instruction to a model the catalog knows without structured outputs', () => {
		const capabilities = findCatalogModel('openai/gpt-4-turbo')?.capabilities;
		expect(capabilities).toMatchObject({ json_schema: false, json_output: true });
		const built = build(
			openAiProvider,
			{ response_format: jsonSchema, capabilities },
			'gpt-4-turbo',
		);
		expect(built.http.body).toMatchObject({ response_format: { type: 'json_object' } });
		const [system] = (built.http.body as { messages: Array<{ content: string }> }).messages;
		expect(system.content).toContain(JSON.stringify(SCHEMA));
		expect(built.warnings).toEqual([
			expect.stringContaining('gpt-4-turbo has a JSON mode but no structured outputs'),
		]);
		const gpt4o = findCatalogModel('openai/gpt-4o')?.capabilities;
		expect(
			build(openAiProvider, { response_format: jsonSchema, capabilities: gpt4o }, 'gpt-4o').http
				.body,
		).toMatchObject({ response_format: jsonSchema });
	});

	it('DeepSeek gets json_object and the schema appended to the system message, with a warning', () => {
		const built = build(deepSeekProvider, {
			messages: [
				{ role: 'system', content: 'You extract people.' },
				{ role: 'user', content: 'Ann is 3.' },
			],
			response_format: jsonSchema,
		});
		const body = built.http.body as { messages: Array<{ role: string; content: string }> };
		expect(body).toMatchObject({ response_format: { type: 'json_object' } });
		expect(body.messages[0].role).toBe('system');
		expect(body.messages[0].content).toBe(
			`You extract people.\n\nAnswer with one JSON object and nothing else. It must validate against this JSON Schema:\n${JSON.stringify(SCHEMA)}`,
		);
		expect(body.messages[1]).toStrictEqual({ role: 'user', content: 'Ann is 3.' });
		expect(built.warnings).toEqual([
			'response_format json_schema was sent to m as json_object with the schema in the system message: DeepSeek cannot enforce a schema, so the answer is checked against it afterwards',
		]);
	});

	it('puts the instruction in a new system message when there is none', () => {
		const body = build(deepSeekProvider, { response_format: jsonSchema }).http.body as {
			messages: Array<{ role: string; content: string }>;
		};
		expect(body.messages).toHaveLength(2);
		expect(body.messages[0].role).toBe('system');
		expect(body.messages[0].content).toContain(JSON.stringify(SCHEMA));
	});

	it('Groq enforces the schema on the models it can, JSON mode elsewhere', () => {
		expect(
			build(groqProvider, { response_format: jsonSchema }, 'openai/gpt-oss-120b').http.body,
		).toMatchObject({
			response_format: jsonSchema,
		});
		expect(
			build(groqProvider, { response_format: jsonSchema }, 'llama-3.3-70b-versatile').http.body,
		).toMatchObject({
			response_format: { type: 'json_object' },
		});
	});

	it('json_object passes through everywhere', () => {
		for (const provider of [deepSeekProvider, mistralProvider, groqProvider]) {
			expect(build(provider, { response_format: { type: 'json_object' } }).http.body).toMatchObject(
				{
					response_format: { type: 'json_object' },
				},
			);
		}
	});
});

describe('reasoning_effort', () => {
	it('asks Groq to keep the reasoning of Qwen 3 and DeepSeek R1 out of the answer, with or without an effort', () => {
		expect(build(groqProvider, {}, 'qwen/qwen3-32b').http.body).toMatchObject({
			reasoning_format: 'parsed',
		});
		expect(build(groqProvider, {}, 'deepseek-r1-distill-llama-70b').http.body).toMatchObject({
			reasoning_format: 'parsed',
		});
		expect(build(groqProvider, {}, 'openai/gpt-oss-120b').http.body).not.toHaveProperty(
			'reasoning_format',
		);
	});

	it('OpenAI takes it as is on its reasoning models, every value', () => {
		for (const effort of ['none', 'minimal', 'low', 'medium', 'high'] as const) {
			const built = build(openAiProvider, { reasoning_effort: effort }, 'gpt-5.1');
			expect(built.http.body).toMatchObject({ reasoning_effort: effort });
			expect(built.warnings).toEqual([]);
		}
		expect(build(openAiProvider, { reasoning_effort: 'low' }, 'o3-mini').http.body).toMatchObject({
			reasoning_effort: 'low',
		});
	});

	it('OpenAI models without the control do not get it, with a warning', () => {
		const built = build(openAiProvider, { reasoning_effort: 'low' }, 'gpt-4o');
		expect(built.http.body).not.toHaveProperty('reasoning_effort');
		expect(built.warnings).toEqual([
			'reasoning_effort was not sent to gpt-4o: OpenAI documents no reasoning control for it',
		]);
		expect(
			build(openAiProvider, { reasoning_effort: 'low' }, 'gpt-5-chat-latest').warnings,
		).toHaveLength(1);
	});

	it('OpenRouter gets its reasoning object', () => {
		const built = build(
			openRouterProvider,
			{ reasoning_effort: 'minimal' },
			'anthropic/claude-sonnet-4',
		);
		expect(built.http.body).toMatchObject({ reasoning: { effort: 'minimal' } });
		expect(built.http.body).not.toHaveProperty('reasoning_effort');
		expect(built.warnings).toEqual([]);
	});

	it('xAI: grok-3-mini takes low and high, the nearest sent with a warning; grok-4 takes none', () => {
		const mini = build(xaiProvider, { reasoning_effort: 'minimal' }, 'grok-3-mini');
		expect(mini.http.body).toMatchObject({ reasoning_effort: 'low' });
		expect(mini.warnings).toEqual([
			'reasoning_effort minimal was sent to grok-3-mini as low, the nearest effort xAI documents',
		]);
		expect(
			build(xaiProvider, { reasoning_effort: 'medium' }, 'grok-3-mini').http.body,
		).toMatchObject({
			reasoning_effort: 'high',
		});
		const grok4 = build(xaiProvider, { reasoning_effort: 'high' }, 'grok-4');
		expect(grok4.http.body).not.toHaveProperty('reasoning_effort');
		expect(grok4.warnings).toEqual([
			'reasoning_effort was not sent to grok-4: xAI documents no reasoning control for it',
		]);
	});

	it('Groq: gpt-oss takes low to high, Qwen 3 none or default', () => {
		expect(
			build(groqProvider, { reasoning_effort: 'none' }, 'openai/gpt-oss-20b').http.body,
		).toMatchObject({
			reasoning_effort: 'low',
		});
		expect(
			build(groqProvider, { reasoning_effort: 'none' }, 'qwen/qwen3-32b').http.body,
		).toMatchObject({
			reasoning_effort: 'none',
		});
		const qwen = build(groqProvider, { reasoning_effort: 'high' }, 'qwen/qwen3-32b');
		expect(qwen.http.body).toMatchObject({ reasoning_effort: 'default' });
		expect(qwen.warnings).toEqual([
			'reasoning_effort high was sent to qwen/qwen3-32b as medium, the nearest effort Groq documents',
		]);
	});

	it.each([
		[mistralProvider, 'Mistral'],
		[deepSeekProvider, 'DeepSeek'],
	])('%# drops it with a warning', (provider, name) => {
		const built = build(provider, { reasoning_effort: 'high' });
		expect(built.http.body).not.toHaveProperty('reasoning_effort');
		expect(built.warnings).toEqual([
			`reasoning_effort was not sent to m: ${name} documents no reasoning control for it`,
		]);
	});
});

describe('seed and user', () => {
	it('Mistral calls the seed random_seed and takes no user', () => {
		const built = build(mistralProvider, { seed: 7, user: 'u-1' });
		expect(built.http.body).toStrictEqual({
			model: 'm',
			messages: [{ role: 'user', content: 'Hi' }],
			random_seed: 7,
		});
		expect(built.warnings).toEqual(['user was not sent to m: Mistral does not take it']);
	});

	it('DeepSeek takes neither', () => {
		const built = build(deepSeekProvider, { seed: 7, user: 'u-1' });
		expect(built.http.body).not.toHaveProperty('seed');
		expect(built.http.body).not.toHaveProperty('user');
		expect(built.warnings).toEqual([
			'seed was not sent to m: DeepSeek does not take it',
			'user was not sent to m: DeepSeek does not take it',
		]);
	});

	it.each([openAiProvider, openRouterProvider, groqProvider, xaiProvider, azureOpenAiProvider])(
		'%# takes both',
		(provider) => {
			const built = build(provider, { seed: 7, user: 'u-1' });
			expect(built.http.body).toMatchObject({ seed: 7, user: 'u-1' });
			expect(built.warnings).toEqual([]);
		},
	);
});
