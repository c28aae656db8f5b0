import type { GeminiThinkingLevel } from './gemini-request-types';

/** A Gemini 2.5 model's thinking budget, in tokens (ai.google.dev/gemini-api/docs/thinking, checked 2026-08). */
export interface ThinkingBudgetRange {
	/** The smallest budget that thinks at all. */
	min: number;
	max: number;
	/** Whether a budget of 0 turns thinking off; 2.5 Pro always thinks. */
	canTurnOff: boolean;
}

/** How a model takes reasoning_effort: a level (Gemini 3 and later), a budget (2.5), or not at all. */
export type GeminiThinkingControl =
	| { kind: 'level'; levels: readonly GeminiThinkingLevel[] }
	| { kind: 'budget'; range: ThinkingBudgetRange }
	| { kind: 'none' };

/** What a model's name says about the request shapes it takes. */
export interface GeminiModelTraits {
	thinking: GeminiThinkingControl;
	/**
	 * Gets the schema as `responseJsonSchema` (JSON Schema as is). Gemini 2.0 gets `responseSchema`, the OpenAPI
	 * subset, instead: it orders an answer's keys only by that subset's `propertyOrdering`.
	 */
	takesJsonSchema: boolean;
	/** Fetches a public https URL given as `fileData`; Gemini 2.0 and older do not. */
	fetchesUrls: boolean;
	/** Takes function declarations beside a JSON response format (Gemini 3 and later, and not in ANY mode). */
	toolsWithJsonOutput: boolean;
}

const OLDER_GENERATION: GeminiModelTraits = {
	thinking: { kind: 'none' },
	takesJsonSchema: false,
	fetchesUrls: false,
	toolsWithJsonOutput: false,
};

const BUDGET_RANGES: ReadonlyArray<[RegExp, ThinkingBudgetRange]> = [
	[/^gemini-2\.5-pro/, { min: 128, max: 32_768, canTurnOff: false }],
	[/^gemini-2\.5-flash-lite/, { min: 512, max: 24_576, canTurnOff: true }],
	[/^gemini-2\.5/, { min: 1, max: 24_576, canTurnOff: true }],
];

/**
 * Gemini 3 Pro takes low and high; later Pro models add medium; the Flash and Flash-Lite models up to 3.6 also take
 * minimal. A newer model is assumed to take low, medium and high, the levels every Gemini 3 model after 3 Pro takes.
 */
function thinkingLevelsOf(model: string): readonly GeminiThinkingLevel[] {
	if (/^gemini-3-pro/.test(model)) return ['low', 'high'];
	if (/^gemini-3(\.[0-6])?-flash/.test(model)) return ['minimal', 'low', 'medium', 'high'];
	return ['low', 'medium', 'high'];
}

/**
 * Gemini model names are open-ended (`gemini-flash-latest`, `gemini-3.5-flash-lite-preview-…`): a `gemini-` name of
 * no known older generation gets what the newest models take. Other names served by the Gemini API (Gemma, …) get
 * the oldest, safest shapes.
 */
export function geminiModelTraits(modelName: string): GeminiModelTraits {
	const model = modelName.replace(/^models\//, '').toLowerCase();
	if (!model.startsWith('gemini-') || /^gemini-(1[.-]|2\.0|pro(-vision)?$)/.test(model)) {
		return OLDER_GENERATION;
	}
	const budget = BUDGET_RANGES.find(([pattern]) => pattern.test(model));
	if (budget !== undefined) {
		return {
			thinking: { kind: 'budget', range: budget[1] },
			takesJsonSchema: true,
			fetchesUrls: true,
			toolsWithJsonOutput: false,
		};
	}
	return {
		thinking: { kind: 'level', levels: thinkingLevelsOf(model) },
		takesJsonSchema: true,
		fetchesUrls: true,
		toolsWithJsonOutput: true,
	};
}
