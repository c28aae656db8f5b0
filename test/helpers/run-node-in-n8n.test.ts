import { WorkflowHasIssuesError } from 'n8n-core';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { runNodeInN8n } from './run-node-in-n8n';

const greeterApi: ICredentialType = {
	name: 'greeterApi',
	displayName: 'Greeter API',
	properties: [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	],
};

/** Greets each item by name; an item with `bad: true` fails, as a node's invalid input would. */
const greeterNode: INodeType = {
	description: {
		displayName: 'Greeter',
		name: 'greeter',
		group: ['transform'],
		version: [1, 2],
		description: 'Greets each item',
		defaults: { name: 'Greeter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greeterApi', required: true }],
		properties: [
			{
				displayName: 'Greeting',
				name: 'greeting',
				type: 'string',
				required: true,
				default: 'Hello',
			},
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { token, region } = await this.getCredentials('greeterApi');
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (items[itemIndex].json.bad === true) {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex} is bad`, {
						itemIndex,
						description: 'The test flagged it',
					});
				}
				const greeting = this.getNodeParameter('greeting', itemIndex) as string;
				const json = {
					message: `${greeting}, ${String(items[itemIndex].json.name)}`,
					token,
					region,
					typeVersion: this.getNode().typeVersion,
					cancelled: this.getExecutionCancelSignal()?.aborted,
				};
				output.push(
					...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), {
						itemData: { item: itemIndex },
					}),
				);
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({
					json: { error: (error as Error).message },
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [output];
	},
};

const run = async (
	options: Partial<Parameters<typeof runNodeInN8n>[0]> = {},
): ReturnType<typeof runNodeInN8n> =>
	await runNodeInN8n({
		nodeType: greeterNode,
		parameters: {},
		credentials: { greeterApi: { token: 'secret-token' } },
		credentialTypes: [greeterApi],
		inputItems: [{ name: 'Ada' }, { name: 'Linus' }],
		...options,
	});

describe('runNodeInN8n', () => {
	it('runs the node on the upstream items with its parameters, credentials and latest version', async () => {
		const { items, error } = await run({
			parameters: { greeting: '={{ $json.name === "Ada" ? "Hi" : "Hello" }}' },
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					message: 'Hi, Ada',
					token: 'secret-token',
					region: 'eu',
					typeVersion: 2,
					cancelled: false,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					message: 'Hello, Linus',
					token: 'secret-token',
					region: 'eu',
					typeVersion: 2,
					cancelled: false,
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('fills in parameter defaults the way a saved workflow gets them', async () => {
		const { items } = await run({ inputItems: [{ name: 'Grace' }] });

		expect(items.map((item) => item.json.message)).toEqual(['Hello, Grace']);
	});

	it('returns the error the node threw, with its class, when the node stops the workflow', async () => {
		const { items, error } = await run({ inputItems: [{ name: 'Ada' }, { bad: true }] });

		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Item 1 is bad');
		expect((error as NodeOperationError).description).toBe('The test flagged it');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});

	it('outputs an error item in place of the failed one when the node continues on fail', async () => {
		const { items, error } = await run({
			inputItems: [{ name: 'Ada' }, { bad: true }, { name: 'Linus' }],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(
			items.map(({ json, pairedItem }) => ({ json: json.message ?? json, pairedItem })),
		).toEqual([
			{ json: 'Hello, Ada', pairedItem: { item: 0 } },
			{ json: { error: 'Item 1 is bad' }, pairedItem: { item: 1 } },
			{ json: 'Hello, Linus', pairedItem: { item: 2 } },
		]);
	});

	it("fails as n8n does when the node's credential is not set", async () => {
		const { error } = await run({ credentials: {} });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Node does not have any credentials set for "greeterApi"');
	});

	it('refuses to run a node with a required parameter left empty, as the editor does', async () => {
		const { items, error } = await run({ parameters: { greeting: '' } });

		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(WorkflowHasIssuesError);
		expect(error?.message).toContain('Parameter "Greeting" is required');
	});
});
