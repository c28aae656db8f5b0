/**
 * Part 6: the same 200-item batch through Fusion Chat, n8n's OpenAI node and n8n's HTTP Request node in a real
 * n8n, all against the bench provider with a fixed latency. Reuses the end-to-end suite's n8n tooling
 * (test/n8n/): the cached n8n install, the packed package, the CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IRun } from 'n8n-workflow';
import { buildAndPack, CUSTOM_NODE_PREFIX, installTarball } from '../test/n8n/fusion-package';
import { N8nCli, type CredentialToImport } from '../test/n8n/n8n-cli';
import { ensureN8nInstalled } from '../test/n8n/n8n-install';
import {
	codeItems,
	fusionChat,
	linearWorkflow,
	manualTrigger,
	modelById,
	type NodeSpec,
	type WorkflowToImport,
} from '../test/n8n/workflow-builder';
import type { BenchProvider } from './bench-provider';
import { BENCH_API_KEY } from './engine-client';
import { PROVIDER_LATENCY_MS } from './engine-benches';
import { median, type Figure } from './figures';
import { progress } from './progress';

/** Compiled to bench/.build/bench/: the repository is three folders up (test/n8n's own REPO_ROOT assumes ts-jest). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

const ITEMS = 200;
const CONCURRENCY = 20;
/** The provider's latency per wave of `CONCURRENCY` items, and nothing else. */
const IDEAL_MS = (ITEMS / CONCURRENCY) * PROVIDER_LATENCY_MS;
/** Measured rounds; the OpenAI node takes ~20 s per round, so it runs in the first few only. */
const ROUNDS = 5;
export const OPENAI_NODE_ROUNDS = 3;
const UPSTREAM_MODEL = 'gpt-4o-mini';

const CREDENTIALS = {
	fusion: { id: 'benchCredential01', name: 'Bench Fusion OpenAI', type: 'fusionOpenAiApi' },
	openAi: { id: 'benchCredential02', name: 'Bench OpenAI', type: 'openAiApi' },
} as const;

const slot = (credential: (typeof CREDENTIALS)[keyof typeof CREDENTIALS]) => ({
	[credential.type]: { id: credential.id, name: credential.name },
});

interface Contender {
	/** Six letters: part of the workflow id, and the ids sort into the order the rounds should run in. */
	key: string;
	label: string;
	/** The node whose execution time is the figure. */
	nodeName: string;
	node: (baseUrl: string) => NodeSpec;
	rounds: number;
	/** Rounds before the measured ones (module loading, V8's optimizing of the hot code), and their items. */
	warmUp: { rounds: number; items: number };
}

/**
 * A node's code reaches V8's optimized tiers over its first ~2,000 calls in a process: in the engine's own batch
 * (part 2's, outside n8n) the CPU per item falls from about 900 µs to about 430 µs between 200 and 2,000 items,
 * and a round from about 1.08 s to about 1.05 s. n8n runs for days, so its figures are taken after that; each
 * contender gets the same warm-up, but the OpenAI node (one item after another, ~20 s a round) only one round.
 */
const WARM_UP_ROUNDS = 10;

const httpRequestNode =
	(batching: boolean) =>
	(baseUrl: string): NodeSpec => ({
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}/chat/completions`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${BENCH_API_KEY}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ model: '${UPSTREAM_MODEL}', messages: [{ role: 'user', content: $json.text }] }) }}`,
			// n8n's batching starts `batchSize` requests, then waits `batchInterval` ms; 20 per 100 ms keeps about
			// 20 in flight against a 100 ms provider, the closest it has to a concurrency limit.
			options: batching
				? { batching: { batch: { batchSize: CONCURRENCY, batchInterval: PROVIDER_LATENCY_MS } } }
				: {},
		},
	});

const FUSION_CHAT: Contender = {
	key: 'fusion',
	label: `Fusion Chat, concurrency ${CONCURRENCY}`,
	nodeName: 'Fusion Chat',
	node: () =>
		fusionChat({
			nodeTypePrefix: CUSTOM_NODE_PREFIX,
			parameters: {
				providers: ['openai'],
				inputMode: 'fields',
				model: modelById(`openai/${UPSTREAM_MODEL}`),
				prompt: '={{ $json.text }}',
				options: { concurrency: CONCURRENCY },
			},
			credentials: slot(CREDENTIALS.fusion),
		}),
	rounds: ROUNDS,
	warmUp: { rounds: WARM_UP_ROUNDS, items: ITEMS },
};

