/**
 * A real n8n started as a server streams Fusion Chat's tokens to a webhook caller: the workflow
 * `Webhook (Respond: Streaming) → Fusion Chat` is published, n8n is started, and `curl -N` posts a message.
 * The simulator drips its answer, so the chunks n8n forwards are observably separate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { MockProviderServer } from '../mock-provider/mock-provider-server';
import { curlStream } from './curl-stream';
import { simulatedAnswerText } from '../mock-provider/provider-simulator';
import {
	COMMUNITY_NODE_PREFIX,
	prepareUserFolder,
	type PreparedUserFolder,
} from '../n8n/fusion-package';
import { N8nCli } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { N8nServer, publishWorkflow } from '../n8n/n8n-server';
import { fusionChat, linearWorkflow, modelById, type NodeSpec } from '../n8n/workflow-builder';

const SETUP_TIMEOUT_MS = 30 * 60_000;
const WORKFLOW_ID = 'e2eStreamingHook01';
const WEBHOOK_PATH = 'fusion-e2e-stream';
/** Pause between the simulator's events: long enough that n8n cannot coalesce the chunks it forwards. */
const DRIP_MS = 150;
const UPSTREAM_MODEL = `sim-drip-${DRIP_MS}`;
const MESSAGE = 'Explain streaming in a few words';
const API_KEY = `fusion-e2e-stream-${randomBytes(12).toString('hex')}`;

let mock: MockProviderServer;
let prepared: PreparedUserFolder;
let server: N8nServer;

// Webhook 2.1 is the first version with the Streaming response mode.
const streamingWebhook = (): NodeSpec & { webhookId: string } => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	webhookId: randomUUID(),
	parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'streaming', options: {} },
});

beforeAll(async () => {
	const installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	prepared = await prepareUserFolder();
	const cli = new N8nCli(installation, prepared.userFolder);
	await cli.importCredentials([
		{
			id: 'e2eStreamCred0001',
			name: 'E2E streaming OpenAI',
			type: 'fusionOpenAiApi',
			data: { apiKey: API_KEY, baseUrl: `${mock.url}/v1` },
		},
	]);
	await cli.importWorkflows([
		linearWorkflow(WORKFLOW_ID, 'Fusion Chat e2e: streaming webhook', [
			streamingWebhook(),
			fusionChat({
				nodeTypePrefix: COMMUNITY_NODE_PREFIX,
				parameters: {
					providers: ['openai'],
					inputMode: 'fields',
					model: modelById(`openai/${UPSTREAM_MODEL}`),
					prompt: '={{ $json.body.message }}',
					options: {},
				},
				credentials: { fusionOpenAiApi: { id: 'e2eStreamCred0001', name: 'E2E streaming OpenAI' } },
			}),
		]),
	]);
	await publishWorkflow(cli, WORKFLOW_ID);
	server = await N8nServer.start(installation, prepared.userFolder);
	await server.waitForWebhook(WEBHOOK_PATH);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await mock?.close();
	prepared?.remove();
}, 60_000);

describe('Fusion Chat behind a streaming webhook, in n8n started as a server', () => {
	it('sends the answer to curl -N in several chunks that join into the full answer', async () => {
		const { exitCode, lines, stderr } = await curlStream(server.webhookUrl(WEBHOOK_PATH), {
			message: MESSAGE,
		});
		expect(stderr).toBe('');
		expect(exitCode).toBe(0);

		const fromFusionChat = lines.filter((line) => line.metadata?.nodeName === 'Fusion Chat');
		expect(fromFusionChat.map((line) => line.type)).toEqual([
			'begin',
			...fromFusionChat.slice(1, -1).map(() => 'item'),
			'end',
		]);
		const items = fromFusionChat.filter((line) => line.type === 'item');
		const lastArrival = items[items.length - 1].arrivedAt;
		expect(items.filter((item) => item.arrivedAt < lastArrival).length).toBeGreaterThanOrEqual(3);
		// The chunks came as the simulator dripped them, not in one burst at the end.
		expect(lastArrival - items[0].arrivedAt).toBeGreaterThanOrEqual(DRIP_MS * 2);
		expect(items.map((item) => item.content).join('')).toBe(
			simulatedAnswerText(UPSTREAM_MODEL, MESSAGE),
		);

		const upstream = mock.requests.filter((request) => request.path === '/v1/chat/completions');
		expect(upstream).toHaveLength(1);
		expect(upstream[0].body).toMatchObject({
			model: UPSTREAM_MODEL,
			stream: true,
			messages: [{ role: 'user', content: MESSAGE }],
		});
		expect(upstream[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(server.logs).not.toContain(API_KEY);
	});
});
