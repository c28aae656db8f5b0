/**
 * The two clients every engine figure compares: the engine as Fusion Chat calls it (parse, plan, call, shape
 * the output item) and a direct undici request carrying the very bytes the engine would send.
 */
import { Agent } from 'undici';
import {
	DEFAULT_RETRY_POLICY,
	FusionError,
	parseUnifiedRequest,
	timeoutsFromTotal,
	type ChatSettings,
	type ProviderConnection,
	type ProviderId,
	type UnifiedChatRequest,
} from '../nodes/engine';
import { toModelCallRequest } from '../nodes/engine/call/model-call';
import { resolveModelId } from '../nodes/engine/models/resolve-model-id';
import type { ModelSpec } from '../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../nodes/engine/state/memory-fusion-state';
import { UPSTREAM_AGENT_OPTIONS } from '../nodes/engine/transport/send-upstream';

export const BENCH_API_KEY = 'sk-bench-0123456789abcdef';

export type Connections = Partial<Record<ProviderId, ProviderConnection>>;

/** The raw request of item `index`, as a user's JSON (or Fusion Chat's form fields) would give it. */
export function rawRequest(model: ModelSpec, index: number): unknown {
	return {
		model,
		messages: [
			{ role: 'system', content: 'You are a concise support assistant.' },
			{
				role: 'user',
				content: `Summarize ticket #${index}: the customer cannot log in since the last update and asks for a refund.`,
			},
		],
		max_tokens: 300,
	};
}

/** Validation as Fusion Chat does it for every item; part of the engine's cost per request. */
export function parsedRequest(raw: unknown): UnifiedChatRequest {
	const result = parseUnifiedRequest(raw);
	if (!result.ok) throw new Error(`bench request rejected: ${result.issues.join('; ')}`);
	return result.request;
}

/**
 * Settings as Fusion Chat builds them from its defaults (120 s timeout, 2 retries), with a state of their own
 * so that one figure's failures cannot cool a model down for the next.
 */
export function engineSettings(
	connections: Connections,
	overrides: Partial<ChatSettings> = {},
): ChatSettings {
	return {
		timeouts: timeoutsFromTotal(120_000),
		retry: DEFAULT_RETRY_POLICY,
		connectionFor: async (provider) => {
			const connection = connections[provider.id];
			if (connection === undefined)
				throw new FusionError({
					kind: 'auth',
					message: `no ${provider.displayName} connection in the bench`,
				});
			return connection;
		},
		state: new MemoryFusionState(),
		...overrides,
	};
}

export interface WireRequest {
	origin: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
}

/** Exactly what the engine puts on the wire for this model and request: same adapter, same headers, same body. */
export function wireRequest(
	modelId: string,
	request: UnifiedChatRequest,
	connection: ProviderConnection,
): WireRequest {
	const target = resolveModelId(modelId);
	const { http } = target.provider.adapter.toChatRequest(
		toModelCallRequest(request, target.upstreamModel),
		connection,
	);
	const url = new URL(http.url);
	return {
		origin: url.origin,
		path: `${url.pathname}${url.search}`,
		headers: { ...http.headers, 'content-type': 'application/json' },
		body: http.body,
	};
}

/** The engine's shared dispatcher settings, so both sides reuse warm connections alike. */
const directAgent = new Agent(UPSTREAM_AGENT_OPTIONS);

/** The baseline: serialize, send, read, parse — and nothing else. */
export async function callDirect(request: WireRequest): Promise<unknown> {
	const response = await directAgent.request({
		origin: request.origin,
		path: request.path,
		method: 'POST',
		headers: request.headers,
		body: JSON.stringify(request.body),
	});
	const text = await response.body.text();
	if (response.statusCode !== 200)
		throw new Error(`direct call answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

export function closeDirectAgent(): Promise<void> {
	return directAgent.close();
}
