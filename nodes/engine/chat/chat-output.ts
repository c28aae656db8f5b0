import type { FusionErrorKind } from '../errors/fusion-error';
import type { FinishReason, ProviderId, Usage } from '../providers/provider-adapter';
import type { StrategyName } from '../request/unified-request';

/** One upstream call (or a candidate not called), as `fusion.attempts` reports it. */
export interface Attempt {
	model: string;
	provider: ProviderId;
	status: 'ok' | 'error' | 'skipped';
	error?: { type: FusionErrorKind; message: string; http_status?: number };
	latency_ms: number;
}

export interface FusionMetadata {
	strategy: StrategyName | 'single';
	provider: ProviderId;
	/** The model name the provider reports having used. */
	model: string;
	attempts: Attempt[];
	latency_ms: number;
	cost_usd: number | null;
	cached: boolean;
	/** Settings the answering provider could not honour. */
	warnings: string[];
}

/** OpenAI's chat.completion, plus `fusion`: one output item of Fusion Chat. */
export interface ChatCompletionOutput {
	id: string;
	object: 'chat.completion';
	created: number;
	model: string;
	choices: Array<{
		index: 0;
		message: { role: 'assistant'; content: string };
		finish_reason: FinishReason;
	}>;
	usage: Usage;
	fusion: FusionMetadata;
}
