import type { Attempt } from '../call/attempt';
import type { CallSettings, ModelCallResult } from '../call/model-call';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { BestOfSelection, StrategyName, UnifiedChatRequest } from '../request/unified-request';
import type { ObservationLookup } from '../state/fusion-state';
import type { Candidate } from './candidate';

/**
 * One way of using a request's models: the order it tries them in, and how it calls them until one answer is
 * chosen. Adding a strategy is one file implementing this and its entry in the registry (strategy-registry.ts).
 */
export interface RoutingStrategy<Name extends StrategyName = StrategyName> {
	readonly name: Name;
	/** As a person reads it in a list of strategies. */
	readonly label: string;
	/** One sentence on what it does. */
	readonly description: string;
	/** The order to try the candidates in; taken before any is screened out, so that skips read in this order. */
	order(
		candidates: readonly Candidate[],
		request: UnifiedChatRequest,
		context: RoutingContext,
	): Promise<Candidate[]>;
	/** Calls the candidates left after screening, in order, until one answer is chosen; throws when none is. */
	route(
		candidates: readonly Candidate[],
		request: UnifiedChatRequest,
		context: RoutingContext,
	): Promise<Routed>;
}

/** What a candidate's own credential has seen of models. */
export type CandidateObservations = (candidate: Candidate) => ObservationLookup;

/** The request's options for its strategy, checked against it when the route was planned. */
export interface StrategyOptions {
	/** fallback: start the next model after this delay while the earlier ones still run. */
	hedgeAfterMs?: number;
	selection?: BestOfSelection;
	judge?: ResolvedModel;
	/** best_of: candidates asked at once. */
	maxInFlight: number;
}

export interface RoutingContext {
	/** How each call is made; the state in it is shared with other requests. */
	settings: CallSettings;
	/** `fusion.attempts`: every call in order, retries and skipped candidates included. */
	attempts: Attempt[];
	observations: CandidateObservations;
	/** For random choices; tests pass a deterministic one. */
	random: () => number;
	options: StrategyOptions;
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

/** The answer a call gave, and who gave it. */
export interface ChosenAnswer extends ModelCallResult {
	target: ResolvedModel;
}

/** What a strategy hands back: the chosen answer, what it cost in all, and what the output should say about it. */
export interface Routed extends ChosenAnswer {
	costUsd: number | null;
	/** Notes for `fusion.warnings`. */
	notes: string[];
	/** best_of: every candidate's answer, and how one was chosen. */
	candidates?: CandidateAnswer[];
	selection?: string;
}
