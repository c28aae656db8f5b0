/**
 * Runs one node type through n8n's own execution engine: a real `Workflow`, `WorkflowExecute` and
 * `ExecuteContext` from n8n-core, with the input items emitted by a real upstream trigger node. Only the
 * services a single-node test has no use for are stubbed, each with the reason next to it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type { ExecuteContext } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IBinaryKeyData,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	StructuredChunk,
} from 'n8n-workflow';

// Every execution context asks n8n-core for its InstanceSettings, which writes a settings file into
// N8N_USER_FOLDER (the home directory when unset): a throwaway folder keeps tests off ~/.n8n.
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-fusion-test-'));
process.env.N8N_USER_FOLDER = userFolder;
afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
// n8n's logger would print every error a test provokes on purpose; N8N_LOG_LEVEL=debug brings it back.
process.env.N8N_LOG_LEVEL ??= 'silent';

const EXECUTION_ID = 'test-execution';
const INSTANCE_URL = 'http://localhost:5678';
const INPUT_NODE_NAME = 'Input Items';
const INPUT_ITEMS_NODE_TYPE = 'n8n-nodes-fusion-test.inputItems';

export interface RunNodeInN8nOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** Credential data by credential type; the node is given one saved credential of each type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	inputItems: IDataObject[];
	/** Binary fields of the input items, by item index, as n8n keeps a file in memory (base64 `data`). */
	inputBinary?: Array<IBinaryKeyData | undefined>;
	/** Sets the node's "On Error" setting to "Continue" instead of "Stop Workflow". */
	continueOnFail?: boolean;
	/** Sets the node's "Execute Once" setting: n8n then gives it only the first input item. */
	executeOnce?: boolean;
	/** Credential types besides this package's own (which are always known), or replacing one of them. */
	credentialTypes?: ICredentialType[];
	/**
	 * Makes the execution a streaming one, as a chat trigger or a webhook in streaming mode does: n8n then hands
	 * each chunk the node sends to this handler.
	 */
	onChunk?: (chunk: StructuredChunk) => void;
	/** The node's version; by default the one the editor gives a node it adds. */
	typeVersion?: number;
}

export interface RunNodeInN8nResult {
	/** What the node sent to its first main output. */
	items: INodeExecutionData[];
	/**
	 * The error the node failed with, as thrown (its class intact), whenever n8n recorded one for the node:
	 * also with continueOnFail, where n8n then passes the input items through unchanged.
	 */
	error?: Error;
}

/**
 * Executes `nodeType` as the second node of a two-node workflow, after a trigger that emits `inputItems`,
 * the way the editor's "Test workflow" button does. As in n8n, a node given no input items does not run.
 */
export async function runNodeInN8n(options: RunNodeInN8nOptions): Promise<RunNodeInN8nResult> {
	const { description } = options.nodeType;
	const credentials = options.credentials ?? {};
	const credentialTypes = new Map(
		[...loadPackageCredentialTypes(), ...(options.credentialTypes ?? [])].map((type) => [
			type.name,
			type,
		]),
	);

	const inputNode: INode = {
		id: 'input-items',
		name: INPUT_NODE_NAME,
		type: INPUT_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-fusion.${description.name}`,
		// What the editor gives a node it adds: the type's default version, or else its latest.
		typeVersion:
			options.typeVersion ??
			description.defaultVersion ??
			(Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [200, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [
				type,
				{ id: `credential-${type}`, name: `Test ${type}` },
			]),
		),
		...(options.continueOnFail === true && { onError: 'continueRegularOutput' as const }),
		...(options.executeOnce === true && { executeOnce: true }),
	};

	const thrown: { error?: Error } = {};
	const nodeTypes = new TestNodeTypes({
		[inputNode.type]: createInputItemsNodeType(options.inputItems, options.inputBinary ?? []),
		[nodeUnderTest.type]: recordThrownError(withRoutingExecute(options.nodeType), thrown),
	});
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'Test workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [inputNode, nodeUnderTest],
		connections: {
			[inputNode.name]: {
				main: [[{ node: nodeUnderTest.name, type: NodeConnectionTypes.Main, index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });

	const hooks = new ExecutionLifecycleHooks('manual', EXECUTION_ID, workflowData);
	const { onChunk } = options;
	if (onChunk !== undefined) hooks.addHandler('sendChunk', (chunk) => onChunk(chunk));
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: new InMemoryCredentialsHelper(credentialTypes, credentials),
		hooks,
		streamingEnabled: options.onChunk !== undefined,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executionId: EXECUTION_ID,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${INSTANCE_URL}/rest`,
		instanceBaseUrl: `${INSTANCE_URL}/`,
		formBaseUrl: `${INSTANCE_URL}/form`,
		formWaitingBaseUrl: `${INSTANCE_URL}/form-waiting`,
		formTestBaseUrl: `${INSTANCE_URL}/form-test`,
		webhookBaseUrl: `${INSTANCE_URL}/webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_URL}/webhook-test`,
		mcpBaseUrl: `${INSTANCE_URL}/mcp`,
		mcpTestBaseUrl: `${INSTANCE_URL}/mcp-test`,
		// Stub: sub-workflows belong to the Execute Workflow node, not to a node under test.
		executeWorkflow: async () => {
			throw new UnexpectedError('runNodeInN8n runs no sub-workflows');
		},
		// Stub: only needed to resume waiting or sub-workflow executions, which a single run never has.
		getRunExecutionData: async () => undefined,
		// Stub: runtime credentials come from chat triggers and agents, not from a node's saved credentials.
		getRuntimeCredential: async () => undefined,
		// Stub: task runners execute the Code node's JavaScript and Python only.
		startRunnerTask: async () => {
			throw new UnexpectedError('runNodeInN8n has no task runner');
		},
		// Stub: AI telemetry for n8n's own LangChain nodes; there is nowhere to send it in a test.
		logAiEvent: () => undefined,
	};

	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: inputNode,
		});
	} catch (error) {
		// n8n throws before running anything when the workflow has issues, a required parameter left empty say.
		return { items: [], error: asError(error) };
	}

	const taskData = run.data.resultData.runData[nodeUnderTest.name]?.[0];
	const items = taskData?.data?.[NodeConnectionTypes.Main]?.[0] ?? [];
	const recorded = taskData?.error;
	if (recorded === undefined) return { items };
	// n8n keeps only a plain copy of the error; the thrown instance has the class tests look for, unless
	// the failure happened in n8n itself after the node returned.
	return { items, error: thrown.error ?? Object.assign(new Error(recorded.message), recorded) };
}

