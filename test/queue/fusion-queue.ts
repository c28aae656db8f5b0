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
		private readonly apiKey: string,
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
 * How far the calls went over a requests-per-minute limit: at each call, the calls so far less what a bucket
 * of `perMinute` allows by then (full at the first call, refilled at perMinute/60 000 per ms). The run must
 * take less than a minute, so that every call is in one window with the first.
 */
export function excessOverLimit(calls: readonly RecordedRequest[], perMinute: number): number {
	const times = calls.map((call) => call.receivedAt).sort((a, b) => a - b);
	if (times.length === 0) return 0;
	if (times[times.length - 1] - times[0] >= 60_000)
		throw new Error('the calls spread over more than a minute: shorten the run');
	return Math.max(
		...times.map((time, index) => index + 1 - perMinute - ((time - times[0]) * perMinute) / 60_000),
	);
}
