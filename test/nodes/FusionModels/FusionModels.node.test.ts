import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowHasIssuesError } from 'n8n-core';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';
import { CATALOG_MODELS } from '../../../nodes/engine/catalog/model-catalog';
import { MODEL_CAPABILITIES } from '../../../nodes/engine/providers/listed-model';
import { FusionModels } from '../../../nodes/FusionModels/FusionModels.node';
import { editorAuthenticationField } from '../../helpers/editor-authentication-field';
import { itemsReadByName, recordParameterReads } from '../../helpers/record-parameter-reads';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';

const NODE_DIR = join(__dirname, '..', '..', '..', 'nodes', 'FusionModels');
const KEY = 'sk-test-models-0123456789abcdef';

const run = (
	parameters: INodeParameters,
	options: Partial<Parameters<typeof runNodeInN8n>[0]> = {},
) => runNodeInN8n({ nodeType: new FusionModels(), parameters, inputItems: [{}], ...options });

const jsonOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);

describe('Fusion Models: the node description', () => {
	const { description } = new FusionModels();

	it('follows the conventions of Fusion Chat and n8n community nodes', () => {
		expect(description).toMatchObject({
			name: 'fusionModels',
			displayName: 'Fusion Models',
			usableAsTool: true,
			version: 1,
		});
		expect(description.icon).toEqual({ light: 'file:models.svg', dark: 'file:models.dark.svg' });
		for (const icon of ['models.svg', 'models.dark.svg'])
			expect(readFileSync(join(NODE_DIR, icon), 'utf8')).toMatch(/^<svg /);
		const codex = JSON.parse(readFileSync(join(NODE_DIR, 'FusionModels.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-fusion.fusionModels');
		expect(existsSync(join(NODE_DIR, 'FusionModels.node.ts'))).toBe(true);
	});

	it('shows a provider credential slot only for the live source and a chosen provider', () => {
		expect(description.credentials).toContainEqual({
			name: 'fusionOpenRouterApi',
			displayName: 'Credential for OpenRouter',
			required: true,
			testedBy: 'fusionProviderCredentialTest',
			displayOptions: { show: { '/source': ['live'], '/providers': ['openrouter'] } },
		});
		expect(
			description.properties.find((property) => property.name === 'providers')?.displayOptions,
		).toEqual({ show: { source: ['live'] } });
	});

	it("gives no parameter the shape that n8n's editor hides as the authentication field", () => {
		expect(editorAuthenticationField(description)).toBeUndefined();
	});
});

describe('Fusion Models: the bundled catalog, run by n8n', () => {
	it('lists the whole catalog offline with no parameter set, one paired item per model', async () => {
		const { items, error } = await run({});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(CATALOG_MODELS.length);
		expect(
			items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 })),
		).toBe(true);
		expect(items.find((item) => item.json.id === 'openai/gpt-4-turbo')?.json).toMatchObject({
			object: 'model',
			owned_by: 'openai',
			created: expect.any(Number),
			capabilities: {
				chat: true,
				completions: false,
				embeddings: false,
				moderation: false,
				vision: true,
				tools: true,
				json_output: true,
				pdf: true,
				json_schema: false,
				reasoning: false,
			},
			capabilities_checked_at: '2026-11-30',
			pricing: { prompt_tokens: 0.01, completion_tokens: 0.03 },
			limits: { max_tokens: 4096, max_request_tokens: 128_000 },
			estimated_latency_ms: expect.any(Number),
			latency_source: 'catalog',
			available: null,
		});
	});

	it('filters, sorts and limits as the parameters say', async () => {
		const { items, error } = await run({
			filters: {
				capabilities: ['chat', 'vision'],
				maxPromptPrice: 0.001,
				includeDeprecated: false,
			},
			sortBy: 'price',
			options: { limit: 3 },
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((model) => model.id)).toEqual([
			'ollama/gemma3',
			'google/gemini-2.0-flash-lite',
			'mistral/mistral-small-latest',
		]);
	});

	it('filters on PDF input, a JSON Schema and a reasoning control', async () => {
		const { items, error } = await run({
			filters: {
				providers: ['anthropic', 'deepseek', 'groq'],
				capabilities: ['pdf', 'json_schema', 'reasoning'],
				includeDeprecated: false,
			},
			sortBy: 'price',
			options: { limit: 2 },
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((model) => [model.id, model.capabilities])).toEqual([
			[
				'anthropic/claude-haiku-4-5',
				expect.objectContaining({ pdf: true, json_schema: true, reasoning: true }),
			],
			[
				'anthropic/claude-sonnet-4-6',
				expect.objectContaining({ pdf: true, json_schema: true, reasoning: true }),
			],
		]);
	});

	it('offers every capability of the engine in the capability filter', () => {
		const filters = new FusionModels().description.properties.find(
			(property) => property.name === 'filters',
		);
		const capabilities = (filters?.options as INodeProperties[]).find(
			(option) => option.name === 'capabilities',
		);
		const values = (capabilities?.options as Array<{ name: string; value: string }>).map(
			(option) => option.value,
		);
		expect([...values].sort()).toEqual([...MODEL_CAPABILITIES].sort());
		expect(values).toEqual(expect.arrayContaining(['pdf', 'json_schema', 'reasoning', 'vision']));
		const names = (capabilities?.options as Array<{ name: string }>).map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('answers one {object: "list"} item when asked', async () => {
		const { items } = await run({ output: 'list', filters: { providers: ['deepseek'] } });
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			object: 'list',
			data: [
				expect.objectContaining({ id: 'deepseek/deepseek-chat' }),
				expect.objectContaining({ id: 'deepseek/deepseek-reasoner' }),
			],
		});
	});

	it('answers each input item, with expressions read per item', async () => {
		const { items } = await runNodeInN8n({
			nodeType: new FusionModels(),
			parameters: { output: 'list', filters: { search: '={{ $json.family }}' } },
			inputItems: [{ family: 'grok-3' }, { family: 'haiku' }],
		});
		expect(
			items.map((item) => [
				item.pairedItem,
				(item.json.data as IDataObject[]).map((model) => model.id),
			]),
		).toEqual([
			[{ item: 0 }, ['xai/grok-3', 'xai/grok-3-mini']],
			[{ item: 1 }, ['anthropic/claude-haiku-4-5', 'anthropic/claude-3-haiku']],
		]);
	});

	it('reads a parameter without an expression once per execution, and one holding an expression for every item', async () => {
		const { nodeType, reads } = recordParameterReads(new FusionModels());
		const { items } = await runNodeInN8n({
			nodeType,
			parameters: {
				output: 'list',
				sortBy: 'price',
				filters: { search: '={{ $json.family }}' },
				options: { limit: 1 },
			},
			inputItems: [{ family: 'grok-3' }, { family: 'haiku' }, { family: 'gemini' }],
		});
		expect(items).toHaveLength(3);
		expect(itemsReadByName(reads)).toEqual({
			providers: [0],
			source: [0],
			output: [0],
			filters: [0, 1, 2],
			options: [0],
			sortBy: [0],
		});
	});
});

describe('Fusion Models: the live source against the mock server, run by n8n', () => {
	let server: MockProviderServer;
	beforeAll(async () => {
		server = await MockProviderServer.start();
	});
	afterEach(() => server.reset());
	afterAll(async () => server.close());

	const credentials = () => ({
		fusionAnthropicApi: { apiKey: KEY, baseUrl: server.url },
		fusionOpenRouterApi: { apiKey: KEY, baseUrl: `${server.url}/api/v1` },
		fusionGroqApi: { apiKey: KEY, baseUrl: `${server.url}/openai/v1` },
	});

	it("lists each chosen provider's models merged with the catalog, once per execution", async () => {
		const { items, error } = await runNodeInN8n({
			nodeType: new FusionModels(),
			parameters: { source: 'live', providers: ['anthropic', 'openrouter'] },
			credentials: credentials(),
			inputItems: [{}, {}],
		});
		expect(error).toBeUndefined();
		const first = jsonOf(items.filter((item) => JSON.stringify(item.pairedItem) === '{"item":0}'));
		expect(
			first.find((model) => model.id === 'anthropic/claude-sonnet-4-5-20250929'),
		).toMatchObject({
			catalog_id: 'anthropic/claude-sonnet-4-5',
			available: true,
			source: 'catalog+live',
			pricing: { prompt_tokens: 0.003, completion_tokens: 0.015 },
		});
		expect(
			first.find((model) => model.id === 'openrouter/meta-llama/llama-3.3-70b-instruct'),
		).toMatchObject({
			source: 'live',
			pricing: { prompt_tokens: 0.00013, completion_tokens: 0.00039 },
			pricing_source: 'live',
			// What OpenRouter's list states: text in, JSON mode, no schema, no reasoning control.
			capabilities: {
				chat: true,
				vision: false,
				pdf: false,
				json_output: true,
				json_schema: false,
				reasoning: false,
			},
			capabilities_checked_at: null,
		});
		expect(
			first.find((model) => model.id === 'openrouter/anthropic/claude-sonnet-4.5'),
		).toMatchObject({
			source: 'catalog+live',
			capabilities: { vision: true, pdf: true, json_schema: true, reasoning: true },
			capabilities_checked_at: '2026-11-30',
		});
		expect(first.find((model) => model.id === 'anthropic/claude-3-opus')).toMatchObject({
			available: false,
		});
		expect(server.requests.map((request) => request.path).sort()).toEqual([
			'/api/v1/models',
			'/v1/models',
		]);
		expect(items.length).toBe(first.length * 2);
	});

	it('gives an error entry for a provider that cannot list, and the others still answer', async () => {
		server.reply('/openai/v1/models', {
			status: 401,
			json: {
				error: {
					message: 'Invalid API Key',
					type: 'invalid_request_error',
					code: 'invalid_api_key',
				},
			},
		});
		const { items, error } = await run(
			{ source: 'live', providers: ['anthropic', 'groq'], filters: { onlyAvailable: true } },
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		const json = jsonOf(items);
		expect(json.filter((entry) => entry.object === 'model').map((model) => model.id)).toEqual([
			'anthropic/claude-sonnet-4-5-20250929',
			'anthropic/claude-haiku-4-5-20251001',
			'anthropic/claude-opus-4-1-20250805',
		]);
		expect(json.filter((entry) => entry.object === 'error')).toEqual([
			{
				object: 'error',
				provider: 'groq',
				error: {
					type: 'auth',
					http_status: 401,
					message: expect.stringContaining('Invalid API Key'),
				},
			},
		]);
	});

	it('carries the errors beside the list in list output', async () => {
		server.reply('/openai/v1/models', {
			status: 503,
			json: { error: { message: 'Service Unavailable' } },
		});
		const { items } = await run(
			{ source: 'live', providers: ['anthropic', 'groq'], output: 'list' },
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({
			object: 'list',
			errors: [{ object: 'error', provider: 'groq', error: { type: 'overloaded' } }],
		});
	});

	it('fails the item when no provider can list, naming each failure', async () => {
		server.reply('/v1/models', {
			status: 401,
			json: {
				type: 'error',
				error: { type: 'authentication_error', message: 'invalid x-api-key' },
			},
		});
		const { error } = await run(
			{ source: 'live', providers: ['anthropic'] },
			{ credentials: credentials() },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('No provider could list its models (anthropic)');
		expect((error as NodeApiError).description).toContain('invalid x-api-key');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	it('with "continue on fail", outputs the failure as an error item', async () => {
		server.reply('/v1/models', {
			status: 500,
			json: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } },
		});
		const { items, error } = await run(
			{ source: 'live', providers: ['anthropic'] },
			{ credentials: credentials(), continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { error: 'No provider could list its models (anthropic)' }, pairedItem: { item: 0 } },
		]);
	});

	it('asks for a provider when none is chosen', async () => {
		const { error } = await run({ source: 'live', providers: [] });
		expect(error).toBeInstanceOf(WorkflowHasIssuesError);
		expect(error?.message).toContain('Parameter "Providers" is required');
	});

	it('asks for a provider when an expression chooses none', async () => {
		const { error } = await run({ source: 'live', providers: '={{ [] }}' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Choose at least one provider under Providers to list live models');
	});
});
