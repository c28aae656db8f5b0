import { skippedAttempt, type Attempt } from '../call/attempt';
import { toModelCallRequest } from '../call/model-call';
import {
	capabilityGap,
	type CapabilityNeeds,
	type KnownCapabilities,
} from '../catalog/capability-gap';
import { partTypesOf } from '../request/message-content';
import { measurePrompt } from '../request/prompt-measure';
import {
	maxOutputTokens,
	type ChatMessage,
	type UnifiedChatRequest,
} from '../request/unified-request';
import type { Candidate } from '../strategies/candidate';
import { performanceScore } from '../strategies/performance-score';
import type { CandidateObservations } from '../strategies/routing-strategy';
import { contextWindowViolation } from './context-window';
import type { ModelStatus } from './model-status';

export interface ScreenResult {
	eligible: Candidate[];
	/** One `skipped` attempt per candidate left out, saying why. */
	skipped: Attempt[];
	/** By fusion id: why the catalog says an eligible candidate has no control for the request's reasoning_effort. */
	reasoningGaps: ReadonlyMap<string, string>;
}

/** A turn of a tool conversation: a model that cannot call tools cannot read it either. */
function isToolTurn(message: ChatMessage): boolean {
	return (
		message.role === 'tool' || (message.role === 'assistant' && message.tool_calls !== undefined)
	);
}

/** What the request needs that changes the answer's nature: a model without it is not called. */
function answerNeedsOf(request: UnifiedChatRequest): CapabilityNeeds {
	const parts = partTypesOf(request.messages);
	return {
		image: parts.has('image'),
		pdf: parts.has('pdf'),
		jsonSchema: request.response_format?.type === 'json_schema',
		tools: request.tools !== undefined || request.messages.some(isToolTurn),
	};
}

function knownCapabilitiesOf(candidate: Candidate): KnownCapabilities | undefined {
	// The gap names the model as the user wrote it, alias or not.
	return candidate.catalog && { ...candidate.catalog, id: candidate.fusionId };
}

/** Why a candidate cannot take the request, from its catalog entry or its provider's adapter; else undefined. */
function capabilityViolation(
	candidate: Candidate,
	request: UnifiedChatRequest,
	needs: CapabilityNeeds,
): string | undefined {
	return (
		capabilityGap(knownCapabilitiesOf(candidate), needs) ??
		candidate.provider.adapter.requestGap?.(
			toModelCallRequest(request, candidate.upstreamModel, candidate.catalog?.capabilities),
		)
	);
}

/** A reasoning effort a model has no control for is a warning, never a skip: the answer is still an answer. */
function reasoningGap(candidate: Candidate, request: UnifiedChatRequest): string | undefined {
	if (request.reasoning_effort === undefined) return undefined;
	const gap = capabilityGap(knownCapabilitiesOf(candidate), { reasoning: true });
	return gap === undefined ? undefined : `reasoning_effort: ${gap}`;
}

/** Why the request's own constraints rule a candidate out, or undefined when they allow it. */
function constraintViolation(
	candidate: Candidate,
	observations: CandidateObservations,
): string | undefined {
	const cap = candidate.maxCostPer1kTokens;
	if (cap !== undefined) {
		if (candidate.pricing === undefined)
			return `price unknown, so max_cost_per_1k_tokens ${cap} cannot be checked`;
		const highest = Math.max(candidate.pricing.prompt_tokens, candidate.pricing.completion_tokens);
		if (highest > cap)
			return `price ${highest} USD per 1K tokens is above max_cost_per_1k_tokens ${cap}`;
	}
	const minimum = candidate.minPerformanceScore;
	if (minimum !== undefined) {
		const score = performanceScore(candidate, observations(candidate));
		if (score === undefined)
			return `no performance score known, so min_performance_score ${minimum} cannot be checked`;
		if (score < minimum)
			return `performance score ${score.toFixed(3)} is below min_performance_score ${minimum}`;
	}
	return undefined;
}

/**
 * Leaves out candidates that cannot take the request (an image, a PDF, a JSON schema or tools their model or
 * provider cannot honour, a prompt too long for their context window; a model the catalog does not know is
 * tried), candidates over their price cap or under their
 * score floor, and models cooling down after repeated failures on this credential. If every remaining model is
 * cooling down they are all kept: trying a recently failing model beats failing the item without a call.
 */
export function screenCandidates(
	candidates: readonly Candidate[],
	request: UnifiedChatRequest,
	status: ModelStatus,
	now: number = Date.now(),
): ScreenResult {
	const needs = answerNeedsOf(request);
	const measure = measurePrompt(request);
	const answerLimit = maxOutputTokens(request);
	const skipped: Attempt[] = [];
	const allowed: Candidate[] = [];
	const reasoningGaps = new Map<string, string>();
	for (const candidate of candidates) {
		const violation =
			capabilityViolation(candidate, request, needs) ??
			contextWindowViolation(candidate, measure, answerLimit) ??
			constraintViolation(candidate, status.observations);
		if (violation !== undefined) {
			skipped.push(skippedAttempt(candidate, violation));
			continue;
		}
		allowed.push(candidate);
		const gap = reasoningGap(candidate, request);
		if (gap !== undefined) reasoningGaps.set(candidate.fusionId, gap);
	}
	const healthy: Candidate[] = [];
	const cooling: Attempt[] = [];
	for (const candidate of allowed) {
		const remaining = status.cooldownRemainingMs(candidate, now);
		if (remaining === 0) healthy.push(candidate);
		else
			cooling.push(
				skippedAttempt(
					candidate,
					`cooling down after repeated failures (${Math.ceil(remaining / 1000)} s left)`,
				),
			);
	}
	if (healthy.length === 0) return { eligible: allowed, skipped, reasoningGaps };
	return { eligible: healthy, skipped: [...skipped, ...cooling], reasoningGaps };
}
