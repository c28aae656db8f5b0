import type { FusionState, RateLimits, RateLimitTake } from '../state/fusion-state';
import { writeInBackground } from '../state/write-in-background';

/**
 * A request's rate-limit take, sent together with its first reads of the state (the cache lookup, the models'
 * health) instead of after them: with the state in Redis that is one round trip less before the call. The first
 * call with the same credential and estimate uses it. When no call does (the answer came from the cache, the
 * model was cooled down, another credential's model answered), the request and its tokens go back; until then
 * the credential's bucket holds one request less.
 */
export class TakenAhead {
	private readonly take: Promise<RateLimitTake>;
	private settled = false;

	constructor(
		private readonly state: FusionState,
		private readonly credential: string,
		private readonly estimatedTokens: number,
		limits: RateLimits,
	) {
		this.take = state.takeRateLimit(credential, limits, estimatedTokens);
		// Awaited by the call that claims it, or by release(); a request that ends early must not leave it unhandled.
		this.take.catch(() => {});
	}

	/** The take, for the first call that asks with this credential and estimate; undefined for any other. */
	claim(credential: string, estimatedTokens: number): Promise<RateLimitTake> | undefined {
		if (this.settled || credential !== this.credential || estimatedTokens !== this.estimatedTokens)
			return undefined;
		this.settled = true;
		return this.take;
	}

	/** When the request is done: gives back a take that no call claimed (one that said "wait" took nothing). */
	release(): void {
		if (this.settled) return;
		this.settled = true;
		writeInBackground(
			this.take.then(({ waitMs }) =>
				waitMs === 0
					? this.state.giveBackRateLimit(this.credential, this.estimatedTokens)
					: undefined,
			),
		);
	}
}
