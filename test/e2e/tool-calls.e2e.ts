/**
 * Tool calls in a real n8n: the packed package runs a workflow headless where Fusion Chat, in fields mode with
 * Tools (JSON), asks the mock OpenAI, which calls the tool; a Set node then reads the route a Switch would
 * take from `{{ $json.choices[0].finish_reason }}`.
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
	linearWorkflow,
	manualTrigger,
	modelById,
	setFields,
} from '../n8n/workflow-builder';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const WORKFLOW_ID = 'e2eToolCalls0001';

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
	prepared = await prepareUserFolder();
	const n8n = new N8nCli(installation, prepared.userFolder);
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([workflow]);
	batch = await n8n.executeBatch([WORKFLOW_ID]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await mock?.close();
	prepared?.remove();
});

type ToolCallOutput = IDataObject & {
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
