import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { simulateProviderReply } from './provider-simulator';

export interface RecordedRequest {
	method: string;
	/** Path and query string, exactly as received. */
	path: string;
	headers: IncomingHttpHeaders;
	/** Parsed JSON when the body was JSON, else the raw text ('' for none). */
	body: unknown;
	/** When the request arrived (Date.now()). */
	receivedAt: number;
	/** Set when the client closed the connection before the reply was complete (an aborted call). */
	abortedByClient?: boolean;
}

export interface SseEvent {
	event?: string;
	data: string;
}

/** What the server answers to one request. */
export type MockReply =
	| { status?: number; headers?: Record<string, string>; json: unknown; delayMs?: number }
	| { status?: number; headers?: Record<string, string>; text: string; delayMs?: number }
	| {
			status?: number;
			headers?: Record<string, string>;
			sse: SseEvent[];
			delayMs?: number;
			/** Pause between events, to make a stream observable or stall it. */
			eventDelayMs?: number;
			/** Destroy the connection after this many events: a cut stream. */
			cutAfterEvents?: number;
			/** Raw lines (comments such as OpenRouter's keep-alives) written before the first event. */
			preamble?: string[];
			/** Never end the response after the last event, as a proxy that holds the connection does. */
			keepOpen?: boolean;
	  }
	| {
			status?: number;
			headers?: Record<string, string>;
			/** `head`, then `filler` repeated up to `bytes` in all, then `tail`: a body too large to script by hand. */
			large: {
				head: string;
				filler: string;
				bytes: number;
				tail?: string;
				declareLength?: boolean;
			};
			delayMs?: number;
	  }
	| { destroySocket: true }
	| { hang: true };

/** A path fragment, a path pattern, or a test on the whole request (e.g. the model in its body). */
export type RequestMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

type Route = { matcher: RequestMatcher; replies: MockReply[] };

/**
 * A provider on loopback: real HTTP over real sockets. Tests script replies per path (recorded real bodies
 * and streams); anything unscripted is answered by the simulator in the wire format the path belongs to.
 */
