import type { WorkflowToImport } from '../n8n/workflow-builder';

const OWNER = {
	email: 'queue-suite@example.com',
	firstName: 'Queue',
	lastName: 'Suite',
	password: 'QueueSuite1',
};
/** n8n ties its session cookie to the browser that logged in. */
const BROWSER_ID = 'n8n-nodes-fusion-queue-suite';

/**
 * The editor's REST API of a fresh n8n, as its owner. In queue mode the command line is no way in: a workflow
 * published with it reaches the webhooks only after main restarts, while the REST API publishes at once.
 */
export class N8nRest {
	private constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

	static async asNewOwner(url: string): Promise<N8nRest> {
		const setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok)
			throw new Error(`n8n refused the owner setup: HTTP ${setup.status} ${await setup.text()}`);
		const cookie = setup.headers
			.getSetCookie()
			.map((value) => value.split(';')[0])
			.join('; ');
		return new N8nRest(url, cookie);
	}

	private async post<T>(path: string, body: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest/${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				cookie: this.cookie,
			},
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`POST /rest/${path}: HTTP ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Saves a credential (n8n encrypts `data`); returns its id. */
	async createCredential(
		name: string,
		type: string,
		data: Record<string, string>,
	): Promise<string> {
		return (await this.post<{ id: string }>('credentials', { name, type, data })).id;
	}

	/** Saves the workflow and publishes it: main registers its webhooks at once. Returns n8n's id for it. */
	async publishWorkflow({ name, nodes, connections, settings }: WorkflowToImport): Promise<string> {
		const saved = await this.post<{ id: string; versionId: string }>('workflows', {
			name,
			nodes,
			connections,
			settings,
		});
		await this.post(`workflows/${saved.id}/activate`, { versionId: saved.versionId });
		return saved.id;
	}
}
