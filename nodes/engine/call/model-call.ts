import type { ConnectionResolver } from '../providers/connection-resolver';
import type { ModelCapabilities } from '../providers/listed-model';
import type { ModelAnswer, ModelCallRequest, ToolCallDelta } from '../providers/provider-adapter';
import { maxOutputTokens, type UnifiedChatRequest } from '../request/unified-request';
import type { FusionState, RateLimits } from '../state/fusion-state';
import type { RetryPolicy } from '../transport/retry-policy';
import type { TakenAhead } from '../transport/taken-ahead';
import type { CallTimeouts } from '../transport/timeouts';

export interface CallSettings {
	timeouts: CallTimeouts;
	retry: RetryPolicy;
	/** The execution's cancel signal: aborts in-flight calls and backoff waits. */
	signal?: AbortSignal;
	connectionFor: ConnectionResolver;
	/** Where rate limits, statistics, health, rotations and cached answers are kept, shared with other executions. */
	state: FusionState;
	/**
	 * Receives each piece of a streamed answer as it arrives (a chat or a streaming webhook). Once a piece has
	 * been handed over, a broken stream ends the item as partial instead of failing over. A complete answer that
	 * is not the JSON the request asked for still fails over: the client then reads the next model's answer
	 * right after it.
	 */
	onDelta?: (text: string) => void;
	/** Receives each piece of a tool call as it arrives, under the same rule as onDelta. */
	onToolCallDelta?: (delta: ToolCallDelta) => void;
	/** Per-credential limits; none by default. */
	rateLimits?: RateLimits;
	/** The request's take, sent before its first call was made (runChat): that call uses it. */
	takenAhead?: TakenAhead;
	/**
	 * A refusal or safety block (finish_reason content_filter) moves on to the next model, like a failure
	 * (the default); false makes it the answer, its text in `choices[0].message.refusal`.
	 */
	failOverOnRefusal?: boolean;
}

export interface ModelCallResult {
	answer: ModelAnswer;
	/** The answer's JSON value, for a json_object or json_schema request (checked against its schema). */
	parsed?: unknown;
	warnings: string[];
	/** Streamed calls: ms from sending the request to the first content token. */
	ttftMs?: number;
}

export function toModelCallRequest(
	request: UnifiedChatRequest,
	upstreamModel: string,
	capabilities?: ModelCapabilities,
): ModelCallRequest {
	return {
		model: upstreamModel,
		capabilities,
		messages: request.messages,
		max_tokens: maxOutputTokens(request),
		temperature: request.temperature,
		top_p: request.top_p,
		frequency_penalty: request.frequency_penalty,
		presence_penalty: request.presence_penalty,
		stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
		stream: request.stream === true,
		response_format: request.response_format,
		reasoning_effort: request.reasoning_effort,
		seed: request.seed,
		user: request.user,
		tools: request.tools,
		tool_choice: request.tool_choice,
		parallel_tool_calls: request.parallel_tool_calls,
	};
}
