import type { ProviderDefinition } from '../providers/provider-registry';
import { textTokensOf } from '../request/count-text-tokens';
import { pdfPageCount, type PromptMeasure } from '../request/prompt-measure';
import type { Candidate } from '../strategies/candidate';

/** A few tokens of framing per message (role markers), as OpenAI's cookbook counts them. */
const TOKENS_PER_MESSAGE = 4;

/** The most any provider's rule of thumb below gives one image: the upper bound needs no decoding. */
const MAX_IMAGE_TOKENS = 1_600;

/**
 * Each provider's published rule of thumb for media, at the low end where it gives a range, so that a
 * candidate is skipped only when the prompt surely does not fit (a call that overflows fails over anyway).
 * - OpenAI (images-vision guide): 85 tokens at detail low, 765 for a typical 1024×1024 image at high.
 *   PDFs: each page's text and an image of it; the image alone is counted.
 * - Anthropic (vision, PDF support): about width × height / 750, at most ≈ 1,600 for an image; 1,500–3,000 per
 *   PDF page.
 * - Gemini (token counting): 258 per image up to 384 px (larger ones in 258-token tiles), 258 per PDF page.
 */
const MEDIA_TOKENS = {
	openai: { imageLow: 85, image: 765, pdfPage: 765 },
	anthropic: { imageLow: 1_600, image: 1_600, pdfPage: 1_500 },
	gemini: { imageLow: 258, image: 258, pdfPage: 258 },
} as const;

function mediaRulesOf(provider: ProviderDefinition) {
	if (provider.id === 'anthropic') return MEDIA_TOKENS.anthropic;
	if (provider.id === 'google') return MEDIA_TOKENS.gemini;
	return MEDIA_TOKENS.openai;
}

/** No tokenizer makes more tokens than the text has UTF-8 bytes; a PDF has no bound before its pages are counted. */
function upperBoundOf(measure: PromptMeasure): number {
	if (measure.pdfs.length > 0) return Number.POSITIVE_INFINITY;
	return (
		measure.textBytes +
		measure.imageDetails.length * MAX_IMAGE_TOKENS +
		measure.messageCount * TOKENS_PER_MESSAGE
	);
}

const pageCounts = new WeakMap<PromptMeasure, number>();

function pdfPagesOf(measure: PromptMeasure): number {
	let pages = pageCounts.get(measure);
	if (pages === undefined) {
		pages = measure.pdfs.reduce((sum, pdf) => sum + pdfPageCount(pdf), 0);
		pageCounts.set(measure, pages);
	}
	return pages;
}

/**
 * The prompt's tokens for this provider: the text counted with o200k_base, OpenAI's current encoding, and used
 * as the estimate for other providers too (their tokenizers count English text within about a fifth of it,
 * and an estimate on the low side errs towards calling); media by the provider's rule of thumb.
 */
export function estimatedPromptTokens(
	measure: PromptMeasure,
	provider: ProviderDefinition,
): number {
	const rules = mediaRulesOf(provider);
	const images = measure.imageDetails.reduce(
		(sum, detail) => sum + (detail === 'low' ? rules.imageLow : rules.image),
		0,
	);
	const pdfs = measure.pdfs.length === 0 ? 0 : pdfPagesOf(measure) * rules.pdfPage;
	return textTokensOf(measure) + images + pdfs + measure.messageCount * TOKENS_PER_MESSAGE;
}

/**
 * Why the candidate's context window (from the catalog) cannot hold the prompt and the answer's token limit;
 * undefined when it can or the window is unknown. Most prompts are settled by the byte bound, without
 * tokenizing anything.
 */
export function contextWindowViolation(
	candidate: Candidate,
	measure: PromptMeasure,
	maxOutputTokens: number | undefined,
): string | undefined {
	const window = candidate.catalog?.contextWindow;
	if (window === undefined) return undefined;
	const answer = maxOutputTokens ?? 0;
	if (upperBoundOf(measure) + answer <= window) return undefined;
	const prompt = estimatedPromptTokens(measure, candidate.provider);
	if (prompt + answer <= window) return undefined;
	const withAnswer = maxOutputTokens === undefined ? '' : ` + max_tokens ${maxOutputTokens}`;
	return `the prompt (about ${prompt.toLocaleString('en-US')} tokens)${withAnswer} does not fit its context window of ${window.toLocaleString('en-US')} tokens`;
}
