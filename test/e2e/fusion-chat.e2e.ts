/**
 * A real n8n 2.x loads the packed package, installed as n8n installs it, and runs workflows headless against
 * the mock provider on loopback. n8n boots four times in all: credentials import, workflows import, one
 * execute-batch for the workflows that succeed, one execute for the one that must fail.
 */
import type { IDataObject, IRun } from 'n8n-workflow';
import {
	forModel,
	MockProviderServer,
	type RecordedRequest,
} from '../mock-provider/mock-provider-server';
import { simulatedAnswerText, simulateProviderReply } from '../mock-provider/provider-simulator';
import {
	loadInstalledPackageAlone,
	prepareUserFolder,
	type PreparedUserFolder,
	type StandaloneLoad,
} from '../n8n/fusion-package';
import { N8nCli, type BatchExecution } from '../n8n/n8n-cli';
import { ensureN8nInstalled } from '../n8n/n8n-install';
import { nodeOutput, nodeTiming, outputJson, successfulRunIn } from '../n8n/run-data';
import {
	buildE2eSetup,
	FAILING_MODEL,
	FALLBACK_PROMPTS,
	JSON_REQUESTS,
	MIXED_JSON_REQUESTS,
	MIXED_PROMPTS,
	MOCK_PATHS,
	SIMPLIFIED_FAILING_MODEL,
	SIMPLIFIED_PROMPTS,
	STOP_ON_ERROR_REQUESTS,
	TICKET_PROMPT_PREFIX,
	TICKETS,
	WORKFLOW_IDS,
	type E2eSetup,
} from './fusion-chat-workflows';
import {
	FILTERED_MAX_PROMPT_PRICE,
	FILTERED_PROVIDER,
	LIVE_LISTS,
	REFUSING_PROVIDER,
	scriptModelsReplies,
} from './fusion-models-workflows';
import {
	BEST_OF_CANDIDATES,
	BEST_OF_QUESTION,
	COST_ORDER,
	COST_PROMPTS,
	FUSE_PANEL,
	FUSE_QUESTION,
	FUSED_ANSWER,
	FUSER_MODEL,
	FUSER_USAGE,
	HEDGE_AFTER_MS,
	HEDGED_MODELS,
	HEDGED_PROMPT,
	JUDGE_MODEL,
	JUDGE_USAGE,
	JUDGE_VERDICT,
	PANEL_USAGE,
	PRIMARY_DELAY_MS,
	scriptStrategyReplies,
} from './fusion-strategies-workflows';

const SETUP_TIMEOUT_MS = 30 * 60_000;

let mock: MockProviderServer;
let prepared: PreparedUserFolder;
let n8n: N8nCli;
let setup: E2eSetup;
// Outcomes are kept, failures included, so that each test reports its own cause instead of one for all.
let standalone: StandaloneLoad | Error;
let batch: Map<string, BatchExecution>;
let stopped: IRun | Error;
let abortTimes: AbortWatch;

interface AbortWatch {
	/** When the mock first saw the client close this request before the reply was complete. */
	abortedAt(request: RecordedRequest): number | undefined;
	/** When watching stopped: n8n had exited. */
	stoppedAt?: number;
	stop(): void;
}

/**
 * The mock records that a call was aborted, not when. Every call still open when n8n exits ends up aborted
 * too, so only the time tells a hedge that stopped the slower call from one that left it running.
 */
function watchAborts(server: MockProviderServer, everyMs = 10): AbortWatch {
	const seen = new Map<RecordedRequest, number>();
	const timer = setInterval(() => {
		for (const request of server.requests)
			if (request.abortedByClient && !seen.has(request)) seen.set(request, Date.now());
	}, everyMs);
	const watch: AbortWatch = {
		abortedAt: (request) => seen.get(request),
		stop: () => {
			clearInterval(timer);
			watch.stoppedAt ??= Date.now();
		},
	};
	return watch;
}

const keyEcho = (key: string) => ({
	error: {
		message: `Incorrect API key provided: ${key}`,
		type: 'invalid_request_error',
		code: 'invalid_api_key',
	},
});

