import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

/** One `getNodeParameter` call: the parameter's name, the item it was read for, and when (Date.now()). */
export interface ParameterRead {
	name: string;
	itemIndex: number;
	at: number;
}

/**
 * The node type with every `getNodeParameter` call of its execute method recorded in `reads`, in order. The
 * calls still go to n8n's own implementation, unchanged.
 */
export function recordParameterReads(nodeType: INodeType): {
	nodeType: INodeType;
	reads: ParameterRead[];
} {
	const { execute } = nodeType;
	if (execute === undefined)
		throw new Error(`${nodeType.description.name} has no execute method to record`);
	const reads: ParameterRead[] = [];
	const recording: INodeType = Object.create(nodeType);
	recording.execute = async function (this: IExecuteFunctions) {
		const read = this.getNodeParameter.bind(this) as (
			name: string,
			itemIndex: number,
			...rest: unknown[]
		) => unknown;
		this.getNodeParameter = ((name: string, itemIndex: number, ...rest: unknown[]) => {
			reads.push({ name, itemIndex, at: Date.now() });
			return read(name, itemIndex, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		return await execute.call(this);
	};
	return { nodeType: recording, reads };
}

/** The items each parameter was read for, by name, in the order of the reads. */
export function itemsReadByName(reads: ParameterRead[]): Record<string, number[]> {
	const byName: Record<string, number[]> = {};
	for (const { name, itemIndex } of reads) (byName[name] ??= []).push(itemIndex);
	return byName;
}
