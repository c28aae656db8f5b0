import type { ReasoningEffort } from '../../request/unified-request';
import type { AnthropicModelTraits } from './anthropic-model-traits';

/** Anthropic requires max_tokens; this is what a request without one gets. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** Anthropic's documented floor for budget_tokens. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

/**
 * budget_tokens per effort, for models with a fixed budget. `minimal` is Anthropic's floor; the others follow its
 * advice to start small and grow: 16K keeps `high` plus the default answer room (about 20K) under the 32K output
 * limit of the smallest thinking models (Opus 4 and 4.1).
 */
export const ANTHROPIC_THINKING_BUDGETS: Record<Exclude<ReasoningEffort, 'none'>, number> = {
	minimal: ANTHROPIC_MIN_THINKING_BUDGET,
	low: 2048,
	medium: 8192,
	high: 16_384,
};

/** Adaptive thinking's effort levels; OpenAI's `minimal` has no lower counterpart than `low`. */
const ADAPTIVE_EFFORTS: Record<Exclude<ReasoningEffort, 'none'>, 'low' | 'medium' | 'high'> = {
	minimal: 'low',
	low: 'low',
	medium: 'medium',
	high: 'high',
};

/**
 * Room for the answer when the request sets no max_tokens and the model thinks adaptively: thinking counts
 * inside max_tokens, and Anthropic's own examples give 16K.
 */
const ADAPTIVE_DEFAULT_MAX_TOKENS = 16_000;

const NO_THINKING_CONTROL =
	'reasoning_effort was not sent: this Anthropic model has no thinking control';
/**
 * Why a request may not think: its answer comes through a forced tool (the response format), its tool_choice forces
 * a tool (Anthropic allows thinking with neither), or it continues a tool call whose turn's thinking block the
 * chat/completions format did not keep (a model with a fixed budget needs that block to think on).
 */
export type ThinkingBlocker = 'response_format' | 'tool_choice' | 'tool_loop';

const BLOCKED_THINKING: Record<ThinkingBlocker, string> = {
	response_format:
		'reasoning_effort was not sent: this Anthropic model answers to the response format through a forced tool, and Anthropic does not allow thinking with a forced tool',
	tool_choice:
		'reasoning_effort was not sent: tool_choice makes the model call a tool, and Anthropic does not allow thinking then',
	tool_loop:
		"reasoning_effort was not sent: the conversation continues a tool call, and this Anthropic model can think on only with that turn's thinking block, which the chat/completions format does not carry",
};

export type AnthropicThinking =
	| { type: 'enabled'; budget_tokens: number }
	| { type: 'adaptive' }
	| { type: 'disabled' };

export interface AnthropicReasoning {
	thinking?: AnthropicThinking;
	effort?: 'low' | 'medium' | 'high';
	max_tokens: number;
	warnings: string[];
}

/**
 * max_tokens counts thinking and answer together, as OpenAI's max_completion_tokens does, so a request's limit is
 * kept when the budget fits well inside it. Where it does not, the budget is halved to leave the answer room;
 * where even that would fall below Anthropic's floor, max_tokens is raised instead and the request is told so.
 */
function budgetWithin(
	budget: number,
	maxTokens: number | undefined,
): { budget: number; maxTokens: number; warning?: string } {
	if (maxTokens === undefined) return { budget, maxTokens: budget + ANTHROPIC_DEFAULT_MAX_TOKENS };
	if (budget < maxTokens) return { budget, maxTokens };
	const half = Math.floor(maxTokens / 2);
	if (half >= ANTHROPIC_MIN_THINKING_BUDGET) {
		return {
			budget: half,
			maxTokens,
			warning: `the thinking budget for the reasoning effort was lowered to ${half} tokens, half of max_tokens (${maxTokens}), because Anthropic counts thinking inside max_tokens`,
		};
	}
	const raised = ANTHROPIC_MIN_THINKING_BUDGET + maxTokens;
	return {
		budget: ANTHROPIC_MIN_THINKING_BUDGET,
		maxTokens: raised,
		warning: `max_tokens was raised from ${maxTokens} to ${raised}: Anthropic counts thinking inside max_tokens and needs a budget of at least ${ANTHROPIC_MIN_THINKING_BUDGET} tokens`,
	};
}

function turnedOff(traits: AnthropicModelTraits, maxTokens: number): AnthropicReasoning {
	if (traits.thinking === 'none') return { max_tokens: maxTokens, warnings: [] };
	if (traits.thinkingAlwaysOn) {
		return {
			effort: 'low',
			max_tokens: maxTokens,
			warnings: [
				'reasoning_effort none cannot be honoured: this Anthropic model always thinks; it was sent with effort low',
			],
		};
	}
	return { thinking: { type: 'disabled' }, max_tokens: maxTokens, warnings: [] };
}

/**
 * Models that think adaptively may think unasked (Sonnet 5 does by default), which a forced tool does not allow,
 * so thinking is turned off in so many words.
 */
function withoutThinking(
	effort: ReasoningEffort | undefined,
	traits: AnthropicModelTraits,
	maxTokens: number,
	blocker: ThinkingBlocker,
): AnthropicReasoning {
	const warnings =
		effort === undefined || effort === 'none'
			? []
			: [traits.thinking === 'none' ? NO_THINKING_CONTROL : BLOCKED_THINKING[blocker]];
	return traits.thinking === 'adaptive' && !traits.thinkingAlwaysOn
		? { thinking: { type: 'disabled' }, max_tokens: maxTokens, warnings }
		: { max_tokens: maxTokens, warnings };
}

/**
 * reasoning_effort as Anthropic's thinking controls: adaptive thinking with an effort where the model has it,
 * else a fixed budget. Where something blocks thinking, the response format or the tools decide the answer's
 * shape, so thinking gives way, with a warning.
 */
export function toAnthropicReasoning(
	effort: ReasoningEffort | undefined,
	maxTokens: number | undefined,
	traits: AnthropicModelTraits,
	blocker: ThinkingBlocker | undefined,
): AnthropicReasoning {
	const answerRoom = maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
	if (blocker !== undefined) return withoutThinking(effort, traits, answerRoom, blocker);
	if (effort === undefined) return { max_tokens: answerRoom, warnings: [] };
	if (effort === 'none') return turnedOff(traits, answerRoom);
	if (traits.thinking === 'none') {
		return {
			max_tokens: answerRoom,
			warnings: [NO_THINKING_CONTROL],
		};
	}
	if (traits.thinking === 'adaptive') {
		return {
			thinking: { type: 'adaptive' },
			effort: ADAPTIVE_EFFORTS[effort],
			max_tokens: maxTokens ?? ADAPTIVE_DEFAULT_MAX_TOKENS,
			warnings: [],
		};
	}
	const fitted = budgetWithin(ANTHROPIC_THINKING_BUDGETS[effort], maxTokens);
	return {
		thinking: { type: 'enabled', budget_tokens: fitted.budget },
		max_tokens: fitted.maxTokens,
		warnings: fitted.warning === undefined ? [] : [fitted.warning],
	};
}
