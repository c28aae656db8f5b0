/** A request that cannot be sent, with the sentence that tells the user which field to change. */
export class InvalidRequestError extends Error {
	constructor(readonly issues: string[]) {
		super(
			issues.length === 1
				? `Invalid request: ${issues[0]}`
				: `Invalid request:\n- ${issues.join('\n- ')}`,
		);
		this.name = 'InvalidRequestError';
	}
}

/** JSON.parse as a result, so that the caller raises the item's error outside any catch. */
export function parseJson(
	text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}

/**
 * A JSON field's value: its text parsed, or what an expression in it gave; undefined when it is empty. `label`
 * is the field as the editor shows it, for the error.
 */
export function jsonFieldValue(raw: unknown, label: string): unknown {
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	const parsed = parseJson(raw);
	if (!parsed.ok) throw new InvalidRequestError([`${label} is not valid JSON (${parsed.reason})`]);
	return parsed.value;
}
