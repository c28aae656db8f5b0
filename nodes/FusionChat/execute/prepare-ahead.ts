type Prepared<Value> = { ok: true; value: Value } | { ok: false; error: unknown };

function prepareOne<Value>(prepare: (index: number) => Value, index: number): Prepared<Value> {
	try {
		return { ok: true, value: prepare(index) };
	} catch (error) {
		return { ok: false, error };
	}
}

/**
 * `prepare` for items `0 … count - 1`, run ahead of need: from the first item taken on, in item order, one
 * item per turn of the event loop. Preparing an item (n8n evaluating its expressions, about a millisecond
 * each) then happens while earlier items wait on their providers, instead of between an answer and the next
 * item's call; and an answer that arrives meanwhile waits for one item at most. Every item is prepared as
 * early as that allows, not a window ahead: later waves of answers then find nothing left to prepare, which
 * measured faster in n8n (bench/RESULTS.md), and what is kept is one request per item, less than their output.
 *
 * Taking an item gives what `prepare` returned for it, or throws what it threw, preparing it first if it is
 * not ready yet (or again, if it was taken before). Items are prepared in the order and number that
 * preparing on demand would have, only earlier.
 */
export function prepareAhead<Value>(
	count: number,
	prepare: (index: number) => Value,
): (index: number) => Value {
	const ready = new Map<number, Prepared<Value>>();
	let next = 0;
	let scheduled = false;

	const prepareNext = () => {
		ready.set(next, prepareOne(prepare, next));
		next++;
	};
	// setImmediate runs after the I/O callbacks of the same turn: answers go first.
	const schedule = () => {
		if (scheduled || next >= count) return;
		scheduled = true;
		setImmediate(() => {
			scheduled = false;
			if (next < count) prepareNext();
			schedule();
		});
	};

	return (index) => {
		while (next <= index) prepareNext();
		const prepared = ready.get(index) ?? prepareOne(prepare, index);
		ready.delete(index);
		schedule();
		if (!prepared.ok) throw prepared.error;
		return prepared.value;
	};
}
