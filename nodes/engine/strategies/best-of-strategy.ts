import { performance } from 'node:perf_hooks';
import { costOfAnswer } from '../call/answer-cost';
import type { Attempt } from '../call/attempt';
import { callModelWithRetries } from '../call/call-model';
import type { CallSettings, ModelCallResult } from '../call/model-call';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import { isCancellation } from '../errors/fusion-error';
import type { ResolvedModel } from '../models/resolve-model-id';
import type { BestOfSelection, UnifiedChatRequest } from '../request/unified-request';
import { AllModelsFailedError } from './all-models-failed-error';
import { deliveredInOnePiece, raceCandidates } from './race';
import type { CandidateAnswer, Routed, RoutingStrategy } from './routing-strategy';
import {
	consensusScores,
	fromJudgeVerdict,
	indexOfBest,
	jsonSimilarity,
	toJudgeMessages,
	wordSimilarity,
} from './select-best-answer';
import { askFuser, shuffled } from './fuse-answers';

interface BestOfOptions {
	selection: BestOfSelection;
	judge?: ResolvedModel;
	/** Candidates in flight at once. */
	maxInFlight: number;
}

/** `selection`: what decided, e.g. "judge anthropic/claude-3-opus"; `costUsd`: every answer's cost plus the judge's. */
type BestOfResult = Routed & Required<Pick<Routed, 'candidates' | 'selection'>>;

type Outcome = { target: ResolvedModel; latencyMs: number } & (
	| { ok: true; result: ModelCallResult }
	| { ok: false; error: unknown }
);

