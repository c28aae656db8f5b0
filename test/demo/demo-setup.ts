/**
 * What the demo imports into n8n: one credential per provider (the simulator, or the real API when the
 * provider's key is in the environment) and three sample workflows that show what Fusion Chat is for.
 */
import type { IConnections, INode, INodeCredentials, INodeParameters } from 'n8n-workflow';
import { COMMUNITY_NODE_PREFIX } from '../n8n/fusion-package';
import type { CredentialToImport } from '../n8n/n8n-cli';
import { modelById, type WorkflowToImport } from '../n8n/workflow-builder';

export type DemoProviderId = 'openai' | 'anthropic' | 'google' | 'mistral' | 'openrouter';

interface DemoProvider {
	id: DemoProviderId;
	displayName: string;
	credentialType: string;
	credentialId: string;
	/** The environment variable whose key makes this provider's credential use the real API. */
	keyVariable: string;
	publicBaseUrl: string;
	/** Where the simulator answers in this provider's wire format, mirroring the real API's paths. */
	simulatorPath: string;
}

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
	{
		id: 'openai',
		displayName: 'OpenAI',
		credentialType: 'fusionOpenAiApi',
		credentialId: 'fusionDemoCred01',
		keyVariable: 'OPENAI_API_KEY',
		publicBaseUrl: 'https://api.openai.com/v1',
		simulatorPath: '/v1',
	},
	{
		id: 'anthropic',
		displayName: 'Anthropic',
		credentialType: 'fusionAnthropicApi',
		credentialId: 'fusionDemoCred02',
		keyVariable: 'ANTHROPIC_API_KEY',
		publicBaseUrl: 'https://api.anthropic.com',
		simulatorPath: '',
	},
	{
		id: 'google',
		displayName: 'Google Gemini',
		credentialType: 'fusionGoogleGeminiApi',
		credentialId: 'fusionDemoCred03',
		keyVariable: 'GEMINI_API_KEY',
		publicBaseUrl: 'https://generativelanguage.googleapis.com',
		simulatorPath: '',
	},
	{
		id: 'mistral',
		displayName: 'Mistral',
		credentialType: 'fusionMistralApi',
		credentialId: 'fusionDemoCred04',
		keyVariable: 'MISTRAL_API_KEY',
		publicBaseUrl: 'https://api.mistral.ai/v1',
		simulatorPath: '/mistral/v1',
	},
	{
		id: 'openrouter',
		displayName: 'OpenRouter',
		credentialType: 'fusionOpenRouterApi',
		credentialId: 'fusionDemoCred05',
		keyVariable: 'OPENROUTER_API_KEY',
		publicBaseUrl: 'https://openrouter.ai/api/v1',
		simulatorPath: '/openrouter/api/v1',
	},
];

/** The simulator takes any key; this one says where it came from in the credential editor. */
const SIMULATOR_KEY = 'simulator-accepts-any-key';

export interface DemoConnection {
	provider: DemoProvider;
	/** 'real' when the provider's key variable is set. */
	target: 'simulator' | 'real';
	credential: CredentialToImport;
}

export function demoConnections(simulatorUrl: string, env: NodeJS.ProcessEnv): DemoConnection[] {
	return DEMO_PROVIDERS.map((provider) => {
		const key = env[provider.keyVariable]?.trim();
		const real = key !== undefined && key !== '';
		return {
			provider,
			target: real ? 'real' : 'simulator',
			credential: {
				id: provider.credentialId,
				name: `Demo ${provider.displayName} (${real ? `real API, ${provider.keyVariable}` : 'simulator'})`,
				type: provider.credentialType,
				data: real
					? { apiKey: key, baseUrl: provider.publicBaseUrl }
					: { apiKey: SIMULATOR_KEY, baseUrl: `${simulatorUrl}${provider.simulatorPath}` },
			},
		};
	});
}

/** execute-batch selects workflows by ids that contain a digit. */
export const DEMO_WORKFLOW_IDS = {
	batch: 'fusionDemoFlow001',
	panel: 'fusionDemoFlow002',
	chain: 'fusionDemoFlow003',
} as const;

