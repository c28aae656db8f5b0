import type { INodeType, ISupplyDataFunctions } from 'n8n-workflow';

/**
 * n8n before 2.16 has no @n8n/ai-node-sdk, and n8n installs a community package without its peers: there,
 * requiring the SDK fails as it does here. The package's nodes must load all the same.
 */
function withoutSdk(): { sdkRequires: () => number } {
	let requires = 0;
	jest.doMock('@n8n/ai-node-sdk', () => {
		requires++;
		const error = new Error("Cannot find module '@n8n/ai-node-sdk'") as Error & { code: string };
		error.code = 'MODULE_NOT_FOUND';
		throw error;
	});
	return { sdkRequires: () => requires };
}

/** A node class's instance, its module loaded afresh (after the mock above) as n8n's loader requires it. */
function loadNode<T>(path: string, exportName: string): T {
	const exported = jest.requireActual<Record<string, new () => T>>(path);
	return new exported[exportName]();
}

beforeEach(() => jest.resetModules());
afterEach(() => jest.dontMock('@n8n/ai-node-sdk'));

describe('Fusion Chat Model where n8n has no AI node SDK', () => {
	it('loads, with Fusion Chat, without requiring the SDK', () => {
		const sdk = withoutSdk();
		const model = loadNode<INodeType>(
			'../../../nodes/FusionChatModel/FusionChatModel.node',
			'FusionChatModel',
		);
		const chat = loadNode<INodeType>('../../../nodes/FusionChat/FusionChat.node', 'FusionChat');
		expect(model.description.name).toBe('fusionChatModel');
		expect(model.description.outputs).toEqual(['ai_languageModel']);
		expect(model.description.inputs).toEqual([]);
		expect(chat.description.name).toBe('fusionChat');
		expect(sdk.sdkRequires()).toBe(0);
	});

	it('says which n8n it needs when an agent asks it for a model', async () => {
		const sdk = withoutSdk();
		const model = loadNode<INodeType>(
			'../../../nodes/FusionChatModel/FusionChatModel.node',
			'FusionChatModel',
		);
		const context = {
			getNode: () => ({ name: 'Fusion Chat Model', type: 'n8n-nodes-fusion.fusionChatModel' }),
		} as unknown as ISupplyDataFunctions;
		await expect(model.supplyData!.call(context, 0)).rejects.toThrow(
			/Fusion Chat Model needs n8n 2\.16 or later/,
		);
		expect(sdk.sdkRequires()).toBe(1);
	});
});
