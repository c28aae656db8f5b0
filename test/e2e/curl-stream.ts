import { spawn } from 'node:child_process';

/** A line of n8n's streamed webhook response, and when its last byte arrived. */
export interface StreamedLine {
	type: string;
	content?: string;
	metadata?: { nodeName?: string; itemIndex?: number };
	arrivedAt: number;
}

export interface CurlResult {
	exitCode: number | null;
	lines: StreamedLine[];
	stderr: string;
}

/** `curl -N` as a user would run it, each response line stamped with the time it arrived. */
export function curlStream(url: string, body: unknown): Promise<CurlResult> {
	return new Promise((resolve, reject) => {
		const curl = spawn(
			'curl',
			[
				'-N',
				'-sS',
				'--max-time',
				'60',
				'-X',
				'POST',
				'-H',
				'content-type: application/json',
				'--data',
				JSON.stringify(body),
				url,
			],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		const lines: StreamedLine[] = [];
		let pending = '';
		let stderr = '';
		curl.stdout.on('data', (chunk: Buffer) => {
			const arrivedAt = Date.now();
			pending += chunk.toString('utf8');
			const complete = pending.split('\n');
			pending = complete.pop() ?? '';
			for (const line of complete.filter((text) => text.trim() !== ''))
				lines.push({ ...(JSON.parse(line) as Omit<StreamedLine, 'arrivedAt'>), arrivedAt });
		});
		curl.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		curl.on('error', reject);
		curl.on('close', (exitCode) => {
			if (pending.trim() !== '')
				lines.push({
					...(JSON.parse(pending) as Omit<StreamedLine, 'arrivedAt'>),
					arrivedAt: Date.now(),
				});
			resolve({ exitCode, lines, stderr });
		});
	});
}
