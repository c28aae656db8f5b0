import { Agent, type Dispatcher } from 'undici';
import { FusionError } from '../errors/fusion-error';
import { onAbort } from './abort-listeners';
import { createGuardedConnector, REFUSED_ADDRESS_CODE } from './base-url-guard';
import { CONNECT_TIMEOUT_MS, timeoutError, type CallTimeouts } from './timeouts';

/** One request to a provider, as an adapter builds it. */
export interface UpstreamHttpRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	/** Serialised as JSON by the transport. */
	body?: unknown;
}

/** Keep-alive pools per origin, and a connector that refuses link-local and metadata addresses. */
export const UPSTREAM_AGENT_OPTIONS: Agent.Options = {
	keepAliveTimeout: 30_000,
	keepAliveMaxTimeout: 120_000,
	connect: createGuardedConnector({ timeout: CONNECT_TIMEOUT_MS }),
};

/**
 * One dispatcher for the whole n8n process: undici keeps a keep-alive pool per origin inside it, so items,
 * retries and later executions reuse warm connections to each provider.
 */
const sharedAgent = new Agent(UPSTREAM_AGENT_OPTIONS);

export interface UpstreamResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Dispatcher.ResponseData['body'];
	/** Aborts the rest of the body (total timeout, cancellation) while it is being read. */
	signal: AbortSignal;
	/** Stops the call for a reason of the caller's (a first-token timeout); `abortReason` then returns it. */
	abort(reason: FusionError): void;
	/** Why `signal` fired, as a FusionError, for whoever is reading the body. */
	abortReason(): FusionError;
	/** Releases the total-timeout timer; call once the body has been read. */
	done(): void;
}

export interface SendOptions {
	timeouts: CallTimeouts;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

/**
 * Why a call was stopped from outside: the execution was cancelled, or a strategy stopped it (a hedged or
 * best-of race already has its answer) and said so in the signal's reason.
 */
export function cancellationError(signal: AbortSignal | undefined): FusionError {
	const reason: unknown = signal?.reason;
	if (reason instanceof FusionError) return reason;
	return new FusionError({ kind: 'cancelled', message: 'the execution was cancelled' });
}

/** Origin only: a base URL may carry user:password, and a message must never show it. */
export function describeTarget(url: string | URL): string {
	try {
		const parsed = typeof url === 'string' ? new URL(url) : url;
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return 'the configured base URL';
	}
}

/**
 * A base URL's user:password@ is what a proxy in front of a self-hosted server asks for: it goes out as Basic
 * authentication (undici would silently drop it from the URL). A request whose key already travels in the
 * Authorization header cannot carry both, and is refused before anything is sent.
 */
function headersWithUrlCredentials(
	url: URL,
	headers: Record<string, string>,
): Record<string, string> {
	if (url.username === '' && url.password === '') return headers;
	if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
		throw new FusionError({
			kind: 'bad_request',
			message: `the base URL ${describeTarget(url)} carries a user name and password, and the API key already goes in the Authorization header: both cannot be sent. Remove user:password@ from the credential's Base URL`,
		});
	}
	const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
	return { ...headers, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Sends one HTTP request; no redirect is ever followed (the request carries credentials). */
export async function sendUpstream(
	request: UpstreamHttpRequest,
	options: SendOptions,
): Promise<UpstreamResponse> {
	const { timeouts } = options;
	if (options.signal?.aborted) throw cancellationError(options.signal);
	// Parsed once: the origin picks the pool, the path is sent, the target names the call in messages.
	const url = new URL(request.url);
	const target = describeTarget(url);
	const headers = headersWithUrlCredentials(url, request.headers);
	const controller = new AbortController();
	let reason: FusionError | undefined;
	const abort = (why: FusionError) => {
		if (controller.signal.aborted) return;
		reason = why;
		controller.abort();
	};
	// Our own timer: undici's headersTimeout ticks on a coarse ~0.5 s clock, so a 1 s limit fired at 1.5 s.
	const firstByteTimer = setTimeout(
		() => abort(timeoutError('firstByte', target, timeouts.firstByteMs)),
		timeouts.firstByteMs,
	);
	const totalTimer = setTimeout(
		() => abort(timeoutError('total', target, timeouts.totalMs)),
		timeouts.totalMs,
	);
	const abortReason = () => reason ?? cancellationError(options.signal);
	const stopListening =
		options.signal === undefined
			? undefined
			: onAbort(options.signal, () => abort(cancellationError(options.signal)));
	const done = () => {
		clearTimeout(firstByteTimer);
		clearTimeout(totalTimer);
		stopListening?.();
	};
	try {
		const response = await sharedAgent.request({
			origin: url.origin,
			path: `${url.pathname}${url.search}`,
			method: request.method,
			headers:
				request.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
			signal: controller.signal,
			// Backstops only: the timers here and the reader's idle timer fire first and more precisely.
			headersTimeout: timeouts.firstByteMs + 1_000,
			bodyTimeout: timeouts.idleMs + 1_000,
		});
		clearTimeout(firstByteTimer);
		return {
			status: response.statusCode,
			headers: response.headers,
			body: response.body,
			signal: controller.signal,
			abort,
			abortReason,
			done,
		};
	} catch (error) {
		done();
		throw controller.signal.aborted
			? abortReason()
			: fusionErrorFromTransportFailure(error, target, timeouts);
	}
}

/** The first error along the cause chain that carries a code: what the socket or undici said. */
function codedError(error: unknown): { code: string; message: string } | undefined {
	if (error === null || typeof error !== 'object') return undefined;
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (typeof code === 'string')
		return { code, message: typeof message === 'string' ? message : code };
	const cause = (error as { cause?: unknown }).cause;
	return cause === undefined ? undefined : codedError(cause);
}

/** Maps what undici or the socket threw to the engine's vocabulary, naming the host but never a secret. */
export function fusionErrorFromTransportFailure(
	error: unknown,
	target: string,
	timeouts: CallTimeouts,
): FusionError {
	if (error instanceof FusionError) return error;
	const coded = codedError(error);
	const code = coded?.code;
	switch (code) {
		case 'UND_ERR_CONNECT_TIMEOUT':
			return timeoutError('connect', target, CONNECT_TIMEOUT_MS, error);
		case 'UND_ERR_HEADERS_TIMEOUT':
			return timeoutError('firstByte', target, timeouts.firstByteMs, error);
		case 'UND_ERR_BODY_TIMEOUT':
			return timeoutError('idle', target, timeouts.idleMs, error);
		case REFUSED_ADDRESS_CODE:
			return new FusionError({
				kind: 'bad_request',
				message: `${target}: ${coded?.message}`,
				cause: error,
			});
	}
	// Anything else is the connection failing underneath us (refused, reset, DNS, TLS): worth a retry.
	const detail = code ?? (error instanceof Error ? error.message : String(error));
	return new FusionError({
		kind: 'network',
		message: `could not reach ${target} (${detail})`,
		cause: error,
	});
}
