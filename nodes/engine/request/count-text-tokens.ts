import type { PromptMeasure } from './prompt-measure';

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;

let countO200k: CountTokens | undefined;

/**
 * o200k_base, the encoding of OpenAI's current models, loaded on first use: its tables take about a second
 * and 40 MB, which only a prompt near some model's context window ever needs.
 */
function o200kCounter(): CountTokens {
	if (countO200k === undefined) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const encoding = require('gpt-tokenizer/cjs/encoding/o200k_base') as {
			countTokens: CountTokens;
		};
		countO200k = encoding.countTokens;
	}
	return countO200k;
}

const counted = new WeakMap<PromptMeasure, number>();

/** The prompt's text in o200k tokens, counted once per request however many candidates ask. */
export function textTokensOf(measure: PromptMeasure): number {
	let tokens = counted.get(measure);
	if (tokens === undefined) {
		// A prompt may quote "<|endoftext|>" and the like: counted as the text it is, not refused.
		tokens = o200kCounter()(measure.text, { disallowedSpecial: new Set() });
		counted.set(measure, tokens);
	}
	return tokens;
}
