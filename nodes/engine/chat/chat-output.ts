import type { FusionErrorKind } from '../errors/fusion-error';
import type { FinishReason, ProviderId, Usage } from '../providers/provider-adapter';
import type { StrategyName } from '../request/unified-request';

/**
 * One upstream call (or a candidate not called), as `fusion.attempts` reports it. `cancelled`: a call the
 * strategy stopped on purpose because another model answered first (hedging, best_of "fastest").
 */
export interface Attempt {
	model: string;
	provider: ProviderId;
	status: 'ok' | 'error' | 'skipped' | 'cancelled';
	/** Set for a call that is not a candidate's answer: the best_of judge's verdict. */
	role?: 'judge';
	error?: { type: FusionErrorKind; message: string; http_status?: number };
	/** Why a candidate was not called (price cap, score floor, cool-down), or why its call was stopped. */
	reason?: string;
	latency_ms: number;
}

/** One best_of candidate's answer, as `fusion.candidates` reports it. */
export interface CandidateAnswer {
	model: string;
	status: 'ok' | 'error';
	content: string | null;
	/** How the selection rated it: judge (1 chosen, 0 not), consensus (mean similarity), length for longest/shortest. */
	score?: number;
	cost_usd: number | null;
	latency_ms: number;
	error?: string;
}

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
		/** A refusal has its text in `refusal`, and `content` null unless part of an answer came first. */
		message: { role: 'assistant'; content: string | null; refusal?: string };
		finish_reason: FinishReason;
	}>;
	usage: Usage;
	fusion: FusionMetadata;
}
