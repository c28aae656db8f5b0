import {
	DEMO_CHAT_NODES,
	DEMO_PROVIDERS,
	DEMO_WORKFLOW_IDS,
	demoConnections,
	demoWorkflows,
} from './demo-setup';

const SIMULATOR = 'http://127.0.0.1:5690';

describe('the demo’s credentials', () => {
	it('point every provider at the simulator, under the paths of its real API, when no key is set', () => {
		const connections = demoConnections(SIMULATOR, {});
		expect(
			connections.map(({ target, credential }) => [
				credential.type,
				target,
				credential.data.baseUrl,
			]),
		).toEqual([
			['fusionOpenAiApi', 'simulator', `${SIMULATOR}/v1`],
			['fusionAnthropicApi', 'simulator', SIMULATOR],
			['fusionGoogleGeminiApi', 'simulator', SIMULATOR],
			['fusionMistralApi', 'simulator', `${SIMULATOR}/mistral/v1`],
			['fusionOpenRouterApi', 'simulator', `${SIMULATOR}/openrouter/api/v1`],
		]);
	});

	it('use the real API of a provider whose key is set, and keep the key out of the name', () => {
		const key = 'sk-demo-test-0123456789';
		const connections = demoConnections(SIMULATOR, {
			ANTHROPIC_API_KEY: ` ${key} `,
			MISTRAL_API_KEY: '',
		});
		const anthropic = connections.find(({ provider }) => provider.id === 'anthropic');
		expect(anthropic?.target).toBe('real');
		expect(anthropic?.credential.data).toEqual({
			apiKey: key,
			baseUrl: 'https://api.anthropic.com',
		});
		expect(anthropic?.credential.name).toBe('Demo Anthropic (real API, ANTHROPIC_API_KEY)');
		expect(connections.filter(({ target }) => target === 'real')).toHaveLength(1);
	});
});

describe('the sample workflows', () => {
	const connections = demoConnections(SIMULATOR, {});
	const workflows = demoWorkflows(connections);

	it('have ids n8n’s execute-batch selects (a digit, at most 21 characters)', () => {
		expect(workflows.map((workflow) => workflow.id)).toEqual(Object.values(DEMO_WORKFLOW_IDS));
		for (const { id } of workflows) expect(id).toMatch(/^(?=.*\d).{1,21}$/);
	});

	it('can run headless: a Manual Trigger wherever there is a Schedule Trigger, every link between existing nodes', () => {
		for (const workflow of workflows) {
			const names = new Set(workflow.nodes.map((node) => node.name));
			expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')).toBe(
				true,
			);
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(from);
				for (const link of outputs.main.flat()) expect(names).toContain(link?.node);
			}
		}
	});

	it('give every Fusion Chat node a credential for each provider it names, and report the nodes that exist', () => {
		const credentialTypes = new Map<string, string>(
			DEMO_PROVIDERS.map((provider) => [provider.id, provider.credentialType]),
		);
		workflows.forEach((workflow, index) => {
			const chats = workflow.nodes.filter((node) => node.type === 'n8n-nodes-fusion.fusionChat');
			expect(chats.map((node) => node.name)).toEqual(Object.values(DEMO_CHAT_NODES)[index]);
			for (const chat of chats) {
				const providers = chat.parameters.providers as string[];
				expect(Object.keys(chat.credentials ?? {}).sort()).toEqual(
					providers.map((provider) => credentialTypes.get(provider)).sort(),
				);
			}
		});
	});

	it('show fallback, a best-of panel and a chain, with simulator models a reader can see and edit', () => {
		const text = JSON.stringify(workflows);
		expect(text).toContain('openai/sim-fail-503');
		expect(text).toContain('mistral/sim-slow-4000');
		expect(text).toContain('"strategy":"best_of"');
		expect(text).toContain('{{ $json.choices[0].message.content }}');
	});
});
