/** Small readers the simulated providers share for the JSON bodies they check and answer. */

/** The value as a JSON object, or undefined for anything else (arrays and null included). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** A rough token count (four characters a token), never zero, for the usage a simulated answer reports. */
export function tokenCount(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

/** The text cut into words with their trailing spaces: the deltas of a simulated stream. */
export function wordPieces(text: string): string[] {
	return text.match(/\S+\s*/g) ?? [text];
}