beforeAll(async () => {
	const installation = await ensureN8nInstalled();
	mock = await MockProviderServer.start();
	setup = buildE2eSetup(mock.url);
	const { apiKeys } = setup;

	// Providers that echo the key back in their error bodies, as real ones do.
	const serverError = {
		status: 500,
		json: {
			error: {
				message: `The server had an error (key ${apiKeys.fallbackOpenAi})`,
				type: 'server_error',
			},
		},
	};
	mock.reply(
		`${MOCK_PATHS.fallback}/v1/chat/completions`,
		...FALLBACK_PROMPTS.flatMap(() => [serverError, serverError]),
	);
	mock.reply(`${MOCK_PATHS.unauthorized}/v1/chat/completions`, {
		status: 401,
		json: keyEcho(apiKeys.unauthorizedMistral),
	});
	mock.reply(`${MOCK_PATHS.stopUnauthorized}/v1/chat/completions`, {
		status: 401,
		json: keyEcho(apiKeys.stopUnauthorizedMistral),
	});
	scriptStrategyReplies(mock);
	scriptModelsReplies(mock, apiKeys.liveXai);

	prepared = await prepareUserFolder();
	standalone = await loadInstalledPackageAlone(prepared.communityPackageDir, installation).catch(
		(error: Error) => error,
	);
	n8n = new N8nCli(installation, prepared.userFolder);
	await n8n.importCredentials(setup.credentials);
	await n8n.importWorkflows(setup.workflows);
	const { stopOnError, ...succeeding } = WORKFLOW_IDS;
	abortTimes = watchAborts(mock);
	batch = await n8n.executeBatch(Object.values(succeeding)).finally(() => abortTimes.stop());
	stopped = await n8n.execute(stopOnError).catch((error: Error) => error);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	abortTimes?.stop();
	await mock?.close();
	prepared?.remove();
});

function outcome<T>(value: T | Error): T {
	if (value instanceof Error) throw value;
	return value;
}

const successfulRun = (workflowId: string): IRun => successfulRunIn(batch, workflowId);

const requestsUnder = (prefix: string): RecordedRequest[] =>
	mock.requests.filter((request) => request.path.startsWith(`${prefix}/`));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The simulator answers "[<upstream model>] answer to: <prompt>"; the catalog may send a dated model name. */
function expectSimulatedAnswer(
	content: unknown,
	upstreamModelPrefix: string,
	prompt: string,
): void {
	const answer = simulatedAnswerText('MODEL', prompt).replace('[MODEL]', '');
	expect(content).toMatch(
		new RegExp(`^\\[${escapeRegExp(upstreamModelPrefix)}[^\\]]*\\]${escapeRegExp(answer)}$`),
	);
}

const content = (item: IDataObject) =>
	(item.choices as Array<{ message: { content: string } }>)[0].message.content;
const fusionOf = (item: IDataObject) => item.fusion as IDataObject & { attempts: IDataObject[] };
/** Each attempt as [model, status, HTTP status of its error]. */
const attemptOutcomes = (item: IDataObject) =>
	(fusionOf(item).attempts as Array<{ model: string; status: string; error?: IDataObject }>).map(
		(attempt) => [attempt.model, attempt.status, attempt.error?.http_status],
	);

/** The model name sent upstream, for ids the catalog sends as written (`openai/gpt-4o-mini` → `gpt-4o-mini`). */
const upstreamName = (fusionId: string) => fusionId.slice(fusionId.indexOf('/') + 1);

/** The model a recorded call asked for: in the body for OpenAI and Anthropic, in the path for Gemini. */
function upstreamModelOf(request: RecordedRequest): string | undefined {
	const inBody = (request.body as { model?: string }).model;
	return inBody ?? /\/models\/([^/:]+):/.exec(request.path)?.[1];
}

interface ModelPricing {
	prompt_tokens: number;
	completion_tokens: number;
}

/** The bundled catalog as Fusion Models listed it in n8n: prices come from there, not from constants here. */
const catalogModels = () => outputJson(successfulRun(WORKFLOW_IDS.modelsCatalog), 'Fusion Models');

function catalogPricing(id: string): ModelPricing {
	const model = catalogModels().find((candidate) => candidate.id === id);
	if (model === undefined) throw new Error(`the catalog Fusion Models listed has no ${id}`);
	return model.pricing as ModelPricing;
}

interface ListedEntry {
	id: string;
	pricing?: { prompt?: string; completion?: string };
}

/**
 * The models the mock listed for a recorded model-list request: the simulator answers each one the same
 * way every time, so asking it again gives the very list n8n read.
 */