const OPENAI_NODE: Contender = {
	key: 'openai',
	label: "n8n's OpenAI node 2.3, Message a Model",
	nodeName: 'OpenAI',
	node: () => ({
		name: 'OpenAI',
		type: '@n8n/n8n-nodes-langchain.openAi',
		typeVersion: 2.3,
		parameters: {
			resource: 'text',
			operation: 'response',
			modelId: { __rl: true, mode: 'id', value: UPSTREAM_MODEL },
			responses: { values: [{ type: 'text', role: 'user', content: '={{ $json.text }}' }] },
			simplify: true,
			options: {},
		},
		credentials: slot(CREDENTIALS.openAi),
	}),
	rounds: OPENAI_NODE_ROUNDS,
	warmUp: { rounds: 1, items: 20 },
};

const HTTP_ALL_AT_ONCE: Contender = {
	key: 'httpal',
	label: 'HTTP Request node, defaults (every item at once)',
	nodeName: 'HTTP Request',
	node: httpRequestNode(false),
	rounds: ROUNDS,
	warmUp: { rounds: WARM_UP_ROUNDS, items: ITEMS },
};

const HTTP_BATCHED: Contender = {
	key: 'httpbt',
	label: `HTTP Request node, batching ${CONCURRENCY} items / ${PROVIDER_LATENCY_MS} ms`,
	nodeName: 'HTTP Request',
	node: httpRequestNode(true),
	rounds: ROUNDS,
	warmUp: { rounds: WARM_UP_ROUNDS, items: ITEMS },
};

const CONTENDERS = [FUSION_CHAT, OPENAI_NODE, HTTP_ALL_AT_ONCE, HTTP_BATCHED];

const tickets = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		text: `Summarize ticket #${index}: the customer cannot log in since the last update and asks for a refund.`,
	}));

/** `benchRun<round><key>`: execute-batch runs workflows in id order, so each contender's warm-ups go first. */
const workflowId = (round: number, contender: Contender) =>
	`benchRun${String(round).padStart(2, '0')}${contender.key}`;

function workflowsFor(baseUrl: string): WorkflowToImport[] {
	const workflows: WorkflowToImport[] = [];
	for (const contender of CONTENDERS) {
		for (let round = 0; round < contender.warmUp.rounds + contender.rounds; round++) {
			const warmUp = round < contender.warmUp.rounds;
			const items = warmUp ? contender.warmUp.items : ITEMS;
			workflows.push(
				linearWorkflow(
					workflowId(round, contender),
					`Bench ${warmUp ? `warm-up ${round + 1}` : `round ${round + 1 - contender.warmUp.rounds}`}: ${contender.label}`,
					[manualTrigger(), codeItems('Tickets', tickets(items)), contender.node(baseUrl)],
				),
			);
		}
	}
	return workflows.sort((a, b) => a.id.localeCompare(b.id));
}

/** The node's own execution time from the run data, after checking that every item was answered. */
function nodeMilliseconds(run: IRun | undefined, contender: Contender, id: string): number {
	const task = run?.data.resultData.runData[contender.nodeName]?.[0];
	if (run === undefined || task === undefined)
		throw new Error(`workflow ${id}: no run data for ${contender.nodeName}`);
	if (task.error !== undefined)
		throw new Error(`workflow ${id}: ${contender.nodeName} failed: ${task.error.message}`);
	const output = task.data?.main?.[0] ?? [];
	const failed = output.filter((item) => item.json.error !== undefined);
	if (output.length !== ITEMS || failed.length > 0) {
		throw new Error(
			`workflow ${id}: ${contender.nodeName} returned ${output.length} items, ${failed.length} with an error`,
		);
	}
	return task.executionTime;
}