/** The Fusion Chat nodes of each sample, in the order the headless run reports them. */
export const DEMO_CHAT_NODES: Record<keyof typeof DEMO_WORKFLOW_IDS, string[]> = {
	batch: ['Summarize Review'],
	panel: ['Ask the Panel'],
	chain: ['Write Tagline', 'Write Launch Post'],
};

export const REVIEWS = [
	{
		product: 'Trail Shoes',
		review: 'Great grip on wet rocks, but the laces come undone every few kilometres.',
	},
	{
		product: 'Espresso Grinder',
		review: 'Consistent grind and quiet, though cleaning the burrs takes far too long.',
	},
	{
		product: 'Desk Lamp',
		review: 'Warm light, sturdy arm; the touch switch sometimes ignores my finger.',
	},
	{
		product: 'Rain Jacket',
		review: 'Kept me dry through a storm and packs into its own pocket. Love it.',
	},
];

export const QUESTIONS = [
	{ question: 'What is the single most useful habit for writing maintainable code?' },
	{ question: 'Explain in two sentences why the sky is blue.' },
];

export const PRODUCT_IDEAS = [
	{ product: 'SolarMug', audience: 'campers' },
	{ product: 'QuietKeys', audience: 'people who share an office' },
];

const SIMULATOR_MODELS_NOTE =
	'**Simulator models.** Without API keys, every credential points at the bundled provider simulator. The model ' +
	'name tells it what to do: `sim-fail-<status>` answers that HTTP error, `sim-slow-<ms>` waits before answering, ' +
	'`sim-drip-<ms>` pauses between streamed chunks. Any other name gets a deterministic answer. With a real key, ' +
	'the provider refuses `sim-…` names, which fails over just the same.';

type Position = [number, number];

interface SampleNode {
	name: string;
	type: string;
	typeVersion: number;
	position: Position;
	parameters: INodeParameters;
	credentials?: INodeCredentials;
	notes?: string;
}

function sampleWorkflow(
	id: string,
	name: string,
	nodes: SampleNode[],
	links: Array<[string, string]>,
): WorkflowToImport {
	const connections: IConnections = {};
	for (const [from, to] of links) {
		const outputs = (connections[from] ??= { main: [[]] });
		outputs.main[0]?.push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name,
		active: false,
		nodes: nodes.map(
			({ notes, ...node }, index): INode => ({
				...node,
				id: `${id}-${index}`,
				...(notes === undefined ? {} : { notes, notesInFlow: true }),
			}),
		),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const stickyNote = (
	name: string,
	position: Position,
	width: number,
	height: number,
	content: string,
): SampleNode => ({
	name,
	type: 'n8n-nodes-base.stickyNote',
	typeVersion: 1,
	position,
	parameters: { content, width, height },
});

const manualTrigger = (position: Position): SampleNode => ({
	name: 'Run Now',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position,
	parameters: {},
});

const codeItems = (name: string, position: Position, items: object[]): SampleNode => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position,
	parameters: { jsCode: `return ${JSON.stringify(items, null, 2)}.map((json) => ({ json }));` },
});

const setFields = (
	name: string,
	position: Position,
	fields: Array<[string, 'string' | 'number', string]>,
): SampleNode => ({
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position,
	parameters: {
		assignments: {
			assignments: fields.map(([field, type, value], index) => ({
				id: `field-${index}`,
				name: field,
				type,
				value,
			})),
		},
		options: {},
	},
});

type Slots = Record<DemoProviderId, INodeCredentials>;

/** Node version 2, as the editor adds it: Simplify Output is on unless `parameters` turn it off. */
function fusionChat(
	name: string,
	position: Position,
	providers: DemoProviderId[],
	slots: Slots,
	parameters: INodeParameters,
	notes?: string,
): SampleNode {
	return {
		name,
		type: `${COMMUNITY_NODE_PREFIX}.fusionChat`,
		typeVersion: 2,
		position,
		parameters: { providers, inputMode: 'fields', ...parameters },
		credentials: Object.assign(
			{},
			...providers.map((provider) => slots[provider]),
		) as INodeCredentials,
		notes,
	};
}

