import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionGoogleGeminiApi implements ICredentialType {
	name = 'fusionGoogleGeminiApi';

	displayName = 'Fusion: Google Gemini API';

	icon: Icon = 'file:icons/gemini.svg';

	documentationUrl = 'https://aistudio.google.com/app/apikey';

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
			default: 'https://generativelanguage.googleapis.com',
			description:
				'The Gemini API, without /v1beta. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.',
		},
	];

	// The header rather than the ?key= query parameter keeps the key out of URLs, and so out of logs.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-goog-api-key': '={{$credentials.apiKey}}',
			},
		},
	};
}
