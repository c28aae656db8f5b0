import type { ChatCompletionOutput } from '../chat/chat-output';
import type { UnifiedChatRequest } from '../request/unified-request';

interface CacheEntry {
	output: ChatCompletionOutput;
	expiresAt: number;
}

/**
 * Answers kept in memory for identical requests: least recently used first out, each for a limited time.
 * Keys are scoped by the caller (a workflow's node), so one workflow's answers never serve another's.
 */
export class ResponseCache {
	private readonly entries = new Map<string, CacheEntry>();

	constructor(readonly maxEntries: number = 1_000) {}

	get(key: string, now: number = Date.now()): ChatCompletionOutput | undefined {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= now) return undefined;
		// Re-inserting makes it the most recently used: Map keeps insertion order.
		this.entries.set(key, entry);
		// A copy: the next node may change the item it is given, and the next hit must not see that.
		return structuredClone(entry.output);
	}

	set(key: string, output: ChatCompletionOutput, ttlMs: number, now: number = Date.now()): void {
		this.entries.delete(key);
		this.entries.set(key, { output: structuredClone(output), expiresAt: now + ttlMs });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	get size(): number {
		return this.entries.size;
	}

	keys(): IterableIterator<string> {
		return this.entries.keys();
	}

	clear(): void {
		this.entries.clear();
	}
}

/** The process-wide cache Fusion Chat uses when the option is on. */
export const responseCache = new ResponseCache();

/**
 * What makes two requests the same: model spec, messages and parameters, and the credentials they go out with
 * (credentialKeyOf, never a key). `stream` is left out (a streamed and a plain call give the same answer) and
 * `stop` is always a list.
 */
export function cacheKeyOf(scope: string, request: UnifiedChatRequest, credentials: readonly string[]): string {
	return JSON.stringify([
		scope,
		credentials,
		request.model,
		request.messages.map((message) => [message.role, message.content]),
		request.max_tokens ?? null,
		request.temperature ?? null,
		request.top_p ?? null,
		request.frequency_penalty ?? null,
		request.presence_penalty ?? null,
		typeof request.stop === 'string' ? [request.stop] : (request.stop ?? null),
	]);
}
