/**
 * Runs `work` over every input with at most `limit` in flight; results keep the inputs' order. A worker's
 * rejection is the caller's business: pass a `work` that settles (Fusion Chat turns failures into values).
 */
export async function mapWithConcurrency<Input, Output>(
	inputs: readonly Input[],
	limit: number,
	work: (input: Input, index: number) => Promise<Output>,
): Promise<Output[]> {
	const results = new Array<Output>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await work(inputs[index], index);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit), inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
