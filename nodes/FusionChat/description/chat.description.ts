import type { INodeProperties } from 'n8n-workflow';
import { providersProperty } from '../../shared/provider-credentials';

const SAMPLE_REQUEST = `{
  "model": ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"],
  "messages": [
    { "role": "system", "content": "You are a concise assistant." },
    { "role": "user", "content": "Summarize in one sentence: {{ $json.text }}" }
  ],
  "max_tokens": 300
}`;

const modelLocator = (name: string, displayName: string, description: string, example: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: example },
	required: true,
	description,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. openai/gpt-4o-mini',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[^/\\s]+/\\S+$', errorMessage: 'Use "provider/model", for example openai/gpt-4o-mini' },
				},
			],
		},
	],
});

export const chatProperties: INodeProperties[] = [
	providersProperty,
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Form Fields', value: 'fields', description: 'Prompt, system message and settings as fields' },
			{ name: 'JSON Request', value: 'json', description: 'The whole OpenAI-style chat/completions request as JSON' },
		],
		default: 'fields',
	},
	{
		...modelLocator(
			'model',
			'Model',
			'The model to ask, as "provider/model". Its provider must be chosen under Providers.',
			'openai/gpt-4o-mini',
		),
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Summarize in one sentence: {{ $json.text }}',
		description: 'The user message. Use an expression to build it from the incoming item.',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'System Message',
		name: 'systemMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. You are a concise assistant.',
		description: 'Instructions sent before the prompt; leave empty for none',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Fallback Models',
		name: 'fallbackModels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Fallback Model',
		default: {},
		description: 'Models tried in order when the main model fails (after its retries). Their providers must be chosen under Providers.',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Model',
				name: 'models',
				values: [
					modelLocator('model', 'Model', 'A model to try next, as "provider/model"', 'anthropic/claude-haiku-4-5'),
				],
			},
		],
	},
	{
		displayName: 'Request (JSON)',
		name: 'requestJson',
		type: 'json',
		default: SAMPLE_REQUEST,
		required: true,
		description:
			'An OpenAI chat/completions request. "model" may be one id, an array of ids (fallback in order) or {"strategy": "fallback", "models": [...]}.',
		hint: 'Use an expression to send a request object built by an earlier node, e.g. {{ $json.request }}',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	{
		displayName: 'Model Parameters',
		name: 'parameters',
		type: 'collection',
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Frequency Penalty',
				name: 'frequencyPenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description: 'Penalises tokens by how often they already appeared (-2 to 2). Providers without it get a warning in the output.',
			},
			{
				displayName: 'Maximum Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1024,
				description: 'The most tokens the answer may have',
			},
			{
				displayName: 'Presence Penalty',
				name: 'presencePenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description: 'Penalises tokens that already appeared at all (-2 to 2). Providers without it get a warning in the output.',
			},
			{
				displayName: 'Stop Sequences',
				name: 'stop',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Up to 4 sequences, one per line; the answer ends before any of them',
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 0.7,
				description: 'Higher is more varied, lower more focused (0 to 2; Anthropic caps it at 1)',
			},
			{
				displayName: 'Top P',
				name: 'topP',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 1,
				description: 'Nucleus sampling: only the most likely tokens up to this probability mass are considered',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 200 },
				default: 8,
				description: 'How many items are sent at once. The output keeps the order of the input.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
				description:
					'Retries on the same model after a rate limit (429), a server error (5xx), 408/409 or a network failure, with backoff. Other errors move on to the next model at once.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description: 'How long one call to a model may take before the next model is tried',
			},
		],
	},
];
