/**
 * The strategy workflows of the end-to-end suite: best_of with a judge and with a fuser (form fields: the
 * strategy dropdown, the candidate list, the judge or fuser), cost_optimized with failover in price order and hedged fallback (JSON mode).
 */
import type { INodeCredentials } from 'n8n-workflow';
import {
	forModel,
	type MockProviderServer,
	type MockReply,
	type RecordedRequest,
} from '../mock-provider/mock-provider-server';
import { COMMUNITY_NODE_PREFIX } from '../n8n/fusion-package';
import {
	codeItems,
	fusionChat,
	jsonModeParameters,
	linearWorkflow,
	manualTrigger,
	modelById,
	requestItems,
	type WorkflowToImport,
} from '../n8n/workflow-builder';
import type { CredentialSpec } from './fusion-chat-workflows';

export const STRATEGY_WORKFLOW_IDS = {
	bestOf: 'e2eFusionChat008',
	costOptimized: 'e2eFusionChat009',
	hedged: 'e2eFusionChat010',
	fuse: 'e2eFusionChat013',
} as const;

export const STRATEGY_MOCK_PATHS = {
	bestOf: '/best-of',
	costOptimized: '/cost-optimized',
	hedged: '/hedged',
	fuse: '/fuse',
} as const;

export const STRATEGY_CREDENTIALS = {
	bestOfOpenAi: {
		id: 'e2eCredential0201',
		type: 'fusionOpenAiApi',
		path: STRATEGY_MOCK_PATHS.bestOf,
		withV1: true,
	},
	bestOfAnthropic: {
		id: 'e2eCredential0202',
		type: 'fusionAnthropicApi',
		path: STRATEGY_MOCK_PATHS.bestOf,
		withV1: false,
	},
	bestOfGemini: {
		id: 'e2eCredential0203',
		type: 'fusionGoogleGeminiApi',
		path: STRATEGY_MOCK_PATHS.bestOf,
		withV1: false,
	},
	costOpenAi: {
		id: 'e2eCredential0204',
		type: 'fusionOpenAiApi',
		path: STRATEGY_MOCK_PATHS.costOptimized,
		withV1: true,
	},
	costAnthropic: {
		id: 'e2eCredential0205',
		type: 'fusionAnthropicApi',
		path: STRATEGY_MOCK_PATHS.costOptimized,
		withV1: false,
	},
	costGemini: {
		id: 'e2eCredential0206',
		type: 'fusionGoogleGeminiApi',
		path: STRATEGY_MOCK_PATHS.costOptimized,
		withV1: false,
	},
	costMistral: {
		id: 'e2eCredential0207',
		type: 'fusionMistralApi',
		path: STRATEGY_MOCK_PATHS.costOptimized,
		withV1: true,
	},
	hedgedOpenAi: {
		id: 'e2eCredential0208',
		type: 'fusionOpenAiApi',
		path: STRATEGY_MOCK_PATHS.hedged,
		withV1: true,
	},
	hedgedAnthropic: {
		id: 'e2eCredential0209',
		type: 'fusionAnthropicApi',
		path: STRATEGY_MOCK_PATHS.hedged,
		withV1: false,
	},
	fuseOpenAi: {
		id: 'e2eCredential0210',
		type: 'fusionOpenAiApi',
		path: STRATEGY_MOCK_PATHS.fuse,
		withV1: true,
	},
} satisfies Record<string, CredentialSpec>;

type StrategyCredentialName = keyof typeof STRATEGY_CREDENTIALS;

export const BEST_OF_QUESTION = 'Which planet is the largest?';
export const BEST_OF_CANDIDATES = [
	'openai/gpt-4o-mini',
	'anthropic/claude-haiku-4-5',
	'google/gemini-2.5-flash',
] as const;
/** Not a candidate, so the mock tells the judge's call from the candidates' by the model in the body. */
export const JUDGE_MODEL = 'openai/gpt-4.1-mini';
/**
 * The judge names the third answer. Consensus, the fallback for an unusable verdict, would keep the second
 * (its words overlap the others' as much as the third's do, and ties go to the earlier), so the winner shows
 * that the verdict was followed.
 */
