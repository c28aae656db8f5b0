import { runChat } from '../../../nodes/engine/chat/run-chat';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import { RateLimiter, TokenBucket, type RateLimits } from '../../../nodes/engine/transport/rate-limiter';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

describe('TokenBucket', () => {
	it('starts with a minute of capacity, then refills continuously', () => {
		const bucket = new TokenBucket(60, 0);
		for (let request = 0; request < 60; request++) expect(bucket.take(1, 0)).toBe(0);
		expect(bucket.take(1, 0)).toBe(1_000);
		expect(bucket.take(1, 1_000)).toBe(0);
	});

	it('says how long a large token charge must wait, and lets a reconciliation give tokens back', () => {
		const bucket = new TokenBucket(1_000, 0);
		expect(bucket.take(800, 0)).toBe(0);
		expect(bucket.take(400, 0)).toBe(12_000);
		bucket.adjust(300);
		expect(bucket.take(400, 0)).toBe(0);
	});
});

describe('RateLimiter', () => {
	it('keys by provider, base URL and a digest of the key, never the key itself', () => {
		const key = RateLimiter.keyOf(providerById('openai'), { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-secret-0123456789' });
		expect(key).toMatch(/^openai\|https:\/\/api\.openai\.com\/v1\|[0-9a-f]{16}$/);
		expect(key).not.toContain('sk-secret');
	});

	it('holds requests over the per-minute limit until the bucket refills', async () => {
		const limiter = new RateLimiter();
		const started = Date.now();
		for (let request = 0; request < 121; request++) expect(await limiter.acquire('k', { requestsPerMinute: 120 }, 1)).toBe(true);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(450);
		expect(elapsed).toBeLessThan(1_500);
	});

	/** Which of these acquisitions, made in this order, go through at once (within 100 ms). */
	async function immediate(limiter: RateLimiter, limitsInOrder: RateLimits[]): Promise<boolean[]> {
		const controller = new AbortController();
		const outcomes: boolean[] = [];
		for (const limits of limitsInOrder) {
			const acquired = limiter.acquire('k', limits, 1, controller.signal);
			outcomes.push(await Promise.race([acquired, new Promise<false>((resolve) => setTimeout(() => resolve(false), 100))]));
		}
		controller.abort();
		return outcomes;
	}

	it('holds two nodes with different limits for one credential to the strictest, in one shared bucket', async () => {
		const limiter = new RateLimiter();
		const alternating = Array.from({ length: 6 }, (_, index) => ({ requestsPerMinute: index % 2 === 0 ? 2 : 3 }));
		expect(await immediate(limiter, alternating)).toEqual([true, true, false, false, false, false]);
	});

	it('applies a stricter limit to what the credential already sent this minute', async () => {
		const limiter = new RateLimiter();
		expect(await immediate(limiter, [{ requestsPerMinute: 10 }, { requestsPerMinute: 10 }, { requestsPerMinute: 10 }, { requestsPerMinute: 3 }])).toEqual([
			true,
			true,
			true,
			false,
		]);
	});

	it('lets a limit lapse a minute after the last request that set it', async () => {
		jest.useFakeTimers({ now: 0 });
		try {
			const limiter = new RateLimiter();
			await limiter.acquire('k', { requestsPerMinute: 1 }, 1);
			await jest.advanceTimersByTimeAsync(61_000);
			// Under the lapsed limit of 1 a minute the second of these would wait a minute.
			let acquired = 0;
			for (let request = 0; request < 2; request++) void limiter.acquire('k', { requestsPerMinute: 100 }, 1).then(() => acquired++);
			await jest.advanceTimersByTimeAsync(0);
			expect(acquired).toBe(2);
		} finally {
			jest.useRealTimers();
		}
	});

	it('gives up waiting when the execution is cancelled', async () => {
		const limiter = new RateLimiter();
		limiter.pause('k', 10_000);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		expect(await limiter.acquire('k', {}, 1, controller.signal)).toBe(false);
	});
});

describe('two Fusion Chat nodes with different limits on one credential', () => {
	const mock = useMockProvider();

	it('send no more than the strictest limit allows, together', async () => {
		const limiter = new RateLimiter();
		const connection = { openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-two-nodes-0123456789' } };
		const controller = new AbortController();
		const node = (requestsPerMinute: number) => settingsFor(connection, { rateLimiter: limiter, rateLimits: { requestsPerMinute }, signal: controller.signal });
		const [strict, loose] = [node(2), node(3)];
		const calls = Array.from({ length: 40 }, (_, index) =>
			runChat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: `item ${index}` }] }, index % 2 === 0 ? strict : loose).catch(() => undefined),
		);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(mock.server.requests).toHaveLength(2);
		controller.abort();
		await Promise.all(calls);
	});
});

describe('a 429 with Retry-After', () => {
	let server: MockProviderServer;
	beforeAll(async () => {
		server = await MockProviderServer.start();
	});
	afterAll(async () => server.close());

	it('pauses the whole credential: another item waits instead of hammering the provider', async () => {
		server.reply('/v1/chat/completions', { status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'Rate limit reached' } } });
		const settings = settingsFor({ openai: { baseUrl: `${server.url}/v1`, apiKey: 'sk-429-test-0123456789' } });
		const ask = (content: string) => runChat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }] }, settings);
		const first = ask('first');
		await new Promise((resolve) => setTimeout(resolve, 150));
		const second = ask('second');
		await Promise.all([first, second]);
		const [limited, ...later] = server.requests;
		expect(later).toHaveLength(2);
		for (const request of later) expect(request.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(950);
	});
});
