import type { Dispatcher } from 'undici';
import { FusionError } from '../errors/fusion-error';

type ResponseBody = Dispatcher.ResponseData['body'];

const MIB = 1024 * 1024;

/**
 * Limits no real answer comes near. A chat answer of 128K tokens is under 1 MiB of JSON and the largest model
 * lists a few MiB; streams repeat their metadata with every token, so they get more room in all but far less
 * per line. A body past these is a misbehaving server, and reading on would only cost memory.
 */
export const BODY_LIMITS = {
	/** A JSON answer or model list. */
	answerBytes: 32 * MIB,
	/** What is read and kept of an error body (or of a redirect's): the provider's message fits many times. */
	errorBytes: 64 * 1024,
	/** One line of a streamed answer. */
	streamLineBytes: 8 * MIB,
	/** A whole streamed answer. */
	streamBytes: 64 * MIB,
} as const;

/** How long the unread rest of a body may take to end so that its connection can be reused. */
const DISCARD_GRACE_MS = 1_000;

function formatBytes(bytes: number): string {
	return bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / 1024} KiB`;
}

/** Too large to be real: said plainly, and of a kind that is neither retried nor waited for. */
export function tooLargeError(what: string, limitBytes: number): FusionError {
	return new FusionError({
		kind: 'invalid_response',
		message: `${what} is larger than ${formatBytes(limitBytes)}, more than any real answer: it was not read further and is not retried`,
	});
}

function declaredLength(
	headers: Record<string, string | string[] | undefined>,
): number | undefined {
	const value = headers['content-length'];
	const length = typeof value === 'string' ? Number(value) : Number.NaN;
	return Number.isFinite(length) ? length : undefined;
}

/** Reads a whole body as text, refusing one past `limitBytes` as soon as it says or shows it is. */
export async function readBodyText(
	body: ResponseBody,
	headers: Record<string, string | string[] | undefined>,
	limitBytes: number,
	what: string,
): Promise<string> {
	if ((declaredLength(headers) ?? 0) > limitBytes) {
		body.destroy();
		throw tooLargeError(what, limitBytes);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer>) {
		size += chunk.length;
		// Leaving the loop destroys the body, and with it the connection that was still sending.
		if (size > limitBytes) throw tooLargeError(what, limitBytes);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, size).toString('utf8');
}

/** Reads the first `limitBytes` of a body (an error's: only that much is kept) and cuts the rest off. */
export async function readBodyPrefix(body: ResponseBody, limitBytes: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer>) {
		const room = limitBytes - size;
		if (chunk.length > room) {
			chunks.push(chunk.subarray(0, room));
			break;
		}
		chunks.push(chunk);
		size += chunk.length;
	}
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Disposes of the rest of a body nobody reads (a redirect's, a stream's after its end marker): a short rest is
 * read to its end so the connection goes back to the pool; a long one, or one the server holds open, is cut
 * off instead of tying the connection up. Resolves once the body is closed either way.
 */
export function discardBody(body: ResponseBody): Promise<void> {
	if (body.closed) return Promise.resolve();
	return new Promise((resolve) => {
		let rest = 0;
		const cut = setTimeout(() => body.destroy(), DISCARD_GRACE_MS).unref();
		body
			.on('close', () => {
				clearTimeout(cut);
				resolve();
			})
			.on('error', () => undefined)
			.on('data', (chunk: Buffer) => {
				rest += chunk.length;
				if (rest > BODY_LIMITS.errorBytes) body.destroy();
			})
			.resume();
	});
}
