import { cacheKeyOf, ResponseCache } from '../../../nodes/engine/cache/response-cache';
import type { ChatCompletionOutput } from '../../../nodes/engine/chat/chat-output';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

const request = (content: string, extra: Partial<UnifiedChatRequest> = {}): UnifiedChatRequest => ({
	model: 'openai/gpt-4o-mini',
	messages: [{ role: 'user', content }],
	...extra,
});

describe('cacheKeyOf', () => {
	it('is the same for the same request streamed or not, and differs for any parameter or scope', () => {
		const credentials = ['openai:0123abcd'];
		const key = cacheKeyOf('wf:node', request('Hi', { stop: 'END' }), credentials);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: ['END'], stream: true }), credentials)).toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: 'END', temperature: 0.1 }), credentials)).not.toBe(key);
		expect(cacheKeyOf('wf:other', request('Hi', { stop: 'END' }), credentials)).not.toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi!', { stop: 'END' }), credentials)).not.toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: 'END' }), ['openai:4567ef01'])).not.toBe(key);
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
	const mock = useMockProvider();
	const connection = (apiKey = 'sk-cache-test-0123456789', path = '/v1') => ({ openai: { baseUrl: `${mock.server.url}${path}`, apiKey } });

	it('answers an identical request from memory: no upstream call, cached true, cost 0', async () => {
		const store = new ResponseCache();
		const settings = settingsFor(connection(), { cache: { ttlMs: 60_000, scope: 'wf:node', store } });
		const first = await runChat(request('What is 2+2?'), settings);
		const second = await runChat(request('What is 2+2?'), settings);
		const other = await runChat(request('What is 3+3?'), settings);
		expect(mock.server.requests).toHaveLength(2);
		expect(first.fusion.cached).toBe(false);
		expect(first.fusion.cost_usd).toBeGreaterThan(0);
		expect(second.choices).toEqual(first.choices);
		expect(second.fusion).toMatchObject({ cached: true, cost_usd: 0, attempts: [], latency_ms: 0 });
		expect(other.fusion.cached).toBe(false);
	});

	it('does not answer from another credential or base URL: after a change of either, the new server is asked', async () => {
		const store = new ResponseCache();
		const cache = { ttlMs: 60_000, scope: 'wf:node', store };
		await runChat(request('What is 2+2?'), settingsFor(connection(), { cache }));
		const otherKey = await runChat(request('What is 2+2?'), settingsFor(connection('sk-cache-other-0123456789'), { cache }));
		const otherServer = await runChat(request('What is 2+2?'), settingsFor(connection(undefined, '/proxy/v1'), { cache }));
		expect([otherKey.fusion.cached, otherServer.fusion.cached]).toEqual([false, false]);
		expect(mock.server.requests.map((sent) => sent.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/proxy/v1/chat/completions']);
		expect(JSON.stringify([...store.keys()])).not.toContain('sk-cache');
	});

	it('hands out copies: a later node changing its item does not change the next answer from the cache', async () => {
		const settings = settingsFor(connection(), { cache: { ttlMs: 60_000, scope: 'wf:node', store: new ResponseCache() } });
		const first = await runChat(request('What is 2+2?'), settings);
		const answer = first.choices[0].message.content;
		first.choices[0].message.content = 'changed downstream';
		first.usage.total_tokens = -1;
		const second = await runChat(request('What is 2+2?'), settings);
		second.choices[0].message.content = 'changed again';
		const third = await runChat(request('What is 2+2?'), settings);
		expect([second.fusion.cached, third.fusion.cached]).toEqual([true, true]);
		expect(third.choices[0].message.content).toBe(answer);
		expect(third.usage.total_tokens).toBeGreaterThan(0);
	});
});
