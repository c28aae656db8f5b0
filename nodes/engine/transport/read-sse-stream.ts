import { createParser } from 'eventsource-parser';
import type { ServerSentEvent } from '../providers/provider-adapter';

/**
 * Feeds a streamed response body to `onEvent`, one server-sent event at a time. Comments (OpenRouter's
 * ": OPENROUTER PROCESSING" keep-alives) are dropped by the parser; an exception thrown by `onEvent`
 * stops reading and propagates. `onChunk` hears every piece of the body, keep-alives included.
 */
export async function readSseStream(
	body: AsyncIterable<Uint8Array | string>,
	onEvent: (event: ServerSentEvent) => void,
	onChunk?: () => void,
): Promise<void> {
	const pending: ServerSentEvent[] = [];
	const parser = createParser({
		onEvent: (message) => pending.push({ event: message.event, data: message.data }),
	});
	const decoder = new TextDecoder();
	for await (const chunk of body) {
		onChunk?.();
		parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
		// Handled outside the parser callback so an error from the consumer cannot leave the parser half-fed.
		for (const event of pending.splice(0)) onEvent(event);
	}
	// A last event without its closing blank line is incomplete by the SSE rules and stays unparsed.
	parser.feed(decoder.decode());
	for (const event of pending.splice(0)) onEvent(event);
}