export const JUDGE_VERDICT = 3;
export const JUDGE_USAGE = { prompt_tokens: 150, completion_tokens: 1, total_tokens: 151 };

/** Listed in an order that is not the price order, so that following the list would show. */
const COST_OPTIMIZED_MODELS = [
	'anthropic/claude-haiku-4-5',
	'openai/gpt-4o-mini',
	'mistral/mistral-small-latest',
	'google/gemini-2.5-flash',
];
/** Cheapest first for a short request without max_tokens: the completion price decides. */
export const COST_ORDER = [
	'mistral/mistral-small-latest',
	'openai/gpt-4o-mini',
	'google/gemini-2.5-flash',
	'anthropic/claude-haiku-4-5',
];
/** The first item finds the cheapest model well; for the second, every model but the dearest is overloaded. */
export const COST_PROMPTS = ['Name a prime number', 'Name an even number'];

export const FUSE_QUESTION = 'Name three moons of Jupiter.';
/** A panel of three cheap models, each with its own answer and latency, and a stronger fuser. */
export const FUSE_PANEL = [
	{ model: 'openai/gpt-4o-mini', content: 'Io, Europa and Ganymede.', delayMs: 400 },
	{ model: 'openai/gpt-4.1-nano', content: 'Callisto, Io, Europa.', delayMs: 600 },
	{ model: 'openai/gpt-4.1-mini', content: 'Ganymede, Callisto and Amalthea.', delayMs: 800 },
] as const;
export const FUSER_MODEL = 'openai/gpt-4.1';
export const FUSED_ANSWER = 'Io, Europa and Ganymede (Callisto too).';
export const PANEL_USAGE = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 };
export const FUSER_USAGE = { prompt_tokens: 160, completion_tokens: 12, total_tokens: 172 };

export const HEDGE_AFTER_MS = 200;
/** Long enough that an answer in about the hedge delay can only have come from the backup. */
export const PRIMARY_DELAY_MS = 6_000;
export const HEDGED_MODELS = ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] as const;
export const HEDGED_PROMPT = 'Answer even though the first model is slow';

const under = (prefix: string) => (request: RecordedRequest) =>
	request.path.startsWith(`${prefix}/`);
const asking = (prompt: string) => (request: RecordedRequest) =>
	JSON.stringify(request.body).includes(prompt);

const openAiCompletion = (
	model: string,
	content: string,
	usage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
): MockReply => ({
	json: {
		id: `chatcmpl-${model}`,
		object: 'chat.completion',
		created: 1_700_000_000,
		model,
		choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
		usage,
	},
});

const overloadedOpenAiStyle: MockReply = {
	status: 503,
	json: { error: { message: 'The engine is currently overloaded', type: 'server_error' } },
};
const overloadedGemini: MockReply = {
	status: 503,
	json: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
};

const upstreamOf = (fusionId: string) => fusionId.slice(fusionId.indexOf('/') + 1);

export function scriptStrategyReplies(mock: MockProviderServer): void {
	const judgeUpstream = upstreamOf(JUDGE_MODEL);
	mock.reply(
		(request) => under(STRATEGY_MOCK_PATHS.bestOf)(request) && forModel(judgeUpstream)(request),
		openAiCompletion(judgeUpstream, String(JUDGE_VERDICT), JUDGE_USAGE),
	);

	const failing = (request: RecordedRequest) =>
		under(STRATEGY_MOCK_PATHS.costOptimized)(request) && asking(COST_PROMPTS[1])(request);
	mock.reply(
		(request) => failing(request) && forModel('mistral-small-latest')(request),
		overloadedOpenAiStyle,
	);
	mock.reply(
		(request) => failing(request) && forModel('gpt-4o-mini')(request),
		overloadedOpenAiStyle,
	);
	mock.reply(
		(request) => failing(request) && request.path.includes('/models/gemini-2.5-flash:'),
		overloadedGemini,
	);

	const fuse = (model: string) => (request: RecordedRequest) =>
		under(STRATEGY_MOCK_PATHS.fuse)(request) && forModel(upstreamOf(model))(request);
	for (const member of FUSE_PANEL) {
		mock.reply(fuse(member.model), {
			...openAiCompletion(upstreamOf(member.model), member.content, PANEL_USAGE),
			delayMs: member.delayMs,
		});
	}
	mock.reply(
		fuse(FUSER_MODEL),
		openAiCompletion(upstreamOf(FUSER_MODEL), FUSED_ANSWER, FUSER_USAGE),
	);

	mock.reply(`${STRATEGY_MOCK_PATHS.hedged}/v1/chat/completions`, {
		...openAiCompletion('gpt-4o', 'The primary, too late'),
		delayMs: PRIMARY_DELAY_MS,
	});
}