function batchWithFallback(slots: Slots): WorkflowToImport {
	return sampleWorkflow(
		DEMO_WORKFLOW_IDS.batch,
		'Fusion demo 1: batch prompts with fallback',
		[
			stickyNote(
				'About This Workflow',
				[-40, -320],
				760,
				260,
				[
					'## Batch prompts with fallback',
					'Every morning (or now, with **Run Now**) each review gets summarized by **Fusion Chat**, one request per item.',
					'',
					'The first model, `openai/sim-fail-503`, is told to fail with HTTP 503: Fusion Chat retries it once (*Options → Max Retries*), then asks the fallback `anthropic/claude-haiku-4-5`. After 3 failures in a row the failing model is skipped for 30 s (*Concurrency* is 1 here so that you can watch it). Each item comes out as its `answer`, the `model` that answered, `cost_usd` and the `attempts` in one line; **Report** picks what the team needs. Change the model to `openai/gpt-4o-mini` and it answers at once.',
					'',
					SIMULATOR_MODELS_NOTE,
				].join('\n'),
			),
			{
				name: 'Every Morning',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { rule: { interval: [{ field: 'days', triggerAtHour: 8 }] } },
			},
			manualTrigger([0, 180]),
			codeItems('Customer Reviews', [240, 80], REVIEWS),
			fusionChat(
				'Summarize Review',
				[480, 80],
				['openai', 'anthropic', 'google'],
				slots,
				{
					model: modelById('openai/sim-fail-503'),
					fallbackModels: {
						models: [
							{ model: modelById('anthropic/claude-haiku-4-5') },
							{ model: modelById('google/gemini-2.5-flash') },
						],
					},
					prompt:
						'=Summarize this review of {{ $json.product }} in one short sentence: {{ $json.review }}',
					systemMessage: 'You summarize customer reviews for a product team.',
					parameters: { maxTokens: 60 },
					options: { maxRetries: 1, concurrency: 1 },
				},
				'sim-fail-503 fails on purpose; the fallback answers',
			),
			setFields(
				'Report',
				[720, 80],
				[
					['product', 'string', "={{ $('Customer Reviews').item.json.product }}"],
					['summary', 'string', '={{ $json.answer }}'],
					['answeredBy', 'string', '={{ $json.model }}'],
					['costUsd', 'number', '={{ $json.cost_usd }}'],
					['attempts', 'string', '={{ $json.attempts }}'],
				],
			),
		],
		[
			['Every Morning', 'Customer Reviews'],
			['Run Now', 'Customer Reviews'],
			['Customer Reviews', 'Summarize Review'],
			['Summarize Review', 'Report'],
		],
	);
}

function bestOfPanel(slots: Slots): WorkflowToImport {
	const panel = [
		'openai/gpt-4o-mini',
		'anthropic/claude-haiku-4-5',
		'google/gemini-2.5-flash',
		'mistral/mistral-small-latest',
	];
	return sampleWorkflow(
		DEMO_WORKFLOW_IDS.panel,
		'Fusion demo 2: best-of panel of models',
		[
			stickyNote(
				'About This Workflow',
				[-40, -300],
				760,
				240,
				[
					'## A best-of panel',
					'**Ask the Panel** sends each question to four models from four providers at once (*Strategy: Best Of*), then a judge model, `openai/gpt-4o-mini`, reads the numbered answers and names the best one.',
					'',
					"*Simplify Output* is off here, so the full response keeps every answer in `fusion.candidates` and sums every cost, the judge's too, in `fusion.cost_usd`. Try *Selection: Consensus* (no judge) or *Fastest*.",
					'',
					SIMULATOR_MODELS_NOTE,
				].join('\n'),
			),
			manualTrigger([0, 80]),
			codeItems('Questions', [240, 80], QUESTIONS),
			fusionChat(
				'Ask the Panel',
				[480, 80],
				['openai', 'anthropic', 'google', 'mistral'],
				slots,
				{
					strategy: 'best_of',
					candidates: { models: panel.map((id) => ({ model: modelById(id) })) },
					selection: 'judge',
					judgeModel: modelById('openai/gpt-4o-mini'),
					prompt: '={{ $json.question }}',
					parameters: { maxTokens: 200 },
					simplify: false,
					options: {},
				},
				'four models answer, a judge picks one',
			),
			setFields(
				'Verdict',
				[720, 80],
				[
					['question', 'string', "={{ $('Questions').item.json.question }}"],
					['bestAnswer', 'string', '={{ $json.choices[0].message.content }}'],
					['chosenModel', 'string', '={{ $json.model }}'],
					['panel', 'string', "={{ $json.fusion.candidates.map(c => c.model).join(', ') }}"],
					['costUsd', 'number', '={{ $json.fusion.cost_usd }}'],
				],
			),
		],
		[
			['Run Now', 'Questions'],
			['Questions', 'Ask the Panel'],
			['Ask the Panel', 'Verdict'],
		],
	);
}

