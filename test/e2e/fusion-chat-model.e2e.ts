/**
 * Fusion Chat Model under n8n's own AI nodes, in a real n8n that installed the packed package as it installs a
 * community package (without its peers: the AI node SDK is n8n's own). Headless: a Basic LLM Chain and an AI
 * Agent with a Code tool run with `n8n execute-batch`; an AI Agent behind a streaming webhook is called with
 * `curl -N` once n8n runs as a server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IConnections, INode, IRun, ITaskData } from 'n8n-workflow';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { simulatedAnswerText } from '../mock-provider/provider-simulator';
import {
	COMMUNITY_NODE_PREFIX,
	prepareUserFolder,
	type PreparedUserFolder,
} from '../n8n/fusion-package';
import { N8nCli, type BatchExecution } from '../n8n/n8n-cli';
import { ensureN8nInstalled, type N8nInstallation } from '../n8n/n8n-install';
import { N8nServer, publishWorkflow } from '../n8n/n8n-server';
import { outputJson, successfulRunIn } from '../n8n/run-data';
import {
	manualTrigger,
	modelById,
	type NodeSpec,
	type WorkflowToImport,
} from '../n8n/workflow-builder';
import { curlStream } from './curl-stream';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const API_KEY = `fusion-e2e-model-${randomBytes(12).toString('hex')}`;
const CREDENTIAL = { id: 'e2eModelCred0001', name: 'E2E model OpenAI' };
const WORKFLOW_IDS = {
	chain: 'e2eModelChain01',
	agent: 'e2eModelAgent01',
	stream: 'e2eModelStream1',
};
const WEBHOOK_PATH = 'fusion-e2e-model-stream';
const CHAIN_PROMPT = 'Name one colour';
const AGENT_PROMPT = 'Look up the magic number';
const STREAM_PROMPT = 'Explain streaming in a few words';
const TOOL_RESULT = 'The magic number is 4217';
const FAILING_MODEL = 'gpt-4o-sim-fail-503';
const DRIP_MS = 150;
const STREAM_MODEL = `gpt-4o-mini-sim-drip-${DRIP_MS}`;

/** A node and the connection it makes: `main` to the next node, or a sub-node's to the node it serves. */
interface Placed {
	node: NodeSpec & { webhookId?: string };
	to?: { node: string; type: 'main' | 'ai_languageModel' | 'ai_tool' };
}

