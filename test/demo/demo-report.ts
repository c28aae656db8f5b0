/**
 * The headless demo's report: for each Fusion Chat node of each sample workflow, one row per item with the
 * model that answered, the cost, how the answer was reached and the answer itself, trimmed to the terminal.
 */
import type { IDataObject } from 'n8n-workflow';

export interface ReportRow {
	item: number;
	/** The model that answered, or '' for an item that failed. */
	model: string;
	costUsd: number | null;
	/** How the answer was reached: first try, after failures, a panel's verdict. */
	route: string;
	/** The answer, or the error of a failed item. */
	answer: string;
}

export interface ReportSection {
	workflow: string;
	node: string;
	rows: ReportRow[];
	/** Set when the workflow did not succeed: n8n's reason. */
	failure?: string;
}

interface Attempt {
	model?: string;
	status?: string;
	error?: { type?: string; http_status?: number };
}

/** "503", "timeout", "skipped": what became of one attempt, short enough for a table cell. */
function outcomeOf(attempt: Attempt): string {
	if (attempt.status === 'skipped') return 'skipped';
	return attempt.error?.http_status !== undefined
		? `HTTP ${attempt.error.http_status}`
		: (attempt.error?.type ?? attempt.status ?? '?');
}

/** The attempts before the answer, runs of the same model and outcome merged: "openai/x (HTTP 503 ×2)". */
function describeRoute(fusion: IDataObject, answeredBy: string): string {
	const candidates = fusion.candidates as unknown[] | undefined;
	if (Array.isArray(candidates))
		return `best of ${candidates.length}, ${String(fusion.selection ?? 'consensus')}`;
	if (fusion.cached === true) return 'from the cache';
	const attempts = ((fusion.attempts as Attempt[] | undefined) ?? []).filter(
		(attempt) => !(attempt.status === 'ok' && attempt.model === answeredBy),
	);
	if (attempts.length === 0) return 'first try';
	const runs: Array<{ model: string; outcome: string; count: number }> = [];
	for (const attempt of attempts) {
		const model = attempt.model ?? '?';
		const outcome = outcomeOf(attempt);
		const last = runs[runs.length - 1];
		if (last?.model === model && last.outcome === outcome) last.count++;
		else runs.push({ model, outcome, count: 1 });
	}
	return `after ${runs.map((run) => `${run.model} (${run.outcome}${run.count > 1 ? ` ×${run.count}` : ''})`).join(', ')}`;
}

/**
 * One row per Fusion Chat output item: a simplified answer (`answer`, `attempts` in one line), the full
 * OpenAI-shaped response, or an `{ error }` item.
 */
export function reportRows(items: IDataObject[]): ReportRow[] {
	return items.map((item, index) => {
		const model = String(item.model ?? '');
		if (typeof item.answer === 'string') {
			return {
				item: index + 1,
				model,
				costUsd: typeof item.cost_usd === 'number' ? item.cost_usd : null,
				route: String(item.attempts ?? ''),
				answer: item.answer,
			};
		}
		const fusion = (item.fusion as IDataObject | undefined) ?? {};
		const choices = item.choices as Array<{ message?: { content?: unknown } }> | undefined;
		if (choices === undefined) {
			return {
				item: index + 1,
				model: '',
				costUsd: null,
				route: 'failed',
				answer: String(item.error ?? 'no answer'),
			};
		}
		return {
			item: index + 1,
			model,
			costUsd: typeof fusion.cost_usd === 'number' ? fusion.cost_usd : null,
			route: describeRoute(fusion, model),
			answer: String(choices[0]?.message?.content ?? ''),
		};
	});
}

const formatCost = (cost: number | null) => (cost === null ? 'n/a' : `$${cost.toFixed(6)}`);

function fit(text: string, width: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

/** The sections as tables, each column as wide as its widest cell; the answer takes what is left of `width`. */
export function formatReport(sections: ReportSection[], width: number): string {
	const lines: string[] = [];
	const headings = {
		item: '#',
		model: 'answered by',
		cost: 'cost',
		route: 'how',
		answer: 'answer',
	};
	for (const section of sections) {
		lines.push('', `${section.workflow}  ›  ${section.node}`);
		if (section.failure !== undefined) {
			lines.push(`  FAILED: ${section.failure.replace(/\n/g, '\n          ')}`);
			continue;
		}
		const cells = section.rows.map((row) => ({
			item: String(row.item),
			model: row.model || '-',
			cost: formatCost(row.costUsd),
			route: row.route,
			answer: row.answer,
		}));
		const widthOf = (column: keyof typeof headings) =>
			Math.max(headings[column].length, ...cells.map((cell) => cell[column].length));
		const columns = {
			item: widthOf('item'),
			model: widthOf('model'),
			cost: widthOf('cost'),
			route: widthOf('route'),
		};
		const answerWidth = Math.max(
			24,
			width - 2 - (columns.item + columns.model + columns.cost + columns.route + 4 * 2),
		);
		const line = (cell: typeof headings) =>
			`  ${cell.item.padStart(columns.item)}  ${cell.model.padEnd(columns.model)}  ${cell.cost.padStart(columns.cost)}  ${cell.route.padEnd(columns.route)}  ${fit(cell.answer, answerWidth)}`.trimEnd();
		lines.push(line(headings));
		for (const cell of cells) lines.push(line(cell));
	}
	const answered = sections.flatMap((section) => section.rows).filter((row) => row.model !== '');
	const total = answered.reduce((sum, row) => sum + (row.costUsd ?? 0), 0);
	lines.push(
		'',
		`${answered.length} ${answered.length === 1 ? 'item' : 'items'} answered, total cost ${formatCost(total)}`,
	);
	return lines.join('\n');
}
