import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { FusionChat } from '../../../nodes/FusionChat/FusionChat.node';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';
import type { MockProviderServer } from '../../mock-provider/mock-provider-server';

export const OPENAI_KEY = 'sk-node-test-openai-0123456789';
export const ANTHROPIC_KEY = 'sk-ant-node-test-0123456789';

export const modelParameter = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** An OpenAI and an Anthropic credential, both pointing at the mock provider. */
export const chatCredentials = (server: MockProviderServer) => ({
	fusionOpenAiApi: { apiKey: OPENAI_KEY, baseUrl: `${server.url}/v1` },
	fusionAnthropicApi: { apiKey: ANTHROPIC_KEY, baseUrl: server.url },
});

/** Fusion Chat run by n8n with both providers chosen, giving the full response (Simplify Output off). */
export function runFusionChat(
	server: MockProviderServer,
	parameters: INodeParameters,
	inputItems: IDataObject[],
	continueOnFail = false,
	nodeType: INodeType = new FusionChat(),
) {
	return runNodeInN8n({
		nodeType,
		parameters: { providers: ['openai', 'anthropic'], simplify: false, ...parameters },
		credentials: chatCredentials(server),
		inputItems,
		continueOnFail,
	});
}

/** The parts of a full response that the tests look into. */
export type ChatItem = {
	model: string;
	choices: Array<{ message: { content: string }; finish_reason: string }>;
	fusion: {
		strategy: string;
		attempts: Array<{
			model: string;
			status: string;
			error?: { type: string; http_status?: number };
		}>;
		cost_usd: number | null;
	};
};
