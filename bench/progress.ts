const startedAt = Date.now();

/** Progress goes to stderr, so that stdout carries only the results. */
export function progress(message: string): void {
	const seconds = ((Date.now() - startedAt) / 1000).toFixed(0).padStart(4);
	process.stderr.write(`[bench ${seconds} s] ${message}\n`);
}
