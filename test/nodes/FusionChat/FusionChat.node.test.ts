import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeParameters,
	type StructuredChunk,
} from 'n8n-workflow';
import { FusionChat } from '../../../nodes/FusionChat/FusionChat.node';
import { PROVIDERS } from '../../../nodes/engine';
import { recordedResponse, recordedSseEvents } from '../../fixtures/recorded';
import { forModel, MockProviderServer } from '../../mock-provider/mock-provider-server';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';
import { editorAuthenticationField } from '../../helpers/editor-authentication-field';
import {
	chatCredentials,
	modelParameter,
	OPENAI_KEY,
	runFusionChat,
	type ChatItem,
} from './run-fusion-chat';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const credentials = () => chatCredentials(server);
const runChat = (parameters: INodeParameters, inputItems: IDataObject[], continueOnFail = false) =>
	runFusionChat(server, parameters, inputItems, continueOnFail);

describe('Fusion Chat in n8n', () => {
	it('fields mode: builds the request from expressions and answers one item per input item', async () => {
		const { items, error } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: '=Summarize: {{ $json.text }}',
				systemMessage: 'Be brief.',
				parameters: { maxTokens: 50, temperature: 0.2, stop: 'END\nSTOP' },
			},
			[{ text: 'first' }, { text: 'second' }],
		);
		expect(error).toBeUndefined();
		expect(server.requests.map((request) => request.body)).toEqual(
			['first', 'second'].map((text) => ({
				model: 'gpt-4o-mini',
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: `Summarize: ${text}` },
				],
				max_completion_tokens: 50,
				temperature: 0.2,
				stop: ['END', 'STOP'],
			})),
		);
		expect(
			items.map((item) => (item.json as unknown as ChatItem).choices[0].message.content),
		).toEqual([
			'[gpt-4o-mini] answer to: Summarize: first',
			'[gpt-4o-mini] answer to: Summarize: second',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const first = items[0].json as unknown as ChatItem;
		expect(first.model).toBe('openai/gpt-4o-mini');
		expect(first.fusion.strategy).toBe('single');
		expect(first.fusion.cost_usd).toBeGreaterThan(0);
	});

	it('fields mode: falls back to the next model when the first fails', async () => {
		server.reply('/v1/chat/completions', {
			status: 500,
			json: { error: { message: 'upstream exploded' } },
		});
		const { items, error } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o'),
				prompt: 'Hello',
				fallbackModels: { models: [{ model: modelParameter('anthropic/claude-3-opus') }] },
				options: { maxRetries: 0 },
			},
			[{}],
		);
		expect(error).toBeUndefined();
		const output = items[0].json as unknown as ChatItem;
		expect(output.model).toBe('anthropic/claude-3-opus');
		expect(output.fusion.strategy).toBe('fallback');
		expect(
			output.fusion.attempts.map((attempt) => [
				attempt.model,
				attempt.status,
				attempt.error?.http_status,
			]),
		).toEqual([
			['openai/gpt-4o', 'error', 500],
			['anthropic/claude-3-opus', 'ok', undefined],
		]);
	});

	it('json mode: takes the request as a JSON string, or as an object from an expression', async () => {
		server.reply('/v1/messages', { json: recordedResponse('anthropic') });
		const asString = await runChat(
			{
				inputMode: 'json',
				requestJson: JSON.stringify({
					model: 'anthropic/claude-3-opus',
					messages: [{ role: 'user', content: 'Hi' }],
					max_tokens: 20,
				}),
			},
			[{}],
		);
		expect(asString.error).toBeUndefined();
		expect(server.requests[0].body).toEqual({
			model: 'claude-3-opus-20240229',
			messages: [{ role: 'user', content: 'Hi' }],
			max_tokens: 20,
		});
		expect((asString.items[0].json as unknown as ChatItem).choices[0].finish_reason).toBe('stop');

		server.reset();
		const asObject = await runChat({ inputMode: 'json', requestJson: '={{ $json.request }}' }, [
			{
				request: {
					model: 'openai/gpt-4o-mini',
					messages: [{ role: 'user', content: 'From an object' }],
				},
			},
		]);
		expect(asObject.error).toBeUndefined();
		expect((asObject.items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[gpt-4o-mini] answer to: From an object',
		);
	});

	it('refuses an invalid request with an error naming the field, sending nothing upstream', async () => {
		const { error } = await runChat({ inputMode: 'json', requestJson: '={{ $json.request }}' }, [
			{ request: { model: 'openai/gpt-4o', messages: [{ role: 'bot', content: 'Hi' }] } },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Invalid request: messages[0].role must be one of system, developer, user, assistant, tool',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('says which JSON is broken', async () => {
		const { error } = await runChat(
			{ inputMode: 'json', requestJson: '{"model": "openai/gpt-4o",' },
			[{}],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(/^Invalid request: requestJson is not valid JSON/);
	});

	it('fails the node with a NodeApiError listing the attempts when every model fails, and never shows the key', async () => {
		server.reply('/v1/chat/completions', {
			status: 401,
			json: {
				error: { message: `Incorrect API key provided: ${OPENAI_KEY}`, code: 'invalid_api_key' },
			},
		});
		const { error } = await runChat(
			{ inputMode: 'fields', model: modelParameter('openai/gpt-4o'), prompt: 'Hi' },
			[{}],
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(/^The model failed \(openai\/gpt-4o: OpenAI answered HTTP 401/);
		const description = (error as NodeApiError).description ?? '';
		expect(description).toMatch(
			/1\. openai\/gpt-4o: OpenAI answered HTTP 401 .*Incorrect API key provided: \[redacted\]/,
		);
		expect(JSON.stringify(error)).not.toContain(OPENAI_KEY);
		expect(description).not.toContain(OPENAI_KEY);
	});

	it('keeps the key out of continue-on-fail error items too', async () => {
		server.reply('/v1/chat/completions', {
			status: 401,
			json: { error: { message: `Incorrect API key provided: ${OPENAI_KEY}` } },
		});
		const { items } = await runChat(
			{ inputMode: 'fields', model: modelParameter('openai/gpt-4o'), prompt: 'Hi' },
			[{}],
			true,
		);
		const text = JSON.stringify(items);
		expect(text).toContain('Incorrect API key provided: [redacted]');
		expect(text).not.toContain(OPENAI_KEY);
		expect(items[0].json.fusion).toEqual({
			attempts: [expect.objectContaining({ model: 'openai/gpt-4o', status: 'error' })],
		});
	});

	it('tells the user to add the provider when a model needs one not chosen under Providers', async () => {
		const { items } = await runChat(
			{
				providers: ['openai'],
				inputMode: 'fields',
				model: modelParameter('google/gemini-2.5-flash'),
				prompt: 'Hi',
			},
			[{}],
			true,
		);
		expect(items[0].json.error).toMatch(
			/no Google Gemini credential: add "Google Gemini" under the node's Providers/,
		);
		expect(server.requests).toHaveLength(0);
	});

	/** Fields-mode parameters of a best_of panel that a judge or fuser model finishes. */
	const bestOfFields = (
		models: INodeParameters[],
		selection: string,
		judgeModel: string,
	): INodeParameters => ({
		inputMode: 'fields',
		strategy: 'best_of',
		candidates: { models },
		selection,
		judgeModel: modelParameter(judgeModel),
		prompt: 'Capital of France?',
	});

	it('fields mode: offers every strategy with a candidate list, here best_of with a judge', async () => {
		server.reply(forModel('gpt-4.1-nano'), {
			json: {
				id: 'j',
				object: 'chat.completion',
				created: 1,
				model: 'gpt-4.1-nano',
				choices: [
					{ index: 0, message: { role: 'assistant', content: '1' }, finish_reason: 'stop' },
				],
				usage: { prompt_tokens: 50, completion_tokens: 1, total_tokens: 51 },
			},
		});
		const { items, error } = await runChat(
			bestOfFields(
				[
					{ model: modelParameter('openai/gpt-4o-mini') },
					{ model: modelParameter('anthropic/claude-3-opus'), maxCostPer1kTokens: 0.1 },
				],
				'judge',
				'openai/gpt-4.1-nano',
			),
			[{}],
		);
		expect(error).toBeUndefined();
		const output = items[0].json as unknown as ChatItem & {
			fusion: { candidates: Array<{ model: string }>; selection: string };
		};
		expect(output.fusion.strategy).toBe('best_of');
		expect(output.fusion.selection).toBe('judge openai/gpt-4.1-nano');
		expect(output.model).toBe('openai/gpt-4o-mini');
		expect(output.fusion.candidates.map((candidate) => candidate.model)).toEqual([
			'openai/gpt-4o-mini',
			'anthropic/claude-3-opus',
		]);
	});

	it("fields mode: Fuse has the Fuser Model write the answer from the panel's answers", async () => {
		const { items, error } = await runChat(
			bestOfFields(
				[
					{ model: modelParameter('openai/gpt-4o-mini') },
					{ model: modelParameter('openai/gpt-4.1-nano') },
				],
				'fuse',
				'openai/gpt-4.1',
			),
			[{}],
		);
		expect(error).toBeUndefined();
		const output = items[0].json as unknown as ChatItem & { fusion: { selection: string } };
		expect(output.fusion.selection).toBe('fuse');
		expect(output.model).toBe('openai/gpt-4.1');
		const fuserRequest = server.requestsTo(forModel('gpt-4.1'))[0].body as {
			messages: Array<{ role: string; content: string }>;
		};
		expect(fuserRequest.messages[0].content).toMatch(/Answer A:\n.+\n\nAnswer B:\n.+$/s);
		expect(fuserRequest.messages.at(-1)).toEqual({ role: 'user', content: 'Capital of France?' });
	});

	it("fields mode: OpenRouter's provider preferences reach the request, and bad JSON there names the option", async () => {
		const { items } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Hi',
				options: { openRouterProvider: '{"order": ["openai"], "allow_fallbacks": false}' },
			},
			[{}],
		);
		expect(server.requests[0].body).not.toHaveProperty('provider');
		expect(
			(items[0].json as unknown as { fusion: { warnings: string[] } }).fusion.warnings,
		).toEqual([
			"provider (OpenRouter's provider preferences) was not sent to openai/gpt-4o-mini: only openrouter/ models take it",
		]);
		server.reset();
		const broken = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Hi',
				options: { openRouterProvider: '{"order": ["openai"],}' },
			},
			[{}],
			true,
		);
		expect(broken.items[0].json.error).toMatch(
			/^Invalid request: Options → OpenRouter Provider Preferences is not valid JSON/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it('fields mode: a price cap on a candidate skips it without calling it', async () => {
		const { items } = await runChat(
			{
				inputMode: 'fields',
				strategy: 'cost_optimized',
				candidates: {
					models: [
						{ model: modelParameter('anthropic/claude-3-opus'), maxCostPer1kTokens: 0.01 },
						{ model: modelParameter('openai/gpt-4o') },
					],
				},
				prompt: 'Hi',
			},
			[{}],
		);
		const output = items[0].json as unknown as ChatItem;
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.fusion.attempts[0]).toMatchObject({
			model: 'anthropic/claude-3-opus',
			status: 'skipped',
		});
		expect(server.requestsTo('/v1/messages')).toHaveLength(0);
	});

	it('stops sending items once the execution budget is spent', async () => {
		const { items } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('anthropic/claude-3-opus'),
				prompt: '={{ $json.text }}',
				options: { budgetUsd: 0.000001, concurrency: 1 },
			},
			[{ text: 'one' }, { text: 'two' }],
			true,
		);
		expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[claude-3-opus-20240229] answer to: one',
		);
		expect(items[1].json.error).toMatch(/^The execution's budget of \$0.000001 is spent/);
		expect(server.requests).toHaveLength(1);
	});

	it('streams tokens to a live client through n8n (begin, items, end) and still returns the full item', async () => {
		const chunks: StructuredChunk[] = [];
		const { items, error } = await runNodeInN8n({
			nodeType: new FusionChat(),
			parameters: {
				providers: ['openai'],
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Tell me about Paris',
				simplify: false,
			},
			credentials: credentials(),
			inputItems: [{}],
			onChunk: (chunk) => chunks.push(chunk),
		});
		expect(error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({ stream: true });
		const types = chunks.map((chunk) => chunk.type);
		expect(types[0]).toBe('begin');
		expect(types[types.length - 1]).toBe('end');
		const texts = chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content);
		expect(texts.length).toBeGreaterThan(3);
		const content = (items[0].json as unknown as ChatItem).choices[0].message.content;
		expect(texts.join('')).toBe(content);
		expect(content).toBe('[gpt-4o-mini] answer to: Tell me about Paris');
		expect(chunks.every((chunk) => chunk.metadata.itemIndex === 0)).toBe(true);
	});

	it('streams a partial answer then an error chunk, and marks the item partial', async () => {
		server.reply('/v1/messages', {
			sse: recordedSseEvents('anthropic'),
			cutAfterEvents: 6,
			eventDelayMs: 10,
		});
		const chunks: StructuredChunk[] = [];
		const { items } = await runNodeInN8n({
			nodeType: new FusionChat(),
			parameters: {
				providers: ['openai', 'anthropic'],
				inputMode: 'fields',
				model: modelParameter('anthropic/claude-3-opus'),
				fallbackModels: { models: [{ model: modelParameter('openai/gpt-4o') }] },
				prompt: 'Hi',
				simplify: false,
			},
			credentials: credentials(),
			inputItems: [{}],
			continueOnFail: true,
			onChunk: (chunk) => chunks.push(chunk),
		});
		expect(
			chunks
				.filter((chunk) => chunk.type === 'item')
				.map((chunk) => chunk.content)
				.join(''),
		).toBe('Hello! I');
		expect(chunks.map((chunk) => chunk.type).slice(-2)).toEqual(['error', 'end']);
		expect(items[0].json).toMatchObject({
			partial: true,
			partial_content: 'Hello! I',
			error: expect.stringMatching(/broke off after 8 characters/),
		});
		expect(server.requestsTo('/v1/chat/completions')).toHaveLength(0);
	});

	it('answers repeated identical items from the cache when the option is on', async () => {
		const { items } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Same question',
				options: { cacheTtl: 60, concurrency: 1 },
			},
			[{}, {}, {}],
		);
		expect(server.requests).toHaveLength(1);
		expect(
			items.map((item) => (item.json as unknown as { fusion: { cached: boolean } }).fusion.cached),
		).toEqual([false, true, true]);
	});

	it("fails over on a model's refusal, or with the option off makes the refusal the item's answer", async () => {
		const refusal = {
			json: {
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: null, refusal: "I can't help with that." },
						finish_reason: 'stop',
					},
				],
			},
		};
		const parameters = (failOverOnRefusal?: boolean) => ({
			inputMode: 'fields',
			model: modelParameter('openai/gpt-4o-mini'),
			fallbackModels: { models: [{ model: modelParameter('anthropic/claude-3-opus') }] },
			prompt: 'Something unsafe',
			options: failOverOnRefusal === undefined ? {} : { failOverOnRefusal },
		});
		server.reply('/v1/chat/completions', refusal, refusal);
		const failedOver = await runChat(parameters(), [{}]);
		expect((failedOver.items[0].json as unknown as ChatItem).model).toBe('anthropic/claude-3-opus');
		const kept = await runChat(parameters(false), [{}]);
		expect(kept.items[0].json).toMatchObject({
			model: 'openai/gpt-4o-mini',
			choices: [
				{
					message: { role: 'assistant', content: null, refusal: "I can't help with that." },
					finish_reason: 'content_filter',
				},
			],
		});
	});

	it('describes itself the way n8n expects', () => {
		const { description } = new FusionChat();
		expect(description.name).toBe('fusionChat');
		expect(description.usableAsTool).toBe(true);
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		expect(description.credentials).toHaveLength(PROVIDERS.length);
		expect(
			description.credentials?.find((credential) => credential.name === 'fusionAnthropicApi'),
		).toEqual({
			name: 'fusionAnthropicApi',
			displayName: 'Credential for Anthropic',
			required: true,
			testedBy: 'fusionProviderCredentialTest',
			displayOptions: { show: { '/providers': ['anthropic'] } },
		});
		const inputMode = description.properties.find((property) => property.name === 'inputMode');
		expect(inputMode?.default).toBe('fields');
		const options = description.properties.find((property) => property.name === 'options');
		expect(options?.options?.find((option) => option.name === 'concurrency')).toMatchObject({
			default: 8,
		});
		expect(options?.options?.find((option) => option.name === 'failOverOnRefusal')).toMatchObject({
			type: 'boolean',
			default: true,
		});
		const optionNames =
			options?.options?.map((option) =>
				'displayName' in option ? option.displayName : option.name,
			) ?? [];
		expect(optionNames).toEqual([...optionNames].sort((a, b) => a.localeCompare(b)));
	});

	it("gives no parameter the shape that n8n's editor hides as the authentication field", () => {
		const { description } = new FusionChat();
		expect(editorAuthenticationField(description)).toBeUndefined();
	});

	describe('Simplify Output (node version 2)', () => {
		const simplified = (
			parameters: INodeParameters,
			inputItems: IDataObject[] = [{}],
			continueOnFail = false,
		) =>
			runNodeInN8n({
				nodeType: new FusionChat(),
				parameters: { providers: ['openai', 'anthropic'], inputMode: 'fields', ...parameters },
				credentials: credentials(),
				inputItems,
				continueOnFail,
			});

		it('is on for a new node: the answer, the model, the cost and the attempts in one line, at the top level', async () => {
			const failure = { status: 500, json: { error: { message: 'upstream exploded' } } };
			server.reply(forModel('gpt-4o-mini'), failure, failure);
			const { items, error } = await simplified({
				model: modelParameter('openai/gpt-4o-mini'),
				fallbackModels: { models: [{ model: modelParameter('anthropic/claude-3-opus') }] },
				prompt: 'Hi',
				options: { maxRetries: 1 },
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({
				answer: '[claude-3-opus-20240229] answer to: Hi',
				model: 'anthropic/claude-3-opus',
				finish_reason: 'stop',
				cost_usd: expect.any(Number),
				total_tokens: expect.any(Number),
				latency_ms: expect.any(Number),
				attempts: 'openai/gpt-4o-mini: HTTP 500 ×2 → anthropic/claude-3-opus: ok',
			});
			expect(Object.keys(items[0].json)[0]).toBe('answer');
		});

		it('turned off gives the full response, with the cost before the attempts', async () => {
			const { items } = await simplified({
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Hi',
				simplify: false,
			});
			const fusionKeys = Object.keys((items[0].json as unknown as ChatItem).fusion);
			expect(fusionKeys.indexOf('cost_usd')).toBeLessThan(fusionKeys.indexOf('attempts'));
			expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
				'[gpt-4o-mini] answer to: Hi',
			);
		});

		it('keeps a failed item short too, with continue-on-fail', async () => {
			server.reply(forModel('gpt-4o-mini'), {
				status: 400,
				json: { error: { message: 'bad things' } },
			});
			const { items } = await simplified(
				{ model: modelParameter('openai/gpt-4o-mini'), prompt: 'Hi' },
				[{}],
				true,
			);
			expect(items[0].json).toEqual({
				error: expect.stringMatching(/^The model failed to answer/),
				attempts: 'openai/gpt-4o-mini: HTTP 400',
			});
		});

		it('does not exist in node version 1, whose saved workflows keep the full response', async () => {
			const { items } = await runNodeInN8n({
				nodeType: new FusionChat(),
				parameters: {
					providers: ['openai'],
					inputMode: 'fields',
					model: modelParameter('openai/gpt-4o-mini'),
					prompt: 'Hi',
				},
				credentials: credentials(),
				inputItems: [{}],
				typeVersion: 1,
			});
			expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
				'[gpt-4o-mini] answer to: Hi',
			);
		});
	});

	it('reads Providers saved as one plain string, as earlier editors wrote it', async () => {
		const { items, error } = await runChat(
			{
				providers: 'openai',
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: 'Hi',
			},
			[{}],
		);
		expect(error).toBeUndefined();
		expect((items[0].json as unknown as ChatItem).model).toBe('openai/gpt-4o-mini');
	});
});
