import { FusionError } from '../errors/fusion-error';

/** The value of a JSON text; undefined when the text is not JSON (a proxy's HTML page, a truncated body). */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * One server-sent event's JSON payload. `stream` names it in the error ("the Anthropic stream"); the error
 * shows the payload's start, enough to recognise a proxy's page without carrying a whole answer.
 */
export function parseEventJson(data: string, stream: string): unknown {
	const json = parseJson(data);
	if (json === undefined) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `${stream} sent an event that is not JSON: ${data.slice(0, 100)}`,
		});
	}
	return json;
}
