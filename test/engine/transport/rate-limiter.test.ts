import { runChat } from '../../../nodes/engine/chat/run-chat';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import { RateLimiter, TokenBucket } from '../../../nodes/engine/transport/rate-limiter';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
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

	it('gives up waiting when the execution is cancelled', async () => {
		const limiter = new RateLimiter();
		limiter.pause('k', 10_000);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		expect(await limiter.acquire('k', {}, 1, controller.signal)).toBe(false);
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