function listedBy(request: RecordedRequest | undefined): ListedEntry[] {
	if (request === undefined) throw new Error('the model list was never asked for');
	const reply = simulateProviderReply(request);
	if (!('json' in reply)) throw new Error(`the mock answered ${request.path} without a JSON body`);
	const body = reply.json as
		| ListedEntry[]
		| { data?: ListedEntry[]; models?: Array<{ name: string }> };
	if (Array.isArray(body)) return body;
	// Gemini names its models `models/<id>`; the others give ids.
	return (
		body.data ?? (body.models ?? []).map(({ name }) => ({ id: name.replace(/^models\//, '') }))
	);
}

describe('the packed package, installed as n8n installs it', () => {
	it('loads its nodes and credentials with nothing but n8n-workflow beside it', () => {
		const { nodes, credentials, credentialsUsedByNodes } = outcome(standalone);
		expect(nodes).toContain('fusionChat');
		expect(credentials).toEqual(expect.arrayContaining(credentialsUsedByNodes));
	});
});

describe('Fusion Chat in n8n', () => {
	it('answers every item in fields mode, in input order, and the next node uses the answer', () => {
		const run = successfulRun(WORKFLOW_IDS.fields);
		const answers = outputJson(run, 'Fusion Chat');
		expect(answers).toHaveLength(TICKETS.length);
		answers.forEach((answer, index) => {
			expectSimulatedAnswer(
				content(answer),
				'gpt-4o-mini',
				`${TICKET_PROMPT_PREFIX}${TICKETS[index].text}`,
			);
			expect(answer).toMatchObject({
				object: 'chat.completion',
				model: 'openai/gpt-4o-mini',
				fusion: { provider: 'openai' },
			});
			expect(fusionOf(answer).attempts).toEqual([
				expect.objectContaining({ model: 'openai/gpt-4o-mini', status: 'ok' }),
			]);
		});
		expect(nodeOutput(run, 'Fusion Chat').map((item) => item.pairedItem)).toEqual(
			TICKETS.map((_, index) => ({ item: index })),
		);

		expect(outputJson(run, 'Use Answer')).toEqual(
			TICKETS.map(({ ticket }, index) => ({
				ticket,
				summary: `Triage for ${ticket}: ${content(answers[index])}`,
			})),
		);

		const sent = requestsUnder(MOCK_PATHS.fields);
		expect(sent.map((request) => request.path)).toEqual(
			TICKETS.map(() => '/fields/v1/chat/completions'),
		);
		for (const request of sent) {
			expect(request.headers.authorization).toBe(`Bearer ${setup.apiKeys.fieldsOpenAi}`);
			expect(request.body).toMatchObject({
				model: 'gpt-4o-mini',
				messages: [{ role: 'system', content: 'You triage support tickets.' }, { role: 'user' }],
			});
		}
	});

	it('runs the same way from ~/.n8n/custom, as CUSTOM.fusionChat', () => {
		const run = successfulRun(WORKFLOW_IDS.customFolder);
		expect(outputJson(run, 'Use Answer').map((item) => item.ticket)).toEqual(
			TICKETS.map(({ ticket }) => ticket),
		);
		expect(requestsUnder(MOCK_PATHS.customFolder)).toHaveLength(TICKETS.length);
	});

	it('sends JSON-mode requests in each provider’s own wire format and answers in the OpenAI shape', () => {
		const answers = outputJson(successfulRun(WORKFLOW_IDS.json), 'Fusion Chat');
		expect(answers.map((answer) => [answer.model, fusionOf(answer).provider])).toEqual([
			['anthropic/claude-haiku-4-5', 'anthropic'],
			['google/gemini-2.5-flash', 'google'],
			['openai/gpt-4o-mini', 'openai'],
		]);
		expectSimulatedAnswer(content(answers[0]), 'claude-haiku-4-5', 'Say hello');
		expectSimulatedAnswer(content(answers[1]), 'gemini-2.5-flash', 'Name a colour');
		expectSimulatedAnswer(content(answers[2]), 'gpt-4o-mini', 'Count to three');
		for (const answer of answers)
			expect(answer.choices).toEqual([expect.objectContaining({ finish_reason: 'stop' })]);

		const sent = requestsUnder(MOCK_PATHS.json);
		const anthropic = sent.find((request) => request.path === '/json/v1/messages');
		expect(anthropic?.headers).toMatchObject({
			'x-api-key': setup.apiKeys.jsonAnthropic,
			'anthropic-version': expect.any(String),
		});
		expect(anthropic?.body).toMatchObject({
			system: expect.stringContaining('Answer in French.'),
			max_tokens: JSON_REQUESTS[0].max_tokens,
		});
		const gemini = sent.find((request) =>
			request.path.startsWith('/json/v1beta/models/gemini-2.5-flash'),
		);
		expect(gemini?.path).toBe('/json/v1beta/models/gemini-2.5-flash:generateContent');
		expect(gemini?.headers['x-goog-api-key']).toBe(setup.apiKeys.jsonGemini);
		const openai = sent.find((request) => request.path === '/json/v1/chat/completions');
		expect(openai?.body).toMatchObject({ model: 'gpt-4o-mini', stop: ['4'] });
	});

	it('falls back to the next model after the first fails and its retries run out', () => {
		const answers = outputJson(successfulRun(WORKFLOW_IDS.fallback), 'Fusion Chat');
		expect(answers).toHaveLength(FALLBACK_PROMPTS.length);
		answers.forEach((answer, index) => {
			expect(answer.model).toBe('anthropic/claude-haiku-4-5');
			expectSimulatedAnswer(content(answer), 'claude-haiku-4-5', FALLBACK_PROMPTS[index]);
			expect(attemptOutcomes(answer)).toEqual([
				[FAILING_MODEL, 'error', 500],
				[FAILING_MODEL, 'error', 500],
				['anthropic/claude-haiku-4-5', 'ok', undefined],
			]);
		});
		expect(
			requestsUnder(MOCK_PATHS.fallback)
				.map((request) => request.path)
				.sort(),
		).toEqual(
			[
				...FALLBACK_PROMPTS.map(() => '/fallback/v1/messages'),
				...Array(4).fill('/fallback/v1/chat/completions'),
			].sort(),
		);
	});

	it('with continue on fail, turns a bad JSON request and a refused one into {error} items while the others answer', () => {
		const items = nodeOutput(successfulRun(WORKFLOW_IDS.continueOnFailJson), 'Fusion Chat');
		expect(items.map((item) => item.pairedItem)).toEqual(
			MIXED_JSON_REQUESTS.map((_, index) => ({ item: index })),
		);
		const [first, badRole, refused, fourth] = items.map((item) => item.json);
		expectSimulatedAnswer(content(first), 'gpt-4o-mini', 'First question');
		expectSimulatedAnswer(content(fourth), 'gpt-4o-mini', 'Fourth question');

		expect(badRole.choices).toBeUndefined();
		expect(badRole.error).toEqual(expect.stringMatching(/messages.*role|role.*messages/s));
		expect(refused.choices).toBeUndefined();
		expect(refused.error).toEqual(expect.any(String));
		expect(fusionOf(refused).attempts).toEqual([
			expect.objectContaining({
				model: 'mistral/mistral-small-latest',
				status: 'error',
				error: expect.objectContaining({ http_status: 401 }),
			}),
		]);

		const prompts = requestsUnder(MOCK_PATHS.mixedJson).map((request) =>
			JSON.stringify(request.body),
		);
		expect(prompts).toHaveLength(2);
		expect(prompts.join()).not.toContain('Beep');
		expect(requestsUnder(MOCK_PATHS.unauthorized)).toHaveLength(1);
	});

	it('with continue on fail, turns an empty prompt into an {error} item that the next node can handle', () => {
		const run = successfulRun(WORKFLOW_IDS.continueOnFailFields);
		const results = outputJson(run, 'Answer Or Error').map((item) => item.result as string);
		expectSimulatedAnswer(results[0], 'gpt-4o-mini', MIXED_PROMPTS[0]);
		expect(results[1]).toMatch(/^failed: .*Prompt is empty/);
		expectSimulatedAnswer(results[2], 'gpt-4o-mini', MIXED_PROMPTS[2]);
		expect(requestsUnder(MOCK_PATHS.mixedFields)).toHaveLength(2);
	});

	it('without continue on fail, stops the workflow at an item every model refused, naming the item', () => {
		const { error, lastNodeExecuted } = outcome(stopped).data.resultData;
		expect(lastNodeExecuted).toBe('Fusion Chat');
		expect(error).toBeDefined();
		expect(error?.message).toMatch(/failed/i);
		expect(JSON.stringify(error)).toContain('mistral/mistral-small-latest');
		expect((error as unknown as { context?: IDataObject }).context?.itemIndex).toBe(
			STOP_ON_ERROR_REQUESTS.length - 1,
		);
		expect(requestsUnder(MOCK_PATHS.stopUnauthorized)).toHaveLength(1);
	});

	it('runs a node saved by version 1 whose Providers n8n’s editor wrote as one string', () => {
		const run = successfulRun(WORKFLOW_IDS.savedWithOneProvider);
		const [answer] = outputJson(run, 'Fusion Chat');
		expectSimulatedAnswer(content(answer), 'gpt-4o-mini', TICKETS[0].text);
		expect(answer).toMatchObject({ object: 'chat.completion', model: 'openai/gpt-4o-mini' });
		expect(requestsUnder(MOCK_PATHS.savedWithOneProvider).map((request) => request.path)).toEqual([
			'/saved-one-provider/v1/chat/completions',
		]);
	});

	it('version 2 gives the simplified output, which the next node reads as $json.answer', () => {
		const run = successfulRun(WORKFLOW_IDS.simplified);
		const answers = outputJson(run, 'Fusion Chat');
		expect(answers.map((answer) => Object.keys(answer))).toEqual(
			SIMPLIFIED_PROMPTS.map(() => [
				'answer',
				'model',
				'finish_reason',
				'cost_usd',
				'total_tokens',
				'latency_ms',
				'attempts',
			]),
		);
		answers.forEach((answer, index) => {
			expectSimulatedAnswer(answer.answer, 'claude-haiku-4-5', SIMPLIFIED_PROMPTS[index]);
			expect(answer).toMatchObject({ model: 'anthropic/claude-haiku-4-5', finish_reason: 'stop' });
			expect(answer.cost_usd).toBeGreaterThan(0);
		});
		expect(answers[0].attempts).toBe(
			`${SIMPLIFIED_FAILING_MODEL}: HTTP 503 → anthropic/claude-haiku-4-5: ok`,
		);
		expect(outputJson(run, 'Use Answer').map((item) => item.line)).toEqual(
			answers.map(
				(answer) =>
					`anthropic/claude-haiku-4-5 said: ${String(answer.answer)} (${String(answer.attempts)})`,
			),
		);
	});

	it('never lets an API key into run data, errors or n8n’s logs, even when a provider echoes it', () => {
		const stoppedText = stopped instanceof Error ? stopped.message : JSON.stringify(stopped);
		const everything = JSON.stringify([...batch.values()]) + stoppedText + n8n.logs.join('\n');
		const sentHeaders = JSON.stringify(mock.requests.map((request) => request.headers));
		for (const key of Object.values(setup.apiKeys)) {
			// Every key did reach its provider, so its absence below is not a search for the wrong text.
			expect(sentHeaders).toContain(key);
			expect(everything).not.toContain(key);
		}
	});
});

describe('Fusion Chat strategies in n8n', () => {
	it('best_of asks every candidate, keeps the answer the judge model names, and sums every cost, the judge’s too', () => {
		const [answer, ...others] = outputJson(successfulRun(WORKFLOW_IDS.bestOf), 'Fusion Chat');
		expect(others).toEqual([]);
		const winner = BEST_OF_CANDIDATES[JUDGE_VERDICT - 1];
		expect(answer.model).toBe(winner);
		expectSimulatedAnswer(content(answer), upstreamName(winner), BEST_OF_QUESTION);
		const fusion = fusionOf(answer);
		expect(fusion).toMatchObject({
			strategy: 'best_of',
			provider: 'google',
			selection: `judge ${JUDGE_MODEL}`,
		});

		const candidates = fusion.candidates as Array<{
			model: string;
			status: string;
			content: string;
			score?: number;
			cost_usd: number | null;
		}>;
		// 1 for the verdict and 0 for the rest: consensus would have scored every answer by its overlap instead.
		expect(candidates.map(({ model, status, score }) => [model, status, score])).toEqual(
			BEST_OF_CANDIDATES.map((model) => [model, 'ok', model === winner ? 1 : 0]),
		);
		for (const candidate of candidates) {
			expectSimulatedAnswer(candidate.content, upstreamName(candidate.model), BEST_OF_QUESTION);
			expect(candidate.cost_usd).toBeGreaterThan(0);
		}
		const judgePrice = catalogPricing(JUDGE_MODEL);
		const judgeCost =
			(JUDGE_USAGE.prompt_tokens * judgePrice.prompt_tokens +
				JUDGE_USAGE.completion_tokens * judgePrice.completion_tokens) /
			1000;
		const candidatesCost = candidates.reduce(
			(sum, candidate) => sum + (candidate.cost_usd ?? 0),
			0,
		);
		expect(fusion.cost_usd).toBeCloseTo(candidatesCost + judgeCost, 9);
		expect(fusion.attempts).toHaveLength(BEST_OF_CANDIDATES.length + 1);
		expect(fusion.attempts.map((attempt) => [attempt.model, attempt.status])).toEqual(
			expect.arrayContaining([...BEST_OF_CANDIDATES, JUDGE_MODEL].map((model) => [model, 'ok'])),
		);

		const sent = requestsUnder(MOCK_PATHS.bestOf);
		expect(sent.map(upstreamModelOf).sort()).toEqual(
			[...BEST_OF_CANDIDATES, JUDGE_MODEL].map(upstreamName).sort(),
		);
		const judgeCall = sent.find(forModel(upstreamName(JUDGE_MODEL)));
		expect(judgeCall?.path).toBe(`${MOCK_PATHS.bestOf}/v1/chat/completions`);
		const judgePrompt = JSON.stringify(judgeCall?.body);
		for (const candidate of candidates) expect(judgePrompt).toContain(candidate.content);
	});

	it('best_of with Fuse: the fuser writes the answer from all three, costs add up, the panel answers side by side', () => {
		const run = successfulRun(WORKFLOW_IDS.fuse);
		const [answer, ...others] = outputJson(run, 'Fusion Chat');
		expect(others).toEqual([]);
		expect(answer.model).toBe(FUSER_MODEL);
		expect(content(answer)).toBe(FUSED_ANSWER);
		const fusion = fusionOf(answer);
		expect(fusion.selection).toBe('fuse');
		const candidates = fusion.candidates as Array<{
			model: string;
			status: string;
			content: string;
			cost_usd: number;
			latency_ms: number;
		}>;
		expect(candidates.map(({ model, status, content: text }) => [model, status, text])).toEqual(
			FUSE_PANEL.map(({ model, content: text }) => [model, 'ok', text]),
		);

		// The fuser read the question and every answer, none of them attributed to its model.
		const [fuserCall, ...moreFuserCalls] = requestsUnder(MOCK_PATHS.fuse).filter(
			forModel(upstreamName(FUSER_MODEL)),
		);
		expect(moreFuserCalls).toEqual([]);
		const fuserInput = JSON.stringify(fuserCall.body);
		for (const { content: text } of FUSE_PANEL) expect(fuserInput).toContain(text);
		expect(fuserInput).toContain(FUSE_QUESTION);
		for (const { model } of FUSE_PANEL) expect(fuserInput).not.toContain(upstreamName(model));

		const costOf = (id: string, usage: typeof PANEL_USAGE) => {
			const price = catalogPricing(id);
			return (
				(usage.prompt_tokens * price.prompt_tokens +
					usage.completion_tokens * price.completion_tokens) /
				1000
			);
		};
		const expected =
			FUSE_PANEL.reduce((sum, { model }) => sum + costOf(model, PANEL_USAGE), 0) +
			costOf(FUSER_MODEL, FUSER_USAGE);
		expect(fusion.cost_usd).toBeCloseTo(expected, 12);
		expect(fusion.attempts.map((attempt) => [attempt.model, attempt.status, attempt.role])).toEqual(
			[...FUSE_PANEL.map(({ model }) => [model, 'ok', undefined]), [FUSER_MODEL, 'ok', 'fuser']],
		);

		// Asked one after another, the panel alone would take the sum of its latencies.
		const panelLatencies = candidates.reduce((sum, candidate) => sum + candidate.latency_ms, 0);
		expect(panelLatencies).toBeGreaterThanOrEqual(
			FUSE_PANEL.reduce((sum, m) => sum + m.delayMs, 0),
		);
		expect(nodeTiming(run, 'Fusion Chat').executionTimeMs).toBeLessThan(panelLatencies);
	});

	it('cost_optimized asks the cheapest candidate first and fails over in price order', () => {
		// The premise: the catalog's prices put the candidates in this order, whatever order they are listed in.
		const completionPrices = COST_ORDER.map((id) => catalogPricing(id).completion_tokens);
		expect(completionPrices).toEqual([...completionPrices].sort((a, b) => a - b));

		const [cheapest, failedOver, ...others] = outputJson(
			successfulRun(WORKFLOW_IDS.costOptimized),
			'Fusion Chat',
		);
		expect(others).toEqual([]);
		expect(cheapest.model).toBe(COST_ORDER[0]);
		expectSimulatedAnswer(content(cheapest), upstreamName(COST_ORDER[0]), COST_PROMPTS[0]);
		expect(fusionOf(cheapest)).toMatchObject({
			strategy: 'cost_optimized',
			attempts: [expect.objectContaining({ model: COST_ORDER[0], status: 'ok' })],
		});
		expect(fusionOf(cheapest).attempts).toHaveLength(1);
		const usage = cheapest.usage as { prompt_tokens: number; completion_tokens: number };
		const price = catalogPricing(COST_ORDER[0]);
		expect(fusionOf(cheapest).cost_usd).toBeCloseTo(
			(usage.prompt_tokens * price.prompt_tokens +
				usage.completion_tokens * price.completion_tokens) /
				1000,
			9,
		);

		const dearest = COST_ORDER[COST_ORDER.length - 1];
		expect(failedOver.model).toBe(dearest);
		expectSimulatedAnswer(content(failedOver), upstreamName(dearest), COST_PROMPTS[1]);
		expect(attemptOutcomes(failedOver)).toEqual(
			COST_ORDER.map((model) =>
				model === dearest ? [model, 'ok', undefined] : [model, 'error', 503],
			),
		);

		const sent = requestsUnder(MOCK_PATHS.costOptimized);
		const asking = (prompt: string) =>
			sent.filter((request) => JSON.stringify(request.body).includes(prompt)).map(upstreamModelOf);
		expect(asking(COST_PROMPTS[0])).toEqual([upstreamName(COST_ORDER[0])]);
		expect(asking(COST_PROMPTS[1])).toEqual(COST_ORDER.map(upstreamName));
	});

	it('hedged fallback starts the backup after hedge_after_ms, keeps its answer and aborts the slow primary', () => {
		const run = successfulRun(WORKFLOW_IDS.hedged);
		const [answer, ...others] = outputJson(run, 'Fusion Chat');
		expect(others).toEqual([]);
		const [primaryModel, backupModel] = HEDGED_MODELS;
		expect(answer.model).toBe(backupModel);
		expectSimulatedAnswer(content(answer), upstreamName(backupModel), HEDGED_PROMPT);
		const { attempts } = fusionOf(answer);
		// In call order; the primary was stopped on purpose, which is not an error of that model.
		expect(attempts).toEqual([
			expect.objectContaining({
				model: primaryModel,
				status: 'cancelled',
				reason: 'another model answered first',
			}),
			expect.objectContaining({ model: backupModel, status: 'ok' }),
		]);
		expect(attempts[0]).not.toHaveProperty('error');

		const { startedAt, executionTimeMs } = nodeTiming(run, 'Fusion Chat');
		expect(executionTimeMs).toBeGreaterThanOrEqual(HEDGE_AFTER_MS);
		expect(executionTimeMs).toBeLessThan(PRIMARY_DELAY_MS / 3);

		const [primary, ...morePrimaries] = mock.requestsTo(`${MOCK_PATHS.hedged}/v1/chat/completions`);
		const [backup, ...moreBackups] = mock.requestsTo(`${MOCK_PATHS.hedged}/v1/messages`);
		expect([morePrimaries, moreBackups]).toEqual([[], []]);
		// Both times are taken on arrival at the mock, after connecting: a few ms of slack either way.
		expect(backup.receivedAt - primary.receivedAt).toBeGreaterThanOrEqual(HEDGE_AFTER_MS - 50);
		expect(primary.abortedByClient).toBe(true);
		// Aborted as the backup's answer ended the node, while n8n went on running: not by n8n's exit at the end
		// of the batch, which closes every call still open.
		const abortedAt = abortTimes.abortedAt(primary) ?? Number.NaN;
		expect(abortedAt - (startedAt + executionTimeMs)).toBeLessThan(250);
		expect((abortTimes.stoppedAt ?? Number.NaN) - abortedAt).toBeGreaterThan(100);
	});
});

/** Matches a number or null: a live-listed model may lack what both its provider's list and the catalog leave out. */
const numberOrNull = {
	asymmetricMatch: (value: unknown) => value === null || typeof value === 'number',
	toAsymmetricMatcher: () => 'NumberOrNull',
};

/** The contract's fields of one Fusion Models item. */
function expectContractModel(item: IDataObject, number: unknown = expect.any(Number)): void {
	expect(item).toMatchObject({
		id: expect.stringMatching(/^[^/\s]+\/\S+$/),
		object: 'model',
		owned_by: expect.any(String),
		created: number,
		capabilities: {
			chat: expect.any(Boolean),
			completions: expect.any(Boolean),
			embeddings: expect.any(Boolean),
			moderation: expect.any(Boolean),
		},
		pricing: { prompt_tokens: number, completion_tokens: number },
		limits: { max_tokens: number, max_request_tokens: number },
		estimated_latency_ms: number,
	});
}

/** Every provider of the contract with models of its own (Azure's deployments and custom servers have none). */
const CATALOG_PROVIDER_PREFIXES = [
	'openai',
	'anthropic',
	'google',
	'mistral',
	'openrouter',
	'groq',
	'deepseek',
	'xai',
	'together',
	'ollama',
];
const SEED_IDS = [
	'openai/gpt-4-turbo',
	'anthropic/claude-3-opus',
	'google/gemini-pro',
	'mistralai/mixtral-8x7b-instruct-v01',
];
/** Catalog models the mock's lists leave out: a live listing must keep them, marked unavailable. */
const UNLISTED_CATALOG_IDS = [
	'openai/gpt-4-turbo',
	'anthropic/claude-3-opus',
	'google/gemini-pro',
	'openrouter/anthropic/claude-3-opus',
];

describe('Fusion Models in n8n', () => {
	it('lists the bundled catalog offline, one item per model with capabilities, pricing and limits', () => {
		const models = catalogModels();
		expect(models.length).toBeGreaterThanOrEqual(60);
		expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
		for (const model of models) expectContractModel(model);
		const ids = models.map((model) => model.id as string);
		expect(ids).toEqual(expect.arrayContaining(SEED_IDS));
		expect([...new Set(ids.map((id) => id.split('/')[0]))]).toEqual(
			expect.arrayContaining(CATALOG_PROVIDER_PREFIXES),
		);
		expect(catalogPricing('anthropic/claude-3-opus')).toEqual({
			prompt_tokens: 0.015,
			completion_tokens: 0.075,
		});
		expect(catalogPricing('openai/gpt-4-turbo')).toEqual({
			prompt_tokens: 0.01,
			completion_tokens: 0.03,
		});
	});

	it('filters by provider and price cap and sorts cheapest first, as one list item', () => {
		const [list, ...others] = outputJson(
			successfulRun(WORKFLOW_IDS.modelsFiltered),
			'Fusion Models',
		);
		expect(others).toEqual([]);
		expect(list.object).toBe('list');
		const ids = (list.data as IDataObject[]).map((model) => model.id);

		const totalPrice = (model: IDataObject) => {
			const { prompt_tokens, completion_tokens } = model.pricing as ModelPricing;
			return prompt_tokens + completion_tokens;
		};
		// Array.prototype.sort is stable: equal prices keep the catalog's order, as the node promises.
		const expected = catalogModels()
			.filter((model) => (model.id as string).startsWith(`${FILTERED_PROVIDER}/`))
			.filter((model) => (model.pricing as ModelPricing).prompt_tokens <= FILTERED_MAX_PROMPT_PRICE)
			.sort((a, b) => totalPrice(a) - totalPrice(b))
			.map((model) => model.id);
		expect(expected.length).toBeGreaterThanOrEqual(3);
		expect(ids).toEqual(expected);
		expect(ids).not.toContain('anthropic/claude-3-opus');
		expect(ids.indexOf('anthropic/claude-haiku-4-5')).toBeLessThan(
			ids.indexOf('anthropic/claude-sonnet-4-5'),
		);
	});

	it('lists live from each provider’s model list, merged with the catalog, and marks what a provider no longer lists', () => {
		const items = outputJson(successfulRun(WORKFLOW_IDS.modelsLive), 'Fusion Models');
		const models = items.filter((item) => item.object === 'model');
		for (const model of models) expectContractModel(model, numberOrNull);
		const byId = new Map(models.map((model) => [model.id as string, model]));

		for (const { provider, prefix, listPath } of LIVE_LISTS) {
			const asked = mock.requests.filter(
				(request) => request.method === 'GET' && request.path.split('?')[0] === listPath,
			);
			expect(asked).toHaveLength(1);
			const listed = listedBy(asked[0]);
			expect(listed.length).toBeGreaterThan(0);
			// Each id beside its item, so that a failure names the model that is missing or wrong.
			for (const { id } of listed)
				expect([id, byId.get(`${prefix}${id}`)]).toEqual([
					id,
					expect.objectContaining({ provider, available: true }),
				]);
		}

		for (const id of UNLISTED_CATALOG_IDS) {
			expect([id, byId.get(id)]).toEqual([
				id,
				expect.objectContaining({ available: false, pricing: catalogPricing(id) }),
			]);
		}

		// Listed models the catalog knows, under their own id or a dated one, keep the catalog's prices.
		const catalogIds = new Set(catalogModels().map((model) => model.id as string));
		const merged = models.filter(
			(model) =>
				model.available === true &&
				model.provider !== 'openrouter' &&
				catalogIds.has((model.catalog_id ?? model.id) as string),
		);
		expect(merged.length).toBeGreaterThanOrEqual(4);
		for (const model of merged)
			expect([model.id, model.pricing]).toEqual([
				model.id,
				catalogPricing((model.catalog_id ?? model.id) as string),
			]);

		// OpenRouter's live prices (USD per token) win over the catalog's.
		const openRouter = LIVE_LISTS.find(({ provider }) => provider === 'openrouter');
		const openRouterList = mock.requests.find(
			(request) => request.path.split('?')[0] === openRouter?.listPath,
		);
		const priced = listedBy(openRouterList).filter(
			({ pricing }) => Number(pricing?.prompt) >= 0 && Number(pricing?.completion) >= 0,
		);
		expect(priced.length).toBeGreaterThan(0);
		for (const { id, pricing } of priced) {
			const listedPricing = byId.get(`openrouter/${id}`)?.pricing as ModelPricing;
			expect(listedPricing.prompt_tokens).toBeCloseTo(Number(pricing?.prompt) * 1000, 12);
			expect(listedPricing.completion_tokens).toBeCloseTo(Number(pricing?.completion) * 1000, 12);
		}

		expect(items.filter((item) => item.object === 'error')).toEqual([
			{
				object: 'error',
				provider: REFUSING_PROVIDER,
				error: expect.objectContaining({ http_status: 401 }),
			},
		]);
		expect(models.filter((model) => model.provider === REFUSING_PROVIDER)).toEqual([]);
	});
});
