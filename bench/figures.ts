/** A percentile by nearest rank: p99 of 200 samples is the 198th smallest, a value that was really measured. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) throw new Error('percentile of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values: readonly number[]): number => {
	if (values.length === 0) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export interface Target {
	/** The figure must stay at or below the limit ('max') or reach it ('min'). */
	kind: 'max' | 'min';
	limit: number;
}

/** One row of the table: a figure measured in several runs, reported as the median of those runs. */
export interface Figure {
	part: string;
	name: string;
	unit: string;
	/** One value per run; the reported figure is their median. */
	runs: number[];
	target?: Target;
	decimals?: number;
	/** What the reader needs to interpret the number (the baseline it is measured against, the setting used). */
	note?: string;
}

export const measured = (figure: Figure): number => median(figure.runs);

export function passes(figure: Figure): boolean | undefined {
	if (figure.target === undefined) return undefined;
	const value = measured(figure);
	return figure.target.kind === 'max' ? value <= figure.target.limit : value >= figure.target.limit;
}

function formatValue(value: number, figure: Figure): string {
	return `${value.toFixed(figure.decimals ?? 1)}${figure.unit}`;
}

function formatTarget(figure: Figure): string {
	if (figure.target === undefined) return '—';
	return `${figure.target.kind === 'max' ? '≤' : '≥'} ${formatValue(figure.target.limit, figure)}`;
}

function formatRuns(figure: Figure): string {
	if (figure.runs.length === 1) return '1 run';
	const low = Math.min(...figure.runs);
	const high = Math.max(...figure.runs);
	return `${figure.runs.length} runs, ${formatValue(low, figure)} … ${formatValue(high, figure)}`;
}

/** The results as a Markdown table, ready for RESULTS.md. */
export function formatTable(figures: readonly Figure[]): string {
	const header = [
		'part',
		'figure',
		'target',
		'measured (median)',
		'spread over runs',
		'result',
		'note',
	];
	const rows = figures.map((figure) => {
		const verdict = passes(figure);
		return [
			figure.part,
			figure.name,
			formatTarget(figure),
			formatValue(measured(figure), figure),
			formatRuns(figure),
			verdict === undefined ? '—' : verdict ? 'pass' : '**MISS**',
			figure.note ?? '',
		];
	});
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
