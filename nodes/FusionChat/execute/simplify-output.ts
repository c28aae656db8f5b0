import type { IDataObject } from 'n8n-workflow';
import type { Attempt, ChatCompletionOutput } from '../../engine';
import { parsedAnswerOf } from './parsed-output';

function outcomeOf(attempt: Attempt): string {
	switch (attempt.status) {
		case 'ok':
			return 'ok';
		case 'cancelled':
			return 'stopped';
		case 'skipped':
			return `skipped (${attempt.reason ?? attempt.error?.message ?? 'not called'})`;
		case 'error':
			return attempt.error?.http_status !== undefined
				? `HTTP ${attempt.error.http_status}`
				: (attempt.error?.type ?? 'error');
	}
}

/**
 * The attempts in one line, e.g. "openai/gpt-4o-mini: HTTP 500 ×3 → anthropic/claude-haiku-4-5: ok". Repeats
 * of one outcome (retries) are counted; best_of's calls ran side by side, so they are listed, not chained.
 */
export function summarizeAttempts(
	attempts: readonly Attempt[],
	strategy: string,
	cached: boolean,
): string {
	if (cached && attempts.length === 0) return 'answered from the cache';
	const runs: Array<{ text: string; count: number }> = [];
	for (const attempt of attempts) {
		const text = `${attempt.role === 'judge' ? 'judge ' : ''}${attempt.model}: ${outcomeOf(attempt)}`;
		const previous = runs[runs.length - 1];
		if (previous?.text === text) previous.count++;
		else runs.push({ text, count: 1 });
	}
	return runs
		.map((run) => (run.count > 1 ? `${run.text} ×${run.count}` : run.text))
		.join(strategy === 'best_of' ? ', ' : ' → ');
}

/** What most workflows need from an answer, as top-level fields: the next node reads `{{ $json.answer }}`. */
export function toSimplifiedOutput(output: ChatCompletionOutput): IDataObject {
	const [choice] = output.choices;
	const parsed = parsedAnswerOf(output);
	return {
		answer: choice.message.content,
		// Beside the answer, so that a Switch on finish_reason "tool_calls" finds the calls to run next to it.
		...(choice.message.tool_calls !== undefined && {
			tool_calls: choice.message.tool_calls as unknown as IDataObject[],
		}),
		...(parsed !== undefined && { parsed: parsed as IDataObject }),
		// A model that refused (and no other answered) leaves the answer null and says why here.
		...(choice.message.refusal !== null && { refusal: choice.message.refusal }),
		model: output.model,
		finish_reason: choice.finish_reason,
		cost_usd: output.fusion.cost_usd,
		total_tokens: output.usage.total_tokens,
		latency_ms: output.fusion.latency_ms,
		attempts: summarizeAttempts(
			output.fusion.attempts,
			output.fusion.strategy,
			output.fusion.cached,
		),
	};
}
