import type {
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeParameters,
	IWorkflowSettings,
} from 'n8n-workflow';

/** A workflow as `n8n import:workflow` takes it. */
export interface WorkflowToImport {
	id: string;
	name: string;
	active: false;
	nodes: INode[];
	connections: IConnections;
	settings: IWorkflowSettings;
}

export type NodeSpec = Pick<INode, 'name' | 'type' | 'typeVersion' | 'parameters'> &
	Pick<INode, 'credentials' | 'onError'>;

/**
 * Nodes wired one after the other, first to last, as a user draws a simple automation. `n8n execute` starts
 * at the Manual Trigger, so the first node should be one.
 */
export function linearWorkflow(id: string, name: string, nodes: NodeSpec[]): WorkflowToImport {
	const connections: IConnections = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		active: false,
		nodes: nodes.map((node, index) => ({
			...node,
			id: `${id}-node-${index}`,
			position: [index * 220, 0],
		})),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export const manualTrigger = (): NodeSpec => ({
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
});

/** A Code node that emits these items, as a spreadsheet or an API would upstream of Fusion Chat. */
export const codeItems = (name: string, items: IDataObject[]): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
});

/** A Code node that emits one item per request, under `request`: the items Fusion Chat's JSON mode reads. */
export const requestItems = (name: string, requests: IDataObject[]): NodeSpec =>
	codeItems(
		name,
		requests.map((request) => ({ request })),
	);

/** Fusion Chat's parameters in JSON mode, each item's request read from its `request` field. */
export const jsonModeParameters = (
	providers: string[],
	options: INodeParameters = {},
): INodeParameters => ({
	providers,
	inputMode: 'json',
	requestJson: '={{ $json.request }}',
	options,
});

/** A file an item carries in a binary field, as a node that reads files (disk, mail, HTTP) outputs it. */
export interface ItemFile {
	field: string;
	base64: string;
	mimeType: string;
	fileName: string;
}

/** A Code node that emits one item with these files in its binary fields. */
export const codeItemWithFiles = (name: string, json: IDataObject, files: ItemFile[]): NodeSpec => {
	const binary = Object.fromEntries(
		files.map((file) => [
			file.field,
			{ data: file.base64, mimeType: file.mimeType, fileName: file.fileName },
		]),
	);
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return [{ json: ${JSON.stringify(json)}, binary: ${JSON.stringify(binary)} }];`,
		},
	};
};

/** A Set node ("Edit Fields") whose fields are expressions over the incoming item. */
export const setFields = (name: string, fields: Record<string, string>): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		assignments: {
			assignments: Object.entries(fields).map(([field, value], index) => ({
				id: `field-${index}`,
				name: field,
				type: 'string',
				value,
			})),
		},
		options: {},
	},
});

export interface FusionChatSpec {
	/** `n8n-nodes-fusion` for the community package, `CUSTOM` for ~/.n8n/custom. */
	nodeTypePrefix: string;
	name?: string;
	parameters: INodeParameters;
	credentials: INodeCredentials;
	continueOnFail?: boolean;
	/** Version 1 by default: what workflows saved before version 2 (Simplify Output) hold. */
	typeVersion?: number;
}

export const fusionChat = (spec: FusionChatSpec): NodeSpec => ({
	name: spec.name ?? 'Fusion Chat',
	type: `${spec.nodeTypePrefix}.fusionChat`,
	typeVersion: spec.typeVersion ?? 1,
	parameters: spec.parameters,
	credentials: spec.credentials,
	onError: spec.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
});

export interface FusionModelsSpec {
	/** `n8n-nodes-fusion` for the community package, `CUSTOM` for ~/.n8n/custom. */
	nodeTypePrefix: string;
	name?: string;
	parameters: INodeParameters;
	/** Only the live source uses credentials: the bundled catalog lists offline. */
	credentials?: INodeCredentials;
}

export const fusionModels = (spec: FusionModelsSpec): NodeSpec => ({
	name: spec.name ?? 'Fusion Models',
	type: `${spec.nodeTypePrefix}.fusionModels`,
	typeVersion: 1,
	parameters: spec.parameters,
	...(spec.credentials === undefined ? {} : { credentials: spec.credentials }),
});

/** The resource locator value the editor saves for a model typed "By ID". */
export const modelById = (id: string) => ({ __rl: true, mode: 'id', value: id });
