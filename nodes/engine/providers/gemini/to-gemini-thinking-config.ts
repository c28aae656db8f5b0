import type { ReasoningEffort } from '../../request/unified-request';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-request-types';
import { geminiModelTraits, type ThinkingBudgetRange } from './gemini-model-traits';

/** Token budgets for Gemini 2.5, clamped into the model's range; `high` takes the model's whole range. */
const BUDGETS: Record<Exclude<ReasoningEffort, 'none' | 'high'>, number> = {
	minimal: 512,
	low: 2_048,
	medium: 8_192,
};

function budgetFor(
	effort: ReasoningEffort,
	range: ThinkingBudgetRange,
	model: string,
	warnings: string[],
): number {
	if (effort === 'none') {
		if (range.canTurnOff) return 0;
		warnings.push(
			`Google Gemini model ${model} cannot turn thinking off; reasoning_effort none was sent as its smallest thinking budget, ${range.min}`,
		);
		return range.min;
	}
	const budget = effort === 'high' ? range.max : BUDGETS[effort];
	return Math.min(range.max, Math.max(range.min, budget));
}

/** The level an effort names, or the nearest the model takes: up for medium, down to the lowest otherwise. */
function levelFor(
	effort: ReasoningEffort,
	levels: readonly GeminiThinkingLevel[],
	model: string,
	warnings: string[],
): GeminiThinkingLevel {
	if (effort !== 'none' && levels.includes(effort)) return effort;
	const level = effort === 'medium' ? 'high' : levels[0];
	warnings.push(
		effort === 'none'
			? `Google Gemini model ${model} cannot turn thinking off; reasoning_effort none was sent as thinkingLevel ${level}`
			: `Google Gemini model ${model} has no thinking level ${effort}; it was sent as ${level}`,
	);
	return level;
}

/**
 * reasoning_effort as Gemini's thinkingConfig: a level for Gemini 3 and later, a token budget for 2.5, nothing (with
 * a warning) for models that do not think. Thought summaries are never asked for: they would not be the answer.
 */
export function toGeminiThinkingConfig(
	effort: ReasoningEffort | undefined,
	model: string,
	warnings: string[],
): GeminiThinkingConfig | undefined {
	if (effort === undefined) return undefined;
	const { thinking } = geminiModelTraits(model);
	switch (thinking.kind) {
		case 'level':
			return {
				thinkingLevel: levelFor(effort, thinking.levels, model, warnings),
				includeThoughts: false,
			};
		case 'budget':
			return {
				thinkingBudget: budgetFor(effort, thinking.range, model, warnings),
				includeThoughts: false,
			};
		case 'none':
			warnings.push(
				`reasoning_effort is not supported by Google Gemini model ${model} and was not sent`,
			);
			return undefined;
	}
}
