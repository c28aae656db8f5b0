/**
 * Starts a write to the state that the answer need not wait for (a call's outcome, the token bucket's
 * settlement, an answer for the cache): with the state in Redis each is a round trip, and the item's answer is
 * ready without it. Writes start in the order they are made and one Redis connection runs them in that order,
 * so a later read or take sees them; the in-memory state makes them at once. A shared state reports its own
 * failures (ResilientFusionState answers from memory and says so), so a rejection has no one left to tell.
 */
export function writeInBackground(write: Promise<unknown>): void {
	write.catch(() => {});
}
