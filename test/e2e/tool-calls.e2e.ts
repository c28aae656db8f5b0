/**
 * Tool calls in a real n8n: the packed package runs workflows headless. In one, Fusion Chat in fields mode with
 * Tools (JSON) asks the mock OpenAI, which calls the tool; a Set node then reads the route a Switch would take
 * from `{{ $json.choices[0].finish_reason }}`. In the other, JSON-mode requests with tools go to Anthropic and
 * Gemini, each in its own wire format, and come back as OpenAI-shaped tool calls.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import {
	COMMUNITY_NODE_PREFIX,
	prepareUserFolder,
	type PreparedUserFolder,
} from '../n8n/fusion-package';
import { N8nCli, type BatchExecution, type CredentialToImport } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { outputJson, successfulRunIn } from '../n8n/run-data';
import {
	fusionChat,
	jsonModeParameters,
	linearWorkflow,
	manualTrigger,
	modelById,
	requestItems,
	setFields,
} from '../n8n/workflow-builder';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const WORKFLOW_ID = 'e2eToolCalls0001';
const JSON_WORKFLOW_ID = 'e2eToolCalls0002';
const JSON_MODELS = ['anthropic/claude-haiku-4-5', 'google/gemini-2.5-flash'] as const;

const TOOLS = [
	{
		type: 'function',
		function: {
			name: 'get_weather',
			description: 'The current weather in a city',
			parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
		},
	},
];

let mock: MockProviderServer;
let prepared: PreparedUserFolder;
let batch: Map<string, BatchExecution>;

beforeAll(async () => {
	const installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	const credential: CredentialToImport = {
		id: 'e2eToolCallCred1',
		name: 'E2E tool calls OpenAI',
		type: 'fusionOpenAiApi',
		data: {
			apiKey: `fusion-e2e-tools-${randomBytes(12).toString('hex')}`,
			baseUrl: `${mock.url}/tools/v1`,
		},
	};
	const workflow = linearWorkflow(WORKFLOW_ID, 'Fusion Chat e2e: Tools (JSON) in fields mode', [
		manualTrigger(),
		fusionChat({
			nodeTypePrefix: COMMUNITY_NODE_PREFIX,
			typeVersion: 2,
			parameters: {
				providers: ['openai'],
				inputMode: 'fields',
				model: modelById('openai/gpt-4o-mini'),
				prompt: 'What is the weather in Paris?',
				simplify: false,
				options: { tools: JSON.stringify(TOOLS, null, 2) },
			},
			credentials: { fusionOpenAiApi: { id: credential.id, name: credential.name } },
		}),
		setFields('Route', { route: '={{ $json.choices[0].finish_reason }}' }),
	]);
	const key = () => `fusion-e2e-tools-${randomBytes(12).toString('hex')}`;
	const anthropic: CredentialToImport = {
		id: 'e2eToolCallCred2',
		name: 'E2E tool calls Anthropic',
		type: 'fusionAnthropicApi',
		data: { apiKey: key(), baseUrl: `${mock.url}/tools-json` },
	};
	const gemini: CredentialToImport = {
		id: 'e2eToolCallCred3',
		name: 'E2E tool calls Gemini',
		type: 'fusionGoogleGeminiApi',
		data: { apiKey: key(), baseUrl: `${mock.url}/tools-json` },
	};
	const jsonWorkflow = linearWorkflow(JSON_WORKFLOW_ID, 'Fusion Chat e2e: tools in JSON mode', [
		manualTrigger(),
		requestItems(
			'Requests',
			JSON_MODELS.map((model) => ({
				model,
				messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
				tools: TOOLS,
				tool_choice: 'required',
			})),
		),
		fusionChat({
			nodeTypePrefix: COMMUNITY_NODE_PREFIX,
			typeVersion: 2,
			parameters: { ...jsonModeParameters(['anthropic', 'google']), simplify: false },
			credentials: {
				fusionAnthropicApi: { id: anthropic.id, name: anthropic.name },
				fusionGoogleGeminiApi: { id: gemini.id, name: gemini.name },
			},
		}),
	]);
	prepared = await prepareUserFolder();
	const n8n = new N8nCli(installation, prepared.userFolder);
	await n8n.importCredentials([credential, anthropic, gemini]);
	await n8n.importWorkflows([workflow, jsonWorkflow]);
	batch = await n8n.executeBatch([WORKFLOW_ID, JSON_WORKFLOW_ID]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await mock?.close();
	prepared?.remove();
});

type ToolCallOutput = IDataObject & {
	model: string;
	choices: Array<{
		message: {
			content: string | null;
			tool_calls: Array<{
				id: string;
				type: string;
				function: { name: string; arguments: string };
			}>;
		};
		finish_reason: string;
	}>;
};

describe('Fusion Chat with Tools (JSON) in a real n8n', () => {
	it('sends the tools to OpenAI as its own document', () => {
		const sent = mock.requests.filter((request) => request.path === '/tools/v1/chat/completions');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toMatchObject({ model: 'gpt-4o-mini', tools: TOOLS });
	});

	it('outputs the call with finish_reason tool_calls, and an expression routes on it', () => {
		const run = successfulRunIn(batch, WORKFLOW_ID);
		const [item] = outputJson(run, 'Fusion Chat') as ToolCallOutput[];
		const [choice] = item.choices;
		expect(choice.finish_reason).toBe('tool_calls');
		expect(choice.message.content).toBeNull();
		expect(choice.message.tool_calls).toEqual([
			{
				id: 'call_sim_getweather',
				type: 'function',
				function: { name: 'get_weather', arguments: expect.any(String) },
			},
		]);
		expect(JSON.parse(choice.message.tool_calls[0].function.arguments)).toEqual({
			city: expect.any(String),
		});
		expect(outputJson(run, 'Route')).toEqual([{ route: 'tool_calls' }]);
	});
});

describe('Fusion Chat in JSON mode with tools, against Anthropic and Gemini, in a real n8n', () => {
	it('sends each provider the tools in its own format', () => {
		const sent = mock.requests.filter((request) => request.path.startsWith('/tools-json/'));
		const anthropic = sent.find((request) => request.path === '/tools-json/v1/messages');
		expect(anthropic?.body).toMatchObject({
			tools: [
				{
					name: 'get_weather',
					description: 'The current weather in a city',
					input_schema: TOOLS[0].function.parameters,
				},
			],
			tool_choice: { type: 'any' },
		});
		const gemini = sent.find((request) => request.path.includes(':generateContent'));
		expect(gemini?.body).toMatchObject({
			tools: [{ functionDeclarations: [expect.objectContaining({ name: 'get_weather' })] }],
			toolConfig: { functionCallingConfig: { mode: 'ANY' } },
		});
	});

	it('answers each with OpenAI-shaped tool calls: an id, the name, the arguments as JSON text', () => {
		const items = outputJson(
			successfulRunIn(batch, JSON_WORKFLOW_ID),
			'Fusion Chat',
		) as ToolCallOutput[];
		expect(items.map((item) => item.model)).toEqual([...JSON_MODELS]);
		for (const item of items) {
			const [choice] = item.choices;
			expect(choice.finish_reason).toBe('tool_calls');
			expect(choice.message.content).toBeNull();
			const [call, ...more] = choice.message.tool_calls;
			expect(more).toEqual([]);
			expect(call).toEqual({
				id: expect.stringMatching(/\S/),
				type: 'function',
				function: { name: 'get_weather', arguments: expect.any(String) },
			});
			expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
		}
	});
});