interface CandidatesAsked {
	outcomes: Outcome[];
	answered: Array<Outcome & { ok: true }>;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function addCosts(costs: ReadonlyArray<number | null>): number | null {
	const known = costs.filter((cost): cost is number => cost !== null);
	return known.length === 0
		? null
		: Math.round(known.reduce((sum, cost) => sum + cost, 0) * 1e10) / 1e10;
}

function toCandidateAnswer(outcome: Outcome): CandidateAnswer {
	if (!outcome.ok) {
		return {
			model: outcome.target.fusionId,
			status: 'error',
			content: null,
			cost_usd: null,
			latency_ms: outcome.latencyMs,
			error: errorText(outcome.error),
		};
	}
	return {
		model: outcome.target.fusionId,
		status: 'ok',
		content: outcome.result.answer.content,
		cost_usd: costOfAnswer(outcome.result.answer, outcome.target.pricing),
		latency_ms: outcome.latencyMs,
	};
}

async function askJudge(
	judge: ResolvedModel,
	request: UnifiedChatRequest,
	answers: string[],
	settings: CallSettings,
	attempts: Attempt[],
): Promise<{ index?: number; costUsd: number | null; problem?: string }> {
	const judgeRequest: UnifiedChatRequest = {
		model: judge.fusionId,
		messages: toJudgeMessages(request.messages, answers),
		max_tokens: 16,
		temperature: 0,
	};
	const judgeAttempts: Attempt[] = [];
	try {
		const { answer } = await callModelWithRetries(judge, judgeRequest, settings, judgeAttempts);
		const index = fromJudgeVerdict(answer.content, answers.length);
		const costUsd = costOfAnswer(answer, judge.pricing);
		return index === undefined
			? { costUsd, problem: `verdict "${answer.content.slice(0, 80)}" names no single answer` }
			: { index, costUsd };
	} catch (error) {
		if (isCancellation(error)) throw error;
		return { costUsd: null, problem: `the judge failed: ${errorText(error)}` };
	} finally {
		attempts.push(...judgeAttempts.map((attempt): Attempt => ({ ...attempt, role: 'judge' })));
	}
}

/**
 * Every candidate's outcome, in the candidates' order, and those that answered. Throws when the execution was
 * cancelled or no candidate answered.
 */
async function askEveryCandidate(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	maxInFlight: number,
): Promise<CandidatesAsked> {
	// Per-candidate lists, joined in the candidates' order: `attempts` then reads the same whatever finished first.
	const candidateAttempts = candidates.map((): Attempt[] => []);
	const outcomes = await mapWithConcurrency(
		candidates,
		maxInFlight,
		async (target, index): Promise<Outcome> => {
			const startedAt = performance.now();
			try {
				const result = await callModelWithRetries(
					target,
					request,
					settings,
					candidateAttempts[index],
				);
				return { target, latencyMs: Math.round(performance.now() - startedAt), ok: true, result };
			} catch (error) {
				return { target, latencyMs: Math.round(performance.now() - startedAt), ok: false, error };
			}
		},
	);
	attempts.push(...candidateAttempts.flat());
	const cancelled = outcomes.find((outcome) => !outcome.ok && isCancellation(outcome.error));
	if (cancelled && !cancelled.ok && settings.signal?.aborted) throw cancelled.error;

	const answered = outcomes.filter((outcome): outcome is Outcome & { ok: true } => outcome.ok);
	if (answered.length === 0) throw new AllModelsFailedError(attempts);
	return { outcomes, answered };
}

/**
 * Asks every candidate (in parallel, bounded) and keeps one answer: the judge model's pick, the longest or
 * shortest, the consensus (closest to all others), or the fastest (the rest are aborted when it arrives). A
 * judge that fails or gives no usable verdict falls back to consensus, and the output says so.
 */
async function runBestOf(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	options: BestOfOptions,
): Promise<BestOfResult> {
	if (options.selection === 'fastest') {
		const startedAt = performance.now();
		const winner = await raceCandidates(candidates, request, settings, attempts, {
			staggerMs: 0,
			maxInFlight: options.maxInFlight,
		});
		const latencyMs = Math.round(performance.now() - startedAt);
		const others = candidates
			.filter((candidate) => candidate !== winner.target)
			.map((candidate): CandidateAnswer => {
				const last = [...attempts]
					.reverse()
					.find((attempt) => attempt.model === candidate.fusionId);
				return {
					model: candidate.fusionId,
					status: 'error',
					content: null,
					cost_usd: null,
					latency_ms: last?.latency_ms ?? 0,
					error: last?.error?.message ?? 'not called',
				};
			});
		const first = toCandidateAnswer({ target: winner.target, latencyMs, ok: true, result: winner });
		return {
			...winner,
			candidates: [{ ...first, score: 1 }, ...others],
			selection: 'fastest',
			costUsd: first.cost_usd,
			notes: [],
		};
	}

	const asked = await askEveryCandidate(
		candidates,
		request,
		settings,
		attempts,
		options.maxInFlight,
	);
	return chooseAnswer(asked, request, settings, attempts, options);
}

/** Keeps one of the answers by the selection's rule (judge, longest, shortest, consensus). */
async function chooseAnswer(
	{ outcomes, answered }: CandidatesAsked,
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	options: BestOfOptions,
): Promise<BestOfResult> {
	const contents = answered.map((outcome) => outcome.result.answer.content);
	// JSON answers (all of them are, or none) are compared as values, texts by their words.
	const agreement = (): number[] =>
		request.response_format?.type === 'json_object' ||
		request.response_format?.type === 'json_schema'
			? consensusScores(
					answered.map(({ result }) => result.parsed),
					jsonSimilarity,
				)
			: consensusScores(contents, wordSimilarity);
	const notes: string[] = [];
	let scores: number[];
	let selection: string = options.selection;
	let judgeCost: number | null = null;

	if (options.selection === 'judge' && options.judge !== undefined && answered.length > 1) {
		const verdict = await askJudge(options.judge, request, contents, settings, attempts);
		judgeCost = verdict.costUsd;
		if (verdict.index !== undefined) {
			scores = contents.map((_, index) => (index === verdict.index ? 1 : 0));
			selection = `judge ${options.judge.fusionId}`;
		} else {
			scores = agreement();
			selection = 'consensus (judge verdict unusable)';
			notes.push(`best_of judge: ${verdict.problem}; the answer was chosen by consensus instead`);
		}
	} else if (options.selection === 'longest' || options.selection === 'shortest') {
		const direction = options.selection === 'longest' ? 1 : -1;
		scores = contents.map((content) => content.length * direction);
	} else {
		scores = agreement();
		if (options.selection === 'judge') selection = 'consensus (only one answer to judge)';
	}

	const chosen = indexOfBest(scores);
	const scored = new Map(answered.map((outcome, index) => [outcome, scores[index]]));
	const candidateAnswers = outcomes.map((outcome) => {
		const answer = toCandidateAnswer(outcome);
		const score = scored.get(outcome as Outcome & { ok: true });
		return score === undefined
			? answer
			: { ...answer, score: Math.abs(Math.round(score * 1000) / 1000) };
	});
	const winner = answered[chosen];
	return {
		...winner.result,
		target: winner.target,
		candidates: candidateAnswers,
		selection,
		costUsd: addCosts([...candidateAnswers.map((answer) => answer.cost_usd), judgeCost]),
		notes,
	};
}

/**
 * Asks every candidate (in parallel, bounded, nothing streamed), then has the fuser write the final answer from
 * all of theirs, streamed to a live client as it is written. With one answer there is nothing to fuse, and a
 * fuser that fails leaves the choice to consensus; the output says which happened.
 */
async function runFuse(
	candidates: readonly ResolvedModel[],
	request: UnifiedChatRequest,
	settings: CallSettings,
	attempts: Attempt[],
	options: BestOfOptions & { fuser: ResolvedModel; random: () => number },
): Promise<BestOfResult> {
	const quiet = { ...settings, onDelta: undefined };
	const asked = await askEveryCandidate(candidates, request, quiet, attempts, options.maxInFlight);
	let fallback = 'consensus (only one answer to fuse)';
	const notes: string[] = [];
	if (asked.answered.length > 1) {
		const answers = asked.answered.map(({ result }) => result.answer.content);
		const fused = await askFuser(
			options.fuser,
			request,
			shuffled(answers, options.random),
			settings,
			attempts,
		);
		const candidateAnswers = asked.outcomes.map(toCandidateAnswer);
		if (fused.ok) {
			return {
				...fused.result,
				target: options.fuser,
				candidates: candidateAnswers,
				selection: 'fuse',
				costUsd: addCosts([...candidateAnswers.map((answer) => answer.cost_usd), fused.costUsd]),
				notes: [],
			};
		}
		fallback = 'consensus (fuser failed)';
		notes.push(`best_of fuser: ${fused.problem}; the answer was chosen by consensus instead`);
	}
	const chosen = await chooseAnswer(asked, request, quiet, attempts, {
		...options,
		selection: 'consensus',
	});
	if (chosen.answer.content !== '') settings.onDelta?.(chosen.answer.content);
	return { ...chosen, selection: fallback, notes: [...chosen.notes, ...notes] };
}

export const bestOfStrategy: RoutingStrategy<'best_of'> = {
	name: 'best_of',
	label: 'Best Of',
	description: 'Ask every model at once and keep one answer',
	order: async (candidates) => [...candidates],
	route: (candidates, request, { settings, attempts, options, random }) => {
		const bestOf: BestOfOptions = {
			selection: options.selection ?? 'consensus',
			judge: options.judge,
			maxInFlight: options.maxInFlight,
		};
		if (bestOf.selection === 'fuse' && options.judge !== undefined)
			return runFuse(candidates, request, settings, attempts, {
				...bestOf,
				fuser: options.judge,
				random,
			});
		return deliveredInOnePiece(settings, (quiet) =>
			runBestOf(candidates, request, quiet, attempts, bestOf),
		);
	},
};
