import type { IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

/** The items a node sent on its first output the first time it ran. */
export function nodeOutput(run: IRun, nodeName: string): INodeExecutionData[] {
	const { runData } = run.data.resultData;
	const task = runData[nodeName]?.[0];
	if (task === undefined) throw new Error(`node "${nodeName}" did not run; these did: ${Object.keys(runData).join(', ')}`);
	return task.data?.main?.[0] ?? [];
}

export const outputJson = (run: IRun, nodeName: string): IDataObject[] => nodeOutput(run, nodeName).map((item) => item.json);