export class MockProviderServer {
	readonly requests: RecordedRequest[] = [];
	/** TCP connections accepted, whether or not a request came over them. */
	connections = 0;
	private readonly routes: Route[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly replyClosed = new WeakMap<RecordedRequest, Promise<void>>();

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	/**
	 * On loopback, on `listenPort` when given (the demo's fixed address), else on a free port. Tests run in a
	 * network namespace may listen on another address of its loopback interface.
	 */
	static async start(listenPort = 0, host = '127.0.0.1'): Promise<MockProviderServer> {
		// eslint-disable-next-line prefer-const -- the request handler below closes over it before it is assigned
		let instance: MockProviderServer | undefined;
		const server = createServer((request, response) => {
			// A client that goes away mid-request must not take the process (the demo, a test run) down with it.
			instance?.handle(request, response).catch(() => {
				if (response.headersSent) response.destroy();
				else
					response
						.writeHead(500, { 'content-type': 'application/json' })
						.end(
							JSON.stringify({ error: { message: 'mock provider failed', type: 'server_error' } }),
						);
			});
		});
		server.keepAliveTimeout = 5_000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(listenPort, host, resolve);
		});
		const { port } = server.address() as AddressInfo;
		const created = new MockProviderServer(
			server,
			`http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		);
		instance = created;
		server.on('connection', (socket) => {
			created.connections++;
			created.sockets.add(socket);
			socket.on('close', () => created.sockets.delete(socket));
		});
		return created;
	}

	/** Queues replies for requests the matcher accepts; each reply is used once, in order. */
	reply(matcher: RequestMatcher, ...replies: MockReply[]): this {
		this.routes.push({ matcher, replies: [...replies] });
		return this;
	}

	/** Connections still open: a client that leaves a body unread keeps one busy. */
	get openConnections(): number {
		return this.sockets.size;
	}

	/** Waits until the reply to `request` has been sent or cut off by the client, for `timeoutMs` at most. */
	async replyEnded(request: RecordedRequest, timeoutMs = 2_000): Promise<void> {
		await Promise.race([
			this.replyClosed.get(request),
			new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
		]);
	}

	requestsTo(matcher: RequestMatcher): RecordedRequest[] {
		return this.requests.filter((request) => matches(matcher, request));
	}

	reset(): void {
		this.requests.length = 0;
		this.routes.length = 0;
		this.connections = 0;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private nextReply(request: RecordedRequest): MockReply | undefined {
		for (const route of this.routes) {
			if (route.replies.length > 0 && matches(route.matcher, request)) return route.replies.shift();
		}
		return undefined;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const text = await readBody(request);
		const recorded: RecordedRequest = {
			receivedAt: Date.now(),
			method: request.method ?? 'GET',
			path: request.url ?? '/',
			headers: request.headers,
			body: parseJsonOrText(text),
		};
		this.requests.push(recorded);
		this.replyClosed.set(
			recorded,
			new Promise((resolve) =>
				response.on('close', () => {
					if (!response.writableFinished) recorded.abortedByClient = true;
					resolve();
				}),
			),
		);
		const reply = this.nextReply(recorded) ?? simulateProviderReply(recorded);
		await send(reply, request, response);
	}
}

function matches(matcher: RequestMatcher, request: RecordedRequest): boolean {
	if (typeof matcher === 'string') return request.path.includes(matcher);
	if (matcher instanceof RegExp) return matcher.test(request.path);
	return matcher(request);
}

/** Matches requests whose JSON body names this model (OpenAI and Anthropic style). */
export function forModel(model: string): (request: RecordedRequest) => boolean {
	return (request) =>
		typeof request.body === 'object' &&
		request.body !== null &&
		(request.body as { model?: unknown }).model === model;
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function parseJsonOrText(text: string): unknown {
	if (text === '') return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

// Unref'd: a reply still waiting when a test ends must not keep the test process alive.
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function send(
	reply: MockReply,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	if ('hang' in reply) {
		request.socket.on('close', () => response.destroy());
		return;
	}
	if ('destroySocket' in reply) {
		request.socket.destroy();
		return;
	}
	if (reply.delayMs) await wait(reply.delayMs);
	if (response.destroyed) return;
	const status = reply.status ?? 200;
	if ('json' in reply) {
		response.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
		response.end(JSON.stringify(reply.json));
		return;
	}
	if ('large' in reply) {
		await sendLarge(reply.large, status, reply.headers ?? {}, response);
		return;
	}
	if ('text' in reply) {
		response.writeHead(status, { 'content-type': 'text/plain', ...reply.headers });
		response.end(reply.text);
		return;
	}
	response.writeHead(status, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		...reply.headers,
	});
	response.flushHeaders();
	for (const line of reply.preamble ?? []) response.write(`${line}\n\n`);
	for (const [index, event] of reply.sse.entries()) {
		if (reply.cutAfterEvents !== undefined && index >= reply.cutAfterEvents) {
			response.socket?.destroy();
			return;
		}
		if (reply.eventDelayMs && index > 0) await wait(reply.eventDelayMs);
		if (response.destroyed) return;
		response.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
	}
	if (reply.keepOpen) request.socket.on('close', () => response.destroy());
	else response.end();
}

/** Writes a large body piece by piece, as fast as the client reads it; stops when the client goes away. */
async function sendLarge(
	large: { head: string; filler: string; bytes: number; tail?: string; declareLength?: boolean },
	status: number,
	headers: Record<string, string>,
	response: ServerResponse,
): Promise<void> {
	const tail = large.tail ?? '';
	const piece = large.filler.repeat(Math.max(1, Math.floor(65_536 / large.filler.length)));
	const fillerBytes = large.bytes - Buffer.byteLength(large.head) - Buffer.byteLength(tail);
	const length = large.declareLength ? { 'content-length': String(large.bytes) } : {};
	response.writeHead(status, { 'content-type': 'application/json', ...length, ...headers });
	response.write(large.head);
	for (let written = 0; written < fillerBytes; written += piece.length) {
		if (response.destroyed) return;
		const part =
			written + piece.length <= fillerBytes ? piece : piece.slice(0, fillerBytes - written);
		if (!response.write(part))
			await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
	}
	if (!response.destroyed) response.end(tail);
}