function promptChain(slots: Slots): WorkflowToImport {
	return sampleWorkflow(
		DEMO_WORKFLOW_IDS.chain,
		'Fusion demo 3: a chain of prompts',
		[
			stickyNote(
				'About This Workflow',
				[-40, -320],
				1000,
				260,
				[
					'## A chain: each answer feeds the next step',
					'**Write Tagline** asks `mistral/sim-slow-4000`, told to take 4 s. *Hedge After* is 1000 ms: after a second Fusion Chat also asks the fallback `mistral/mistral-small-latest`, keeps the first answer and stops the slow call.',
					'',
					'**Write Launch Post** puts that tagline into its own prompt with `{{ $json.answer }}` and asks OpenRouter; **Launch Kit** collects both answers and adds up their cost.',
					'',
					SIMULATOR_MODELS_NOTE,
				].join('\n'),
			),
			manualTrigger([0, 80]),
			codeItems('Product Ideas', [240, 80], PRODUCT_IDEAS),
			fusionChat(
				'Write Tagline',
				[480, 80],
				['mistral'],
				slots,
				{
					model: modelById('mistral/sim-slow-4000'),
					fallbackModels: { models: [{ model: modelById('mistral/mistral-small-latest') }] },
					hedgeAfterMs: 1000,
					prompt:
						'=Write a five-word tagline for {{ $json.product }}, made for {{ $json.audience }}.',
					parameters: { maxTokens: 30 },
					options: {},
				},
				'slow model, hedged after 1 s',
			),
			fusionChat(
				'Write Launch Post',
				[720, 80],
				['openrouter'],
				slots,
				{
					model: modelById('openrouter/openai/gpt-4o-mini'),
					prompt:
						"=Write a two-sentence launch post for {{ $('Product Ideas').item.json.product }} around this tagline: {{ $json.answer }}",
					parameters: { maxTokens: 120 },
					options: {},
				},
				'uses the tagline from the step before',
			),
			setFields(
				'Launch Kit',
				[960, 80],
				[
					['product', 'string', "={{ $('Product Ideas').item.json.product }}"],
					['tagline', 'string', "={{ $('Write Tagline').item.json.answer }}"],
					['post', 'string', '={{ $json.answer }}'],
					['costUsd', 'number', "={{ $('Write Tagline').item.json.cost_usd + $json.cost_usd }}"],
				],
			),
		],
		[
			['Run Now', 'Product Ideas'],
			['Product Ideas', 'Write Tagline'],
			['Write Tagline', 'Write Launch Post'],
			['Write Launch Post', 'Launch Kit'],
		],
	);
}

export function demoWorkflows(connections: DemoConnection[]): WorkflowToImport[] {
	const slots = Object.fromEntries(
		connections.map(({ provider, credential }) => [
			provider.id,
			{ [credential.type]: { id: credential.id, name: credential.name } },
		]),
	) as Slots;
	return [batchWithFallback(slots), bestOfPanel(slots), promptChain(slots)];
}
