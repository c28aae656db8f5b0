import type { IDataObject, INodeExecutionData, IRun, ITaskData } from 'n8n-workflow';
import type { BatchExecution } from './n8n-cli';

function firstTask(run: IRun, nodeName: string): ITaskData {
	const { runData } = run.data.resultData;
	const task = runData[nodeName]?.[0];
	if (task === undefined)
		throw new Error(
			`node "${nodeName}" did not run; these did: ${Object.keys(runData).join(', ')}`,
		);
	return task;
}

/** The items a node sent on its first output the first time it ran. */
export function nodeOutput(run: IRun, nodeName: string): INodeExecutionData[] {
	return firstTask(run, nodeName).data?.main?.[0] ?? [];
}

/** When a node's first run started (epoch ms) and how long n8n measured it to take: its own time, not the workflow's. */
export function nodeTiming(
	run: IRun,
	nodeName: string,
): { startedAt: number; executionTimeMs: number } {
	const { startTime, executionTime } = firstTask(run, nodeName);
	return { startedAt: startTime, executionTimeMs: executionTime };
}

export const outputJson = (run: IRun, nodeName: string): IDataObject[] =>
	nodeOutput(run, nodeName).map((item) => item.json);

/** The run of a workflow an execute-batch ran; throws, with n8n's own error, when it did not succeed. */
export function successfulRunIn(
	batch: ReadonlyMap<string, BatchExecution>,
	workflowId: string,
): IRun {
	const execution = batch.get(workflowId);
	if (execution?.status !== 'success' || execution.run === undefined) {
		throw new Error(
			`workflow ${workflowId} did not succeed in n8n: ${execution?.status ?? 'not run'} ${execution?.error ?? ''}`,
		);
	}
	return execution.run;
}
