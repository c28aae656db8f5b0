import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionOpenAiCompatibleApi implements ICredentialType {
	name = 'fusionOpenAiCompatibleApi';

	displayName = 'Fusion: OpenAI-Compatible API';

	icon: Icon = 'file:icons/openai-compatible.svg';

	documentationUrl = 'https://platform.openai.com/docs/api-reference/chat';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Sent as a Bearer token. Leave it empty for a server that checks no key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'http://localhost:8000/v1',
			description:
				'Any server that speaks the OpenAI chat completions API (vLLM, LM Studio, LiteLLM, a proxy or a gateway), up to but not including /chat/completions',
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