/** A workflow with sub-nodes: n8n's AI nodes take their model and tools through typed connections. */
function clusterWorkflow(id: string, name: string, placed: Placed[]): WorkflowToImport {
	const connections: IConnections = {};
	for (const { node, to } of placed) {
		if (to !== undefined)
			connections[node.name] = { [to.type]: [[{ node: to.node, type: to.type, index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		nodes: placed.map(
			({ node }, index): INode => ({ ...node, id: `${id}-${index}`, position: [index * 220, 0] }),
		),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

function fusionChatModel(models: string[]): NodeSpec {
	const [first, ...fallbacks] = models;
	return {
		name: 'Fusion Chat Model',
		type: `${COMMUNITY_NODE_PREFIX}.fusionChatModel`,
		typeVersion: 1,
		parameters: {
			providers: ['openai'],
			model: modelById(`openai/${first}`),
			fallbackModels: { models: fallbacks.map((id) => ({ model: modelById(`openai/${id}`) })) },
			options: { maxRetries: 0 },
		},
		credentials: { fusionOpenAiApi: CREDENTIAL },
	};
}

const agent = (text: string): NodeSpec => ({
	name: 'AI Agent',
	type: '@n8n/n8n-nodes-langchain.agent',
	typeVersion: 3.1,
	parameters: { promptType: 'define', text, options: {} },
});

function workflows(): WorkflowToImport[] {
	return [
		clusterWorkflow(WORKFLOW_IDS.chain, 'Fusion Chat Model e2e: Basic LLM Chain', [
			{ node: manualTrigger(), to: { node: 'Basic LLM Chain', type: 'main' } },
			{
				node: {
					name: 'Basic LLM Chain',
					type: '@n8n/n8n-nodes-langchain.chainLlm',
					typeVersion: 1.9,
					parameters: { promptType: 'define', text: CHAIN_PROMPT },
				},
			},
			{
				node: fusionChatModel(['gpt-4o-mini']),
				to: { node: 'Basic LLM Chain', type: 'ai_languageModel' },
			},
		]),
		clusterWorkflow(WORKFLOW_IDS.agent, 'Fusion Chat Model e2e: AI Agent with a tool', [
			{ node: manualTrigger(), to: { node: 'AI Agent', type: 'main' } },
			{ node: agent(AGENT_PROMPT) },
			{
				node: fusionChatModel([FAILING_MODEL, 'gpt-4o-mini']),
				to: { node: 'AI Agent', type: 'ai_languageModel' },
			},
			{
				node: {
					name: 'Magic Number',
					type: '@n8n/n8n-nodes-langchain.toolCode',
					typeVersion: 1.3,
					parameters: {
						name: 'magic_number',
						description: 'Returns the magic number',
						language: 'javaScript',
						jsCode: `return ${JSON.stringify(TOOL_RESULT)};`,
					},
				},
				to: { node: 'AI Agent', type: 'ai_tool' },
			},
		]),
		clusterWorkflow(WORKFLOW_IDS.stream, 'Fusion Chat Model e2e: streaming AI Agent', [
			{
				node: {
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					// The first version with the Streaming response mode.
					typeVersion: 2.1,
					webhookId: randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: WEBHOOK_PATH,
						responseMode: 'streaming',
						options: {},
					},
				},
				to: { node: 'AI Agent', type: 'main' },
			},
			{ node: agent('={{ $json.body.message }}') },
			{
				node: fusionChatModel([STREAM_MODEL]),
				to: { node: 'AI Agent', type: 'ai_languageModel' },
			},
		]),
	];
}

/** The model's runs as n8n recorded them under the node (one per call the agent or chain made). */
function modelRuns(run: IRun): ITaskData[] {
	return run.data.resultData.runData['Fusion Chat Model'] ?? [];
}

interface TracedCall {
	response?: { generations?: Array<Array<{ text?: string }>> };
	tokenUsage?: { promptTokens: number; completionTokens: number; totalTokens: number };
}

const tracedCall = (task: ITaskData): TracedCall =>
	(task.data?.ai_languageModel?.[0]?.[0]?.json ?? {}) as TracedCall;

let mock: MockProviderServer;
let prepared: PreparedUserFolder;
let installation: N8nInstallation;
let batch: Map<string, BatchExecution>;

beforeAll(async () => {
	installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	prepared = await prepareUserFolder();
	const cli = new N8nCli(installation, prepared.userFolder);
	await cli.importCredentials([
		{
			...CREDENTIAL,
			type: 'fusionOpenAiApi',
			data: { apiKey: API_KEY, baseUrl: `${mock.url}/v1` },
		},
	]);
	await cli.importWorkflows(workflows());
	batch = await cli.executeBatch([WORKFLOW_IDS.chain, WORKFLOW_IDS.agent]);
	await publishWorkflow(cli, WORKFLOW_IDS.stream);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await mock?.close();
	prepared?.remove();
}, 60_000);

const upstreamBodies = (model: string) =>
	mock.requests
		.filter((request) => (request.body as { model?: string }).model === model)
		.map((request) => request.body as Record<string, unknown>);

describe('Fusion Chat Model in n8n', () => {
	it('answers a Basic LLM Chain, and the model run shows the call with its token usage', () => {
		const run = successfulRunIn(batch, WORKFLOW_IDS.chain);
		const [answer] = outputJson(run, 'Basic LLM Chain');
		expect(answer.text).toBe(simulatedAnswerText('gpt-4o-mini', CHAIN_PROMPT));

		const [call] = modelRuns(run).map(tracedCall);
		expect(call.response?.generations?.[0]?.[0]?.text).toBe(answer.text);
		expect(call.tokenUsage?.promptTokens).toBeGreaterThan(0);
		expect(call.tokenUsage?.completionTokens).toBeGreaterThan(0);
		// The agent's workflow calls the same model: the chain's call is the one with its prompt.
		expect(upstreamBodies('gpt-4o-mini')).toContainEqual(
			expect.objectContaining({ messages: [{ role: 'user', content: CHAIN_PROMPT }] }),
		);
	});

	it("gives an AI Agent a model that fails over from a 503 and calls the agent's tool", () => {
		const run = successfulRunIn(batch, WORKFLOW_IDS.agent);
		const calls = modelRuns(run);
		for (const call of calls) expect(tracedCall(call).tokenUsage?.totalTokens).toBeGreaterThan(0);
		// The call first met the failing model, then the fallback answered; the model's run says so.
		expect(calls[0].hints?.map((hint) => hint.message)).toContainEqual(
			expect.stringMatching(
				new RegExp(
					`^Fusion attempts: openai/${FAILING_MODEL}: HTTP 503 → openai/gpt-4o-mini: ok · \\$0\\.\\d+$`,
				),
			),
		);
		expect(upstreamBodies(FAILING_MODEL).length).toBe(calls.length);

		const [result] = outputJson(run, 'AI Agent');
		// The simulated model answers with what the tool returned once the result is in the conversation.
		expect(result.output).toContain(TOOL_RESULT);
		expect(run.data.resultData.runData['Magic Number']).toHaveLength(1);
		expect(calls).toHaveLength(2);
		const [toolTurn, answerTurn] = upstreamBodies('gpt-4o-mini').filter((body) =>
			JSON.stringify(body.messages).includes(AGENT_PROMPT),
		);
		expect(toolTurn.tools).toEqual([
			expect.objectContaining({
				type: 'function',
				// Code tool 1.3 names the tool after its node.
				function: expect.objectContaining({ name: 'Magic_Number' }),
			}),
		]);
		// n8n hands the tool's output over as JSON ([{"response": …}]): that text goes back as the tool message.
		expect(answerTurn.messages).toContainEqual(
			expect.objectContaining({ role: 'tool', content: expect.stringContaining(TOOL_RESULT) }),
		);
	});

	it('streams an AI Agent behind a streaming webhook token by token', async () => {
		const server = await N8nServer.start(installation, prepared.userFolder);
		try {
			await server.waitForWebhook(WEBHOOK_PATH);
			const { exitCode, lines, stderr } = await curlStream(server.webhookUrl(WEBHOOK_PATH), {
				message: STREAM_PROMPT,
			});
			expect(stderr).toBe('');
			expect(exitCode).toBe(0);
			const items = lines.filter(
				(line) => line.type === 'item' && line.metadata?.nodeName === 'AI Agent',
			);
			expect(items.length).toBeGreaterThan(1);
			const lastArrival = items[items.length - 1].arrivedAt;
			// The first tokens came as the simulator dripped them, not in one burst with the last.
			expect(lastArrival - items[0].arrivedAt).toBeGreaterThanOrEqual(DRIP_MS * 2);
			expect(items.map((item) => item.content).join('')).toBe(
				simulatedAnswerText(STREAM_MODEL, STREAM_PROMPT),
			);
			expect(upstreamBodies(STREAM_MODEL)[0]).toMatchObject({ stream: true });
			expect(server.logs).not.toContain(API_KEY);
		} finally {
			await server.stop();
		}
	});
});
