import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { MockProviderServer, RecordedRequest } from '../mock-provider/mock-provider-server';
import { OPENAI_CREDENTIAL_TYPE, asItems, queueWorkflow } from './queue-workflow';
import type { QueueStack } from './queue-stack';

/** A Fusion Chat output item as the webhook returns it, tagged with the execution that made it. */
export interface AnsweredItem extends IDataObject {
	executionId: string;
	fusion?: {
		cached?: boolean;
		warnings?: string[];
		attempts?: Array<{ model: string; status: string }>;
	};
	choices?: Array<{ message: { content: string | null } }>;
}

export interface Execution {
	worker: string;
	items: AnsweredItem[];
}

/**
 * One published workflow with a credential of its own: its API key tells its calls to the mock provider apart
 * from every other test's, and its hash is the credential's key in the shared state.
 */
export class QueueScenario {
	private constructor(
		private readonly stack: QueueStack,
		private readonly mock: MockProviderServer,
		private readonly path: string,
		/** Never to be found in Redis. */
		readonly apiKey: string,
	) {}

	static async publish(
		stack: QueueStack,
		mock: MockProviderServer,
		path: string,
		options: INodeParameters,
	): Promise<QueueScenario> {
		const apiKey = `fusion-queue-${path}-${randomBytes(8).toString('hex')}`;
		const credentialId = await stack.rest.createCredential(path, OPENAI_CREDENTIAL_TYPE, {
			apiKey,
			baseUrl: `${mock.url}/v1`,
		});
		await stack.rest.publishWorkflow(queueWorkflow(path, credentialId, options));
		await stack.main.waitForWebhook(path);
		return new QueueScenario(stack, mock, path, apiKey);
	}

	/** Posts the requests to the webhook; resolves with the items once the execution has ended, and who ran it. */
	async run(requests: IDataObject[]): Promise<Execution> {
		const response = await fetch(this.stack.main.webhookUrl(this.path), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ requests: asItems(requests) }),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`webhook ${this.path}: HTTP ${response.status} ${text}`);
		const items = JSON.parse(text) as AnsweredItem[];
		const executionIds = new Set(items.map((item) => item.executionId));
		if (executionIds.size !== 1)
			throw new Error(`webhook ${this.path} answered items of ${executionIds.size} executions`);
		return { worker: this.stack.workerThatRan(items[0].executionId), items };
	}

	/** Runs several batches at once: with worker concurrency 1, two land on different workers. */
	runAtOnce(batches: IDataObject[][]): Promise<Execution[]> {
		return Promise.all(batches.map((requests) => this.run(requests)));
	}

	/** What reached the mock provider with this scenario's key, in the order it arrived. */
	get upstreamCalls(): RecordedRequest[] {
		return this.mock.requests.filter(
			(request) => request.headers.authorization === `Bearer ${this.apiKey}`,
		);
	}

	/** Upstream calls per model name. */
	callsByModel(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const call of this.upstreamCalls) {
			const { model } = call.body as { model: string };
			counts[model] = (counts[model] ?? 0) + 1;
		}
		return counts;
	}
}

/** `count` chat requests to `model`, each with its own text so that no cache could answer one for another. */
export const chatRequests = (model: unknown, count: number, label: string): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		model,
		messages: [{ role: 'user', content: `${label} ${index}` }],
	})) as IDataObject[];

/**
 * How far the calls went over a requests-per-minute limit: the most, over every stretch of time shorter than a
 * minute from one call to a later one, by which the calls in it exceed what a full bucket of `perMinute` and its
 * refill over the stretch (perMinute/60 000 per ms) allow.
 */
export function excessOverLimit(calls: readonly RecordedRequest[], perMinute: number): number {
	const times = calls.map((call) => call.receivedAt).sort((a, b) => a - b);
	let worst = 0;
	times.forEach((from, first) => {
		for (let last = first; last < times.length && times[last] - from < 60_000; last++) {
			const allowed = perMinute + ((times[last] - from) * perMinute) / 60_000;
			worst = Math.max(worst, last - first + 1 - allowed);
		}
	});
	return worst;
}
