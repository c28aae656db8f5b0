import { toGeminiThinkingConfig } from '../../../../nodes/engine/providers/gemini/to-gemini-thinking-config';
import type { ReasoningEffort } from '../../../../nodes/engine/request/unified-request';

function convert(effort: ReasoningEffort | undefined, model: string) {
	const warnings: string[] = [];
	return { config: toGeminiThinkingConfig(effort, model, warnings), warnings };
}

describe('toGeminiThinkingConfig', () => {
	it('sends nothing when no effort is asked', () => {
		expect(convert(undefined, 'gemini-2.5-flash')).toEqual({ config: undefined, warnings: [] });
	});

	it.each([
		['gemini-2.5-flash', 'none', 0],
		['gemini-2.5-flash', 'minimal', 512],
		['gemini-2.5-flash', 'low', 2048],
		['gemini-2.5-flash', 'medium', 8192],
		['gemini-2.5-flash', 'high', 24_576],
		['gemini-2.5-pro', 'minimal', 512],
		['gemini-2.5-pro', 'high', 32_768],
		['gemini-2.5-flash-lite', 'none', 0],
		['gemini-2.5-flash-lite', 'high', 24_576],
		['models/gemini-2.5-flash-preview-09-2025', 'low', 2048],
	] as const)('gives %s a thinking budget for %s: %d', (model, effort, budget) => {
		expect(convert(effort, model)).toEqual({
			config: { thinkingBudget: budget, includeThoughts: false },
			warnings: [],
		});
	});

	it('sends 2.5 Pro, which always thinks, its smallest budget for none, with a warning', () => {
		expect(convert('none', 'gemini-2.5-pro')).toEqual({
			config: { thinkingBudget: 128, includeThoughts: false },
			warnings: [
				'Google Gemini model gemini-2.5-pro cannot turn thinking off; reasoning_effort none was sent as its smallest thinking budget, 128',
			],
		});
	});

	it.each([
		['gemini-3-flash-preview', 'minimal', 'minimal'],
		['gemini-3-flash-preview', 'medium', 'medium'],
		['gemini-3-pro-preview', 'low', 'low'],
		['gemini-3-pro-preview', 'high', 'high'],
		['gemini-3.1-pro-preview', 'medium', 'medium'],
		['gemini-flash-latest', 'high', 'high'],
	] as const)('gives %s the thinking level %s as %s', (model, effort, level) => {
		expect(convert(effort, model)).toEqual({
			config: { thinkingLevel: level, includeThoughts: false },
			warnings: [],
		});
	});

	it.each([
		[
			'gemini-3-pro-preview',
			'medium',
			'high',
			'Google Gemini model gemini-3-pro-preview has no thinking level medium; it was sent as high',
		],
		[
			'gemini-3-pro-preview',
			'minimal',
			'low',
			'Google Gemini model gemini-3-pro-preview has no thinking level minimal; it was sent as low',
		],
		[
			'gemini-3-flash-preview',
			'none',
			'minimal',
			'Google Gemini model gemini-3-flash-preview cannot turn thinking off; reasoning_effort none was sent as thinkingLevel minimal',
		],
		[
			'gemini-3.1-pro-preview',
			'none',
			'low',
			'Google Gemini model gemini-3.1-pro-preview cannot turn thinking off; reasoning_effort none was sent as thinkingLevel low',
		],
	] as const)(
		'sends %s effort %s as the nearest level it has, %s, with a warning',
		(model, effort, level, warning) => {
			expect(convert(effort, model)).toEqual({
				config: { thinkingLevel: level, includeThoughts: false },
				warnings: [warning],
			});
		},
	);

	it.each(['gemini-2.0-flash', 'gemini-1.5-pro', 'gemma-3-27b-it'])(
		'warns that %s, which does not think, was sent no reasoning effort',
		(model) => {
			expect(convert('high', model)).toEqual({
				config: undefined,
				warnings: [
					`reasoning_effort is not supported by Google Gemini model ${model} and was not sent`,
				],
			});
		},
	);
});
