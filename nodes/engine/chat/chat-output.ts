import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Attempt } from '../call/attempt';
import type { FinishReason, ModelAnswer, Usage } from '../providers/provider-adapter';
import type { ProviderId } from '../providers/provider-registry';
import type { StrategyName, ToolCall } from '../request/unified-request';
import type { CandidateAnswer, Routed } from '../strategies/routing-strategy';

export interface FusionMetadata {
	strategy: StrategyName | 'single';
	provider: ProviderId;
	/** The model name the provider reports having used. */
	model: string;
	attempts: Attempt[];
	latency_ms: number;
	/** Streamed answers: ms from sending the request to the first content token. */
	ttft_ms?: number;
	cost_usd: number | null;
	cached: boolean;
	/** Settings the answering provider could not honour, and notes from the strategy. */
	warnings: string[];
	/** best_of: every candidate's answer. */
	candidates?: CandidateAnswer[];
	/** best_of: how the answer was chosen. */
	selection?: string;
}

/** OpenAI's chat.completion, plus `fusion`: one output item of Fusion Chat. */
export interface ChatCompletionOutput {
	id: string;
	object: 'chat.completion';
	created: number;
	model: string;
	choices: Array<{
		index: 0;
		/**
		 * A refusal has its text in `refusal`, and `content` null unless part of an answer came first. `parsed`:
		 * the JSON value of the content, for a json_object or json_schema request. An answer that calls tools
		 * has them in `tool_calls`, and `content` null unless it also said something.
		 */
		message: {
			role: 'assistant';
			content: string | null;
			tool_calls?: ToolCall[];
			parsed?: unknown;
			refusal: string | null;
		};
		/** Always null (no provider's log probabilities are passed on); there because OpenAI's answer has it. */
		logprobs: null;
		finish_reason: FinishReason;
	}>;
	usage: Usage;
	fusion: FusionMetadata;
}

function messageOf(
	answer: ModelAnswer,
	parsed: unknown,
): ChatCompletionOutput['choices'][0]['message'] {
	if (answer.toolCalls !== undefined)
		return {
			role: 'assistant',
			content: answer.content === '' ? null : answer.content,
			tool_calls: answer.toolCalls,
			refusal: null,
		};
	if (answer.refusal === undefined)
		return {
			role: 'assistant',
			content: answer.content,
			refusal: null,
			...(parsed !== undefined && { parsed }),
		};
	return {
		role: 'assistant',
		content: answer.content === '' ? null : answer.content,
		refusal: answer.refusal,
	};
}

/** The output item for a routed answer; `startedAt` (performance.now()) is when the request began. */
export function toChatCompletionOutput(
	strategy: FusionMetadata['strategy'],
	routed: Routed,
	attempts: Attempt[],
	notes: readonly string[],
	startedAt: number,
): ChatCompletionOutput {
	const { answer, target } = routed;
	// Key order is what n8n's table and JSON views show first: the cost and timing before the attempt list.
	const fusion: FusionMetadata = {
		strategy,
		provider: target.provider.id,
		model: answer.upstreamModel ?? target.upstreamModel,
		cost_usd: routed.costUsd,
		latency_ms: Math.round(performance.now() - startedAt),
		...(routed.ttftMs !== undefined && { ttft_ms: routed.ttftMs }),
		cached: false,
		warnings: [...routed.warnings, ...routed.notes, ...notes],
		...(routed.candidates !== undefined && { selection: routed.selection }),
		attempts,
		...(routed.candidates !== undefined && { candidates: routed.candidates }),
	};
	return {
		id: answer.id ?? `fusion-${randomUUID()}`,
		object: 'chat.completion',
		created: answer.created ?? Math.floor(Date.now() / 1000),
		model: target.fusionId,
		choices: [
			{
				index: 0,
				message: messageOf(answer, routed.parsed),
				logprobs: null,
				finish_reason: answer.finishReason,
			},
		],
		usage: answer.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
		fusion,
	};
}
