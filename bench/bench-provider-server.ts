/**
 * The benchmark's provider: OpenAI's chat/completions and Responses API on loopback, with the behaviour chosen
 * by the path so that one server serves every figure without scripting thousands of replies:
 *   /delay/<ms>/…    answers after <ms> (chat/completions bodies from the test simulator; /responses for n8n's
 *                    OpenAI node, which speaks the Responses API)
 *   /status/<code>/… answers <code> at once with an OpenAI-style error body
 *   /hang/…          never answers (a first-byte timeout)
 * It runs as a child process (see bench-provider.ts) so that serving does not compete with the measured
 * client for its event loop.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';
import {
	simulatedAnswerText,
	simulateProviderReply,
} from '../test/mock-provider/provider-simulator';

const ROUTE = /^\/(?:delay\/(\d+)|status\/(\d{3})|(hang))(\/.*)$/;

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/** The last user text of a Responses API `input` (what n8n's OpenAI node sends). */
function responsesPrompt(body: unknown): string {
	const input =
		(body as { input?: Array<{ role?: string; content?: Array<{ text?: string }> }> }).input ?? [];
	const last = [...input].reverse().find((message) => message.role === 'user');
	return last?.content?.map((part) => part.text ?? '').join('') ?? '';
}

function responsesReply(body: unknown): unknown {
	const model = String((body as { model?: unknown }).model ?? 'unknown-model');
	const prompt = responsesPrompt(body);
	const text = simulatedAnswerText(model, prompt);
	const inputTokens = Math.max(1, Math.ceil(prompt.length / 4));
	const outputTokens = Math.max(1, Math.ceil(text.length / 4));
	return {
		id: 'resp_bench',
		object: 'response',
		created_at: 1_700_000_000,
		status: 'completed',
		model,
		output: [
			{
				type: 'message',
				id: 'msg_bench',
				status: 'completed',
				role: 'assistant',
				content: [{ type: 'output_text', text, annotations: [] }],
			},
		],
		usage: {
			input_tokens: inputTokens,
			output_tokens: outputTokens,
			total_tokens: inputTokens + outputTokens,
		},
	};
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
	const body = await readBody(request);
	const route = ROUTE.exec(request.url ?? '/');
	if (route === null) {
		sendJson(response, 404, {
			error: { message: `no bench route for ${request.url}`, type: 'invalid_request_error' },
		});
		return;
	}
	const [, delayMs, status, hang, path] = route;
	// The client's own timeout closes the socket; nothing is left to clean up here.
	if (hang !== undefined) return;
	if (status !== undefined) {
		sendJson(response, Number(status), {
			error: {
				message: 'The server had an error while processing your request.',
				type: 'server_error',
			},
		});
		return;
	}
	await wait(Number(delayMs));
	if (response.destroyed) return;
	if (path.endsWith('/responses')) {
		sendJson(response, 200, responsesReply(body));
		return;
	}
	const reply = simulateProviderReply({
		method: request.method ?? 'GET',
		path,
		headers: request.headers,
		body,
		receivedAt: Date.now(),
	});
	if (!('json' in reply)) {
		sendJson(response, 501, {
			error: {
				message: 'the bench provider answers JSON only (no streaming)',
				type: 'invalid_request_error',
			},
		});
		return;
	}
	sendJson(response, reply.status ?? 200, reply.json);
}

async function main(): Promise<void> {
	const server = createServer((request, response) => {
		void handle(request, response).catch((error: unknown) => {
			if (!response.headersSent)
				sendJson(response, 500, { error: { message: String(error), type: 'server_error' } });
		});
	});
	// Longer than the clients' keep-alive, so that it is always the client that retires an idle connection.
	server.keepAliveTimeout = 130_000;
	server.headersTimeout = 131_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	process.send?.({ url: `http://127.0.0.1:${port}` });
	// The parent going away (finished or killed) ends the server too.
	process.on('disconnect', () => process.exit(0));
}

if (require.main === module) void main();
