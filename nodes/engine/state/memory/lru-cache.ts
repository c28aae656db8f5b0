interface CacheEntry {
	value: unknown;
	expiresAt: number;
}

/** Values kept in memory, each for a limited time, the least recently used first out; every read and write is a copy. */
export class LruCache {
	private readonly entries = new Map<string, CacheEntry>();

	constructor(readonly maxEntries: number) {}

	get(key: string, now: number): unknown {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= now) return undefined;
		// Re-inserting makes it the most recently used: Map keeps insertion order.
		this.entries.set(key, entry);
		// A copy: the next node may change the item it is given, and the next hit must not see that.
		return structuredClone(entry.value);
	}

	set(key: string, value: unknown, ttlMs: number, now: number): void {
		this.entries.delete(key);
		this.entries.set(key, { value: structuredClone(value), expiresAt: now + ttlMs });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	get size(): number {
		return this.entries.size;
	}
}
