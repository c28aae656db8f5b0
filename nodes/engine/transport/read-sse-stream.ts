import type { Readable } from 'node:stream';
import { createParser } from 'eventsource-parser';
import { BODY_LIMITS, tooLargeError } from './read-body';

export interface ServerSentEvent {
	event?: string;
	data: string;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Feeds a streamed response body to `onEvent`, one server-sent event at a time, until the body ends or
 * `onEvent` returns true: the protocol's own end marker has arrived ([DONE], message_stop, a last chunk), after
 * which a proxy may well hold the connection open. Returns true in that case, with the rest of the body left
 * for the caller to dispose of. Comments (OpenRouter's ": OPENROUTER PROCESSING" keep-alives) are dropped by the
 * parser; an exception thrown by `onEvent` stops reading, destroys the body and propagates. `onChunk` hears every
 * piece of the body, keep-alives included. A line or a whole stream past what any real answer sends stops the
 * reading too: the parser would buffer it all.
 */
export async function readSseStream(
	body: Readable,
	onEvent: (event: ServerSentEvent) => boolean,
	onChunk?: () => void,
): Promise<boolean> {
	const pending: ServerSentEvent[] = [];
	const parser = createParser({
		onEvent: (message) => pending.push({ event: message.event, data: message.data }),
	});
	const decoder = new TextDecoder();
	let streamBytes = 0;
	let lineBytes = 0;
	try {
		for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
			onChunk?.();
			streamBytes += chunk.length;
			if (streamBytes > BODY_LIMITS.streamBytes)
				throw tooLargeError('the streamed answer', BODY_LIMITS.streamBytes);
			const lastBreak = Math.max(chunk.lastIndexOf(LINE_FEED), chunk.lastIndexOf(CARRIAGE_RETURN));
			lineBytes = lastBreak === -1 ? lineBytes + chunk.length : chunk.length - lastBreak - 1;
			if (lineBytes > BODY_LIMITS.streamLineBytes)
				throw tooLargeError('a line of the stream', BODY_LIMITS.streamLineBytes);
			parser.feed(decoder.decode(chunk, { stream: true }));
			// Handled outside the parser callback so an error from the consumer cannot leave the parser half-fed.
			for (const event of pending.splice(0)) if (onEvent(event)) return true;
		}
	} catch (error) {
		// undici reports the abort as an error event; it is this reader's own doing, and its error is thrown below.
		body.on('error', () => undefined).destroy();
		throw error;
	}
	// A last event without its closing blank line is incomplete by the SSE rules and stays unparsed.
	parser.feed(decoder.decode());
	for (const event of pending.splice(0)) if (onEvent(event)) return true;
	return false;
}
