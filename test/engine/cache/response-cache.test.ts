import { cacheKeyOf, ResponseCache } from '../../../nodes/engine/cache/response-cache';
import type { ChatCompletionOutput } from '../../../nodes/engine/chat/chat-output';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { settingsFor } from '../chat/engine-settings';

const request = (content: string, extra: Partial<UnifiedChatRequest> = {}): UnifiedChatRequest => ({
	model: 'openai/gpt-4o-mini',
	messages: [{ role: 'user', content }],
	...extra,
});

describe('cacheKeyOf', () => {
	it('is the same for the same request streamed or not, and differs for any parameter or scope', () => {
		const key = cacheKeyOf('wf:node', request('Hi', { stop: 'END' }));
		expect(cacheKeyOf('wf:node', request('Hi', { stop: ['END'], stream: true }))).toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: 'END', temperature: 0.1 }))).not.toBe(key);
		expect(cacheKeyOf('wf:other', request('Hi', { stop: 'END' }))).not.toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi!', { stop: 'END' }))).not.toBe(key);
	});
});

describe('ResponseCache', () => {
	const output = (id: string) => ({ id }) as unknown as ChatCompletionOutput;

	it('forgets an entry after its time to live', () => {
		const cache = new ResponseCache();
		cache.set('a', output('1'), 1_000, 0);
		expect(cache.get('a', 999)?.id).toBe('1');
		expect(cache.get('a', 1_000)).toBeUndefined();
	});

	it('drops the least recently used entry when full', () => {
		const cache = new ResponseCache(2);
		cache.set('a', output('a'), 60_000, 0);
		cache.set('b', output('b'), 60_000, 0);
		cache.get('a', 1);
		cache.set('c', output('c'), 60_000, 2);
		expect(cache.get('b', 3)).toBeUndefined();
		expect(cache.get('a', 3)?.id).toBe('a');
		expect(cache.size).toBe(2);
	});
});

describe('runChat with the cache on', () => {
	let server: MockProviderServer;
	beforeAll(async () => {
		server = await MockProviderServer.start();
	});
	afterAll(async () => server.close());

	it('answers an identical request from memory: no upstream call, cached true, cost 0', async () => {
		const store = new ResponseCache();
		const settings = settingsFor({ openai: { baseUrl: `${server.url}/v1`, apiKey: 'sk-cache-test-0123456789' } }, { cache: { ttlMs: 60_000, scope: 'wf:node', store } });
		const first = await runChat(request('What is 2+2?'), settings);
		const second = await runChat(request('What is 2+2?'), settings);
		const other = await runChat(request('What is 3+3?'), settings);
		expect(server.requests).toHaveLength(2);
		expect(first.fusion.cached).toBe(false);
		expect(first.fusion.cost_usd).toBeGreaterThan(0);
		expect(second.choices).toEqual(first.choices);
		expect(second.fusion).toMatchObject({ cached: true, cost_usd: 0, attempts: [], latency_ms: 0 });
		expect(other.fusion.cached).toBe(false);
	});
});
