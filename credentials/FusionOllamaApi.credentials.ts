import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionOllamaApi implements ICredentialType {
	name = 'fusionOllamaApi';

	displayName = 'Fusion: Ollama API';

	icon: Icon = 'file:icons/ollama.svg';

	documentationUrl = 'https://github.com/ollama/ollama/blob/main/docs/openai.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Ollama itself checks no key: fill this in only when a proxy in front of it asks for a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'http://localhost:11434/v1',
			description:
				'The OpenAI-compatible API of a local Ollama server. From n8n running in Docker, use http://host.docker.internal:11434/v1. Change it to reach another server, a proxy or a gateway.',
		},
	];

	// n8n's generic authentication always sets the header; with no key it is left empty rather than a bare "Bearer ".
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey ? "Bearer " + $credentials.apiKey : ""}}',
			},
		},
	};
}
