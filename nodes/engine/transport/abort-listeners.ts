/** The callbacks waiting on each signal; the signal itself carries one listener that calls them all. */
const callbacksBySignal = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` when `signal` aborts; returns the function that unregisters it. However many calls and
 * waits share an execution's signal, the signal carries a single listener: one per call would pass Node's
 * limit of 10 at the first batch of eleven items and print a MaxListenersExceededWarning.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
	let callbacks = callbacksBySignal.get(signal);
	if (callbacks === undefined) {
		const waiting = new Set<() => void>();
		callbacks = waiting;
		callbacksBySignal.set(signal, waiting);
		signal.addEventListener(
			'abort',
			() => {
				const due = [...waiting];
				waiting.clear();
				for (const call of due) call();
			},
			{ once: true },
		);
	}
	const registered = callbacks;
	registered.add(callback);
	return () => {
		registered.delete(callback);
	};
}
