import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionGroqApi implements ICredentialType {
	name = 'fusionGroqApi';

	displayName = 'Fusion: Groq API';

	icon: Icon = 'file:icons/groq.svg';

	documentationUrl = 'https://console.groq.com/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.groq.com/openai/v1',
			description:
				"Groq's public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