export function strategyWorkflows(
	slot: (name: StrategyCredentialName) => INodeCredentials,
): WorkflowToImport[] {
	const messages = (content: string) => [{ role: 'user', content }];
	return [
		linearWorkflow(
			STRATEGY_WORKFLOW_IDS.bestOf,
			'Fusion Chat e2e: best_of with a judge model, form fields',
			[
				manualTrigger(),
				codeItems('Questions', [{ question: BEST_OF_QUESTION }]),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						providers: ['openai', 'anthropic', 'google'],
						inputMode: 'fields',
						strategy: 'best_of',
						candidates: { models: BEST_OF_CANDIDATES.map((id) => ({ model: modelById(id) })) },
						selection: 'judge',
						judgeModel: modelById(JUDGE_MODEL),
						prompt: '={{ $json.question }}',
						options: {},
					},
					credentials: {
						...slot('bestOfOpenAi'),
						...slot('bestOfAnthropic'),
						...slot('bestOfGemini'),
					},
				}),
			],
		),
		linearWorkflow(
			STRATEGY_WORKFLOW_IDS.fuse,
			'Fusion Chat e2e: best_of fused by a stronger model, form fields',
			[
				manualTrigger(),
				codeItems('Questions', [{ question: FUSE_QUESTION }]),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						providers: ['openai'],
						inputMode: 'fields',
						strategy: 'best_of',
						candidates: { models: FUSE_PANEL.map(({ model }) => ({ model: modelById(model) })) },
						selection: 'fuse',
						judgeModel: modelById(FUSER_MODEL),
						prompt: '={{ $json.question }}',
						options: {},
					},
					credentials: slot('fuseOpenAi'),
				}),
			],
		),
		linearWorkflow(
			STRATEGY_WORKFLOW_IDS.costOptimized,
			'Fusion Chat e2e: cost_optimized, failing over in price order',
			[
				manualTrigger(),
				requestItems(
					'Requests',
					COST_PROMPTS.map((prompt) => ({
						model: { strategy: 'cost_optimized', models: COST_OPTIMIZED_MODELS },
						messages: messages(prompt),
					})),
				),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: jsonModeParameters(['openai', 'anthropic', 'google', 'mistral'], {
						// One call per failing model: retried 503s would cost backoff time and, at three failures in
						// a row, cool the model down for the rest of the n8n process.
						maxRetries: 0,
					}),
					credentials: {
						...slot('costOpenAi'),
						...slot('costAnthropic'),
						...slot('costGemini'),
						...slot('costMistral'),
					},
				}),
			],
		),
		linearWorkflow(
			STRATEGY_WORKFLOW_IDS.hedged,
			'Fusion Chat e2e: hedged fallback past a slow primary',
			[
				manualTrigger(),
				fusionChat({
					nodeTypePrefix: COMMUNITY_NODE_PREFIX,
					parameters: {
						providers: ['openai', 'anthropic'],
						inputMode: 'json',
						// Typed into the node rather than an expression, as a user pastes a request.
						requestJson: JSON.stringify(
							{
								model: {
									strategy: 'fallback',
									models: HEDGED_MODELS,
									hedge_after_ms: HEDGE_AFTER_MS,
								},
								messages: messages(HEDGED_PROMPT),
							},
							null,
							2,
						),
						options: {},
					},
					credentials: { ...slot('hedgedOpenAi'), ...slot('hedgedAnthropic') },
				}),
			],
		),
	];
}