/** A manual trigger, like n8n's own, that emits the test's input items. */
function createInputItemsNodeType(
	inputItems: IDataObject[],
	inputBinary: Array<IBinaryKeyData | undefined>,
): INodeType {
	return {
		description: {
			displayName: 'Input Items',
			name: 'inputItems',
			group: ['trigger'],
			version: 1,
			description: 'Emits the items a test gives',
			defaults: { name: INPUT_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			const manualTriggerFunction = async () => {
				const items = this.helpers.returnJsonArray(inputItems);
				inputBinary.forEach((binary, index) => {
					if (binary !== undefined) items[index].binary = binary;
				});
				this.emit([items]);
			};
			return { manualTriggerFunction };
		},
	};
}

/**
 * n8n's server gives a declarative node (routing only, no execute method) an execute method that runs
 * n8n-core's RoutingNode (packages/cli, NodeTypes); doing the same lets the recorder below see its errors.
 */
function withRoutingExecute(nodeType: INodeType): INodeType {
	const isDeclarative = nodeType.description.requestDefaults !== undefined;
	const runsByRouting =
		!nodeType.execute &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarative) &&
		(!nodeType.methods || isDeclarative);
	if (!runsByRouting) return nodeType;
	const routed: INodeType = Object.create(nodeType);
	routed.execute = async function (this: IExecuteFunctions) {
		return (await new RoutingNode(this as ExecuteContext, nodeType).runNode()) ?? [];
	};
	return routed;
}

/**
 * n8n stores a failed node's error as a plain object, which loses its class. This wrapper passes every
 * call through unchanged and keeps the instance the node threw.
 */
function recordThrownError(nodeType: INodeType, thrown: { error?: Error }): INodeType {
	const { execute } = nodeType;
	if (execute === undefined) return nodeType;
	const recording: INodeType = Object.create(nodeType);
	recording.execute = async function (
		this: IExecuteFunctions,
		...args: Parameters<typeof execute>
	) {
		try {
			return await execute.apply(this, args);
		} catch (error) {
			thrown.error = asError(error);
			throw error;
		}
	};
	return recording;
}

function asError(value: unknown): Error {
	return value instanceof Error ? value : new Error(String(value));
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType {
		return this.get(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.get(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private get(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (type === undefined) throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		return type;
	}
}

const CREDENTIALS_DIR = join(__dirname, '..', '..', 'credentials');

/** This package's credential types, found as n8n's loader finds them: each class is named after its file. */
function loadPackageCredentialTypes(): ICredentialType[] {
	return readdirSync(CREDENTIALS_DIR)
		.filter((file) => file.endsWith('.credentials.ts'))
		.map((file) => {
			const className = file.split('.')[0];
			const exported: Record<string, new () => ICredentialType> = require(
				join(CREDENTIALS_DIR, file),
			);
			return new exported[className]();
		});
}

/**
 * Stands in for n8n's database-backed CredentialsHelper (packages/cli, not published as a library): it
 * hands out the test's credential data with the type's defaults filled in, and authenticates requests the
 * way n8n does, so `httpRequestWithAuthentication` and declarative nodes send the real headers.
 */
class InMemoryCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly credentialData: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		// n8n only asks for credentials the node references, and the node references only the given ones.
		const data = this.credentialData[type];
		return NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;
		if (workflow === undefined || node === undefined) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		// As n8n does: each key and value may be an expression over $credentials, and an empty result is ''.
		const resolve = (value: string): string => {
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};
		const target = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			target[outerKey] ??= {};
			for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
				target[outerKey][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	getCredentialsProperties(type: string) {
		return this.getType(type).properties;
	}

	getParentTypes(name: string): string[] {
		return this.getType(name).extends ?? [];
	}

	// Stub: none of the package's credential types restricts itself to a list of nodes.
	isCredentialUsableByNode(): boolean {
		return true;
	}

	// Stub: n8n runs preAuthentication only for types with an expirable token field; these have none.
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	// Stub: the per-request preAuthentication hook serves OAuth2 token data only.
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	// Stub: the stored, encrypted credential is read only to refresh OAuth tokens.
	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('runNodeInN8n keeps no stored credentials');
	}

	// Stub: credentials are written back only by OAuth token refreshes.
	async updateCredentials(): Promise<void> {
		throw new UnexpectedError('runNodeInN8n keeps no stored credentials');
	}

	// Stub: as above, for the OAuth token data alone.
	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UnexpectedError('runNodeInN8n keeps no stored credentials');
	}

	private getType(name: string): ICredentialType {
		const type = this.credentialTypes.get(name);
		if (type === undefined) {
			throw new UnexpectedError(
				`Unknown credential type "${name}": pass it to runNodeInN8n in credentialTypes`,
			);
		}
		return type;
	}
}
