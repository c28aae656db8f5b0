import { runChat } from '../../../nodes/engine/chat/run-chat';
import { providerById } from '../../../nodes/engine/providers/provider-registry';
import { credentialKeyOf } from '../../../nodes/engine/providers/credential-key';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import type {
	ModelRecord,
	RateLimits,
	RateLimitTake,
} from '../../../nodes/engine/state/fusion-state';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { recordedResponse } from '../../fixtures/recorded';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const SLOW_READ_MS = 60;

/** A state whose reads take a while, as a shared store's may; it notes when each take was asked and every give-back. */
class SlowReadsState extends MemoryFusionState {
	readonly takesAskedAtMs: number[] = [];
	readonly givenBack: string[] = [];
	private readonly startedAt = performance.now();

	override async readModels(credential: string): Promise<ReadonlyMap<string, ModelRecord>> {
		await new Promise((resolve) => setTimeout(resolve, SLOW_READ_MS));
		return super.readModels(credential);
	}

	override async takeRateLimit(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
	): Promise<RateLimitTake> {
		this.takesAskedAtMs.push(performance.now() - this.startedAt);
		return super.takeRateLimit(credential, limits, estimatedTokens);
	}

	override async giveBackRateLimit(credential: string, estimatedTokens: number): Promise<void> {
		this.givenBack.push(credential);
		return super.giveBackRateLimit(credential, estimatedTokens);
	}
}

const mock = useMockProvider();

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-test-openai-0123456789abcdef' },
	anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-test-0123456789abcdef' },
});

const request = (
	model: UnifiedChatRequest['model'],
	content = 'Say hello',
): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content }],
});

describe("a request's rate-limit take, sent with its first reads", () => {
	it('is asked while the state is still reading, and the call uses it instead of taking again', async () => {
		mock.server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		const state = new SlowReadsState();
		const output = await runChat(
			request('openai/gpt-4o-mini'),
			settingsFor(connections(), { state, rateLimits: { requestsPerMinute: 60 } }),
		);
		expect(output.fusion.attempts.map((attempt) => attempt.status)).toEqual(['ok']);
		expect(state.takesAskedAtMs).toHaveLength(1);
		expect(state.takesAskedAtMs[0]).toBeLessThan(SLOW_READ_MS);
		expect(state.givenBack).toEqual([]);
	});

	it('goes back when the answer comes from the cache, so the next request still has its place', async () => {
		mock.server.reply('/v1/chat/completions', { json: recordedResponse('openai') });
		// Two requests a minute: the first call and the third request's; the cached one in between takes none.
		const settings = settingsFor(connections(), {
			rateLimits: { requestsPerMinute: 2 },
			cache: { ttlMs: 60_000, scope: 'wf:node' },
		});
		await runChat(request('openai/gpt-4o-mini', 'What is 2+2?'), settings);
		const cached = await runChat(request('openai/gpt-4o-mini', 'What is 2+2?'), settings);
		const other = await runChat(request('openai/gpt-4o-mini', 'What is 3+3?'), settings);
		expect(cached.fusion.cached).toBe(true);
		expect(other.fusion.attempts.map((attempt) => attempt.status)).toEqual(['ok']);
		expect(mock.server.requests).toHaveLength(2);
	});

	it("goes back when the first model is cooled down and another credential's model answers", async () => {
		mock.server.reply('/v1/messages', { json: recordedResponse('anthropic') });
		const state = new SlowReadsState();
		const openai = credentialKeyOf(providerById('openai'), connections().openai);
		for (let failure = 0; failure < 3; failure++)
			await state.recordOutcome(openai, 'openai/gpt-4o', { ok: false });
		const output = await runChat(
			request(['openai/gpt-4o', 'anthropic/claude-3-opus']),
			settingsFor(connections(), { state }),
		);
		expect(output.model).toBe('anthropic/claude-3-opus');
		expect(output.fusion.attempts[0].status).toBe('skipped');
		await new Promise((resolve) => setImmediate(resolve));
		expect(state.givenBack).toEqual([openai]);
	});
});