export async function runN8nBench(provider: BenchProvider): Promise<Figure[]> {
	progress(
		'(6) n8n: installing n8n (cached after the first time), building and packing the package',
	);
	const installation = await ensureN8nInstalled();
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-bench-'));
	try {
		const tarball = await buildAndPack(userFolder, REPO_ROOT);
		await installTarball(tarball, join(userFolder, '.n8n', 'custom'));
		rmSync(tarball);

		const n8n = new N8nCli(installation, userFolder);
		const baseUrl = provider.delayedBaseUrl(PROVIDER_LATENCY_MS);
		const credentials: CredentialToImport[] = [
			{ ...CREDENTIALS.fusion, data: { apiKey: BENCH_API_KEY, baseUrl } },
			{ ...CREDENTIALS.openAi, data: { apiKey: BENCH_API_KEY, url: baseUrl } },
		];
		const workflows = workflowsFor(baseUrl);
		progress(
			`(6) n8n: importing ${workflows.length} workflows (${WARM_UP_ROUNDS} warm-up rounds and ${ROUNDS} measured; the OpenAI node one and ${OPENAI_NODE_ROUNDS})`,
		);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows(workflows);
		progress('(6) n8n: running them in one execute-batch (the OpenAI node takes ~20 s per round)');
		const executions = await n8n.executeBatch(workflows.map((workflow) => workflow.id));

		/** The node's time in rounds `from` to `to` (exclusive); the measured ones by default. */
		const milliseconds = (
			contender: Contender,
			from = contender.warmUp.rounds,
			to = contender.warmUp.rounds + contender.rounds,
		): number[] => {
			const runs: number[] = [];
			for (let round = from; round < to; round++) {
				const id = workflowId(round, contender);
				const execution = executions.get(id);
				if (execution?.status !== 'success')
					throw new Error(
						`workflow ${id} did not succeed in n8n: ${execution?.status ?? 'not run'} ${execution?.error ?? ''}`,
					);
				runs.push(nodeMilliseconds(execution.run, contender, id));
			}
			return runs;
		};
		const fusion = milliseconds(FUSION_CHAT);
		// The process's first round also loads the modules; the next five are what a freshly started n8n gives.
		const fusionCold = milliseconds(FUSION_CHAT, 1, 1 + ROUNDS);
		const percentOfIdeal = (runs: number[]) =>
			runs.map((milliseconds) => (100 * IDEAL_MS) / milliseconds);
		const openAi = milliseconds(OPENAI_NODE);
		const note = `${ITEMS} items, provider latency ${PROVIDER_LATENCY_MS} ms; the node's executionTime in n8n's run data`;
		return [
			{
				part: '6',
				name: `n8n: ${FUSION_CHAT.label}`,
				unit: ' ms',
				runs: fusion,
				decimals: 0,
				note,
			},
			{
				part: '6',
				name: `n8n: Fusion Chat batch throughput, concurrency ${CONCURRENCY}`,
				unit: ' % of ideal',
				runs: percentOfIdeal(fusion),
				target: { kind: 'min', limit: 92 },
				note: `ideal: ${ITEMS} items in waves of ${CONCURRENCY}, each ${PROVIDER_LATENCY_MS} ms, = ${IDEAL_MS} ms; after ${WARM_UP_ROUNDS * ITEMS} items of warm-up`,
			},
			{
				part: '6',
				name: `n8n: Fusion Chat batch throughput, concurrency ${CONCURRENCY}, just after n8n started`,
				unit: ' % of ideal',
				runs: percentOfIdeal(fusionCold),
				note: `warm-up rounds 2 to ${1 + ROUNDS}: items ${ITEMS} to ${(1 + ROUNDS) * ITEMS} of the process, while V8 still optimizes the code`,
			},
			{
				part: '6',
				name: `n8n: ${OPENAI_NODE.label}`,
				unit: ' ms',
				runs: openAi,
				decimals: 0,
				note: `${note}; items one after another`,
			},
			{
				part: '6',
				name: 'n8n: Fusion Chat speed-up over the OpenAI node',
				unit: '×',
				runs: openAi.map((openAiMs, index) => openAiMs / fusion[index]),
				target: { kind: 'min', limit: 10 },
				note: `OpenAI node ÷ Fusion Chat, round by round; ratio of the medians: ${(median(openAi) / median(fusion)).toFixed(1)}×`,
			},
			{
				part: '6',
				name: `n8n: ${HTTP_ALL_AT_ONCE.label}`,
				unit: ' ms',
				runs: milliseconds(HTTP_ALL_AT_ONCE),
				decimals: 0,
				note,
			},
			{
				part: '6',
				name: `n8n: ${HTTP_BATCHED.label}`,
				unit: ' ms',
				runs: milliseconds(HTTP_BATCHED),
				decimals: 0,
				note,
			},
		];
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}
