import type {
	CallOutcome,
	FusionState,
	ModelObservation,
	ModelRecord,
	RateLimits,
	RateLimitTake,
} from './fusion-state';

/** The longest a shared store may add to an operation before the process answers from its own memory. */
const DEFAULT_TIMEOUT_MS = 50;
/** The process's first operation also waits for the connection, and loads the scripts: once, a longer bound. */
const DEFAULT_FIRST_TIMEOUT_MS = 1_000;

export interface ResilientFusionStateOptions {
	timeoutMs?: number;
	firstTimeoutMs?: number;
	/** Told once when the shared store fails and once when it is back: for the host's log. */
	report?: (message: string) => void;
}

class TimedOut extends Error {
	constructor(ms: number) {
		super(`no answer within ${ms} ms`);
	}
}

/**
 * Rejects `ms` from now, counted while this process could have sent a request and read its answer. A timer that
 * fires well after its time says the process was busy (an expression, another item's answer), not the store, so
 * the store gets `ms` once more from then. And a timer runs before the socket is read in each turn of the event
 * loop, so after a long turn an answer may be waiting unread: the rejection waits for setImmediate, which runs
 * once the loop has read what arrived.
 */
function deadline(ms: number): { passed: Promise<never>; cancel(): void } {
	let timer: NodeJS.Timeout | undefined;
	let immediate: NodeJS.Immediate | undefined;
	const passed = new Promise<never>((_, reject) => {
		const arm = (again: boolean) => {
			const armedAt = performance.now();
			timer = setTimeout(() => {
				if (!again && performance.now() - armedAt > ms * 1.5) arm(true);
				else immediate = setImmediate(() => reject(new TimedOut(ms)));
			}, ms);
		};
		arm(false);
	});
	return {
		passed,
		cancel: () => {
			clearTimeout(timer);
			clearImmediate(immediate);
		},
	};
}

/**
 * The shared state, or this process's memory while the shared one fails or is slow: items never fail for the
 * sake of a limiter or a cache. While degraded, limits, rotations, health and the cache are this process's
 * alone; every operation still asks the shared state first, so the first one that succeeds ends it.
 */
export class ResilientFusionState implements FusionState {
	private readonly timeoutMs: number;
	private readonly firstTimeoutMs: number;
	/** Whether the shared state has answered or failed yet. */
	private tried = false;
	private readonly report: (message: string) => void;
	private problem?: string;

	constructor(
		private readonly shared: FusionState,
		private readonly fallback: FusionState,
		options: ResilientFusionStateOptions = {},
	) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.firstTimeoutMs = options.firstTimeoutMs ?? DEFAULT_FIRST_TIMEOUT_MS;
		this.report = options.report ?? (() => {});
	}

	degraded(): string | undefined {
		return this.problem;
	}

	private async answer<T>(ask: (state: FusionState) => Promise<T>): Promise<T> {
		const timeoutMs = this.tried ? this.timeoutMs : this.firstTimeoutMs;
		const bound = deadline(timeoutMs);
		const asked = ask(this.shared);
		try {
			const answer = await Promise.race([asked, bound.passed]);
			if (this.problem !== undefined) {
				this.problem = undefined;
				this.report(
					'Fusion: the shared state (Redis) answers again; limits and cache are shared again',
				);
			}
			return answer;
		} catch (error) {
			// A late answer or failure of the shared state is no one's concern any more.
			asked.catch(() => {});
			if (this.problem === undefined) {
				this.problem = `Fusion's shared state (Redis) failed (${(error as Error).message}): this process uses its own rate limits, rotations, model health and cache until it is back`;
				this.report(this.problem);
			}
			return ask(this.fallback);
		} finally {
			this.tried = true;
			bound.cancel();
		}
	}

	takeRateLimit(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
	): Promise<RateLimitTake> {
		return this.answer((state) => state.takeRateLimit(credential, limits, estimatedTokens));
	}

	settleRateLimit(credential: string, estimatedTokens: number, usedTokens: number): Promise<void> {
		return this.answer((state) => state.settleRateLimit(credential, estimatedTokens, usedTokens));
	}

	giveBackRateLimit(credential: string, estimatedTokens: number): Promise<void> {
		return this.answer((state) => state.giveBackRateLimit(credential, estimatedTokens));
	}

	pauseRateLimit(credential: string, ms: number): Promise<void> {
		return this.answer((state) => state.pauseRateLimit(credential, ms));
	}

	recordOutcome(credential: string, model: string, outcome: CallOutcome): Promise<void> {
		return this.answer((state) => state.recordOutcome(credential, model, outcome));
	}

	readModels(credential: string): Promise<ReadonlyMap<string, ModelRecord>> {
		return this.answer((state) => state.readModels(credential));
	}

	observedModels(): Promise<ReadonlyMap<string, ModelObservation>> {
		return this.answer((state) => state.observedModels());
	}

	advanceRotation(key: string, weights: readonly number[]): Promise<number> {
		return this.answer((state) => state.advanceRotation(key, weights));
	}

	getCached(key: string): Promise<unknown> {
		return this.answer((state) => state.getCached(key));
	}

	setCached(key: string, value: unknown, ttlMs: number): Promise<void> {
		return this.answer((state) => state.setCached(key, value, ttlMs));
	}
}
