import type { DisplayCondition, INodeProperties } from 'n8n-workflow';
import { PROVIDERS, STRATEGY_OPTIONS } from '../../engine';
import { providersProperty } from '../../shared/provider-credentials';
import {
	attachBinaryFieldsOption,
	outputParsedOnlyOption,
	reasoningEffortParameter,
	responseFormatProperties,
} from './structured-output.description';
import { toolsOption } from './tools.description';

// An expression, so that the item's text is inserted (and escaped as a JSON string) for every item.
const SAMPLE_REQUEST = `={
  "model": ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"],
  "messages": [
    { "role": "system", "content": "You are a concise assistant." },
    { "role": "user", "content": {{ JSON.stringify('Summarize in one sentence: ' + ($json.text ?? '')) }} }
  ],
  "max_tokens": 300
}`;

/**
 * A notice under a model field for each provider not chosen under Providers: the editor shows a provider's
 * credential field only once the provider is chosen there. `modelPath` is the field's name as seen from
 * where the notice sits (a row of Fallback Models reads its own "model").
 */
function providerNotices(
	noticeName: string,
	modelPath: string,
	showWhen: Record<string, Array<string | DisplayCondition>> = {},
): INodeProperties[] {
	return PROVIDERS.map((provider) => ({
		displayName: `To use ${provider.displayName} models, add ${provider.displayName} under Providers above: its credential field then appears at the top of this panel`,
		name: `${noticeName}_${provider.id}`,
		type: 'notice',
		default: '',
		displayOptions: {
			show: {
				...showWhen,
				[modelPath]: provider.modelPrefixes.map((prefix) => ({ _cnd: { startsWith: prefix } })),
			},
			hide: { '/providers': [provider.id] },
		},
	}));
}

const modelLocator = (
	name: string,
	displayName: string,
	description: string,
	example: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	// `__rl` as the editor writes it: without it a row added to Fallback Models holds a plain object, which
	// displayOptions conditions on "model" (the provider notices) cannot read.
	default: { __rl: true, mode: 'list', value: example },
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
					properties: {
						regex: '^[^/\\s]+/\\S+$',
						errorMessage: 'Use "provider/model", for example openai/gpt-4o-mini',
					},
				},
			],
		},
	],
});

/** A row of a list of models: its model field, the notices for providers not chosen yet, and `extra` fields. */
const modelRow = (
	description: string,
	example: string,
	extra: INodeProperties[] = [],
): { displayName: string; name: string; values: INodeProperties[] } => ({
	displayName: 'Model',
	name: 'models',
	values: [
		modelLocator('model', 'Model', description, example),
		...providerNotices('providerNotice', 'model'),
		...extra,
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
			{
				name: 'Form Fields',
				value: 'fields',
				description: 'Prompt, system message and settings as fields',
			},
			{
				name: 'JSON Request',
				value: 'json',
				description: 'The whole OpenAI-style chat/completions request as JSON',
			},
		],
		default: 'fields',
		description:
			"How the request is given. Switching clears the other mode's fields: n8n keeps only the fields on show.",
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		noDataExpression: true,
		// In alphabetical order, as n8n lists options (node-param-options-type-unsorted-items).
		options: [...STRATEGY_OPTIONS].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'fallback',
		description:
			'How the models are used. Every strategy fails over to the next model when one fails.',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		...modelLocator(
			'model',
			'Model',
			'The model to ask, as "provider/model"',
			'openai/gpt-4o-mini',
		),
		displayOptions: { show: { inputMode: ['fields'], strategy: ['fallback'] } },
	},
	...providerNotices('modelProviderNotice', 'model', {
		inputMode: ['fields'],
		strategy: ['fallback'],
	}),
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
	...responseFormatProperties,
	{
		displayName: 'Fallback Models',
		name: 'fallbackModels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Fallback Model',
		default: {},
		description: 'Models tried in order when the main model fails (after its retries)',
		displayOptions: { show: { inputMode: ['fields'], strategy: ['fallback'] } },
		options: [modelRow('A model to try next, as "provider/model"', 'anthropic/claude-haiku-4-5')],
	},
	{
		displayName: 'Hedge After (Milliseconds)',
		name: 'hedgeAfterMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'When the current model has not answered after this many milliseconds, start the next model too and keep whichever answers first. 0 turns hedging off.',
		displayOptions: { show: { inputMode: ['fields'], strategy: ['fallback'] } },
	},
	{
		displayName: 'Models',
		name: 'candidates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Model',
		default: {},
		required: true,
		description: 'The models the strategy chooses from',
		displayOptions: {
			show: {
				inputMode: ['fields'],
				// Every strategy but fallback, which has Model and Fallback Models instead.
				strategy: STRATEGY_OPTIONS.map((option) => option.value).filter(
					(name) => name !== 'fallback',
				),
			},
		},
		options: [
			modelRow('A model to use, as "provider/model"', 'openai/gpt-4o-mini', [
				{
					displayName: 'Weight',
					name: 'weight',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: "This model's share of the items, e.g. 0.6 and 0.4",
					displayOptions: { show: { '/strategy': ['round_robin', 'weighted'] } },
				},
				{
					displayName: 'Max USD per 1K Tokens',
					name: 'maxCostPer1kTokens',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 5 },
					default: 0,
					description:
						'Skip this model if its prompt or completion price per 1K tokens is above this. 0 means no cap.',
				},
				{
					displayName: 'Min Performance Score',
					name: 'minPerformanceScore',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0,
					description:
						'Skip this model if its quality score (0–1) is below this. 0 means no floor.',
				},
			]),
		],
	},
	{
		displayName: 'Selection',
		name: 'selection',
		type: 'options',
		options: [
			{
				name: 'Consensus',
				value: 'consensus',
				description: 'The answer closest to all the others',
			},
			{
				name: 'Fastest',
				value: 'fastest',
				description: 'The first good answer; the other calls are stopped',
			},
			{
				name: 'Fuse',
				value: 'fuse',
				description:
					'A fuser model reads every answer and writes the final one; costs one more call, often the best answer',
			},
			{
				name: 'Judge Model',
				value: 'judge',
				description: 'A judge model reads the answers and names the best',
			},
			{ name: 'Longest', value: 'longest' },
			{ name: 'Shortest', value: 'shortest' },
		],
		default: 'consensus',
		description: 'How Best Of picks the one answer it keeps',
		displayOptions: { show: { inputMode: ['fields'], strategy: ['best_of'] } },
	},
	{
		...modelLocator(
			'judgeModel',
			'Judge Model',
			'The model that reads the answers and names the best one',
			'openai/gpt-4o-mini',
		),
		displayOptions: {
			show: { inputMode: ['fields'], strategy: ['best_of'], selection: ['judge'] },
		},
	},
	...providerNotices('judgeProviderNotice', 'judgeModel', {
		inputMode: ['fields'],
		strategy: ['best_of'],
		selection: ['judge', 'fuse'],
	}),
	// The fuser is the request's judge_model too; a field of its own gives it a label that says what it does.
	{
		...modelLocator(
			'judgeModel',
			'Fuser Model',
			"The model that reads every answer and writes the final one: pick a strong one, the panel's can be cheap",
			'openai/gpt-4.1',
		),
		displayOptions: {
			show: { inputMode: ['fields'], strategy: ['best_of'], selection: ['fuse'] },
		},
	},
	{
		displayName: 'Request (JSON)',
		name: 'requestJson',
		type: 'json',
		default: SAMPLE_REQUEST,
		required: true,
		description:
			'An OpenAI chat/completions request. "model" may be one ID, an array of IDs (fallback in order) or {"strategy": "fallback", "models": [...]}.',
		hint: 'Or send a request object built by an earlier node: switch to Expression and enter {{ $json.request }}',
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
				description:
					'Penalises tokens by how often they already appeared (-2 to 2). Providers without it get a warning in the output.',
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
				description:
					'Penalises tokens that already appeared at all (-2 to 2). Providers without it get a warning in the output.',
			},
			reasoningEffortParameter,
			{
				displayName: 'Stop Sequences',
				name: 'stop',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Up to 4 sequences, one per line; the answer ends before any of them',
			},
			{
				displayName: 'Stream',
				name: 'stream',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask the provider for a streamed answer. A chat trigger or a webhook in streaming mode always gets the tokens live; this only matters otherwise (e.g. to bound the wait for the first token).',
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
				description:
					'Nucleus sampling: only the most likely tokens up to this probability mass are considered',
			},
		],
	},
	{
		displayName: 'Simplify Output',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the answer, the model that answered, its cost and a one-line summary of the attempts. Off: the full OpenAI-style response with every attempt.',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			attachBinaryFieldsOption,
			{
				displayName: 'Budget (USD)',
				name: 'budgetUsd',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 4 },
				default: 0,
				description:
					'The most this execution may spend on models. Once reached, the remaining items fail (or use the cheapest model, see below). 0 means no cap.',
			},
			{
				displayName: 'Cache Answers For (Seconds)',
				name: 'cacheTtl',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Answer identical requests (same models, messages and parameters) from memory for this long, without calling the provider; such items show fusion.cached true and cost 0. 0 turns the cache off.',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 200 },
				default: 8,
				description: 'How many items are sent at once. The output keeps the order of the input.',
			},
			{
				displayName: 'Fail Over on Refusal',
				name: 'failOverOnRefusal',
				type: 'boolean',
				default: true,
				description:
					"Whether a model's refusal or safety block moves on to the next model. Off, the refusal is the item's answer: finish_reason content_filter, with the model's words in choices[0].message.refusal.",
			},
			{
				displayName: 'First Token Timeout (Seconds)',
				name: 'firstTokenTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'Streamed answers: how long to wait for the first token before trying the next model',
			},
			{
				displayName: 'Idle Timeout (Seconds)',
				name: 'idleTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'Streamed answers: the longest silence between two chunks. A stalled stream then fails over, or ends as a partial error if part of it was already shown.',
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
				displayName: 'OpenRouter Provider Preferences',
				name: 'openRouterProvider',
				type: 'json',
				default: '',
				placeholder: '{ "order": ["anthropic", "amazon-bedrock"], "allow_fallbacks": false }',
				description:
					"Which providers behind an openrouter/ model may serve the request, as OpenRouter's provider object: order, only, ignore, allow_fallbacks, sort, max_price, data_collection, require_parameters, zdr, quantizations. Sent to openrouter/ models only; other models get a warning.",
				displayOptions: { show: { '/inputMode': ['fields'] } },
			},
			outputParsedOnlyOption,
			{
				displayName: 'Requests per Minute',
				name: 'requestsPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'The most requests sent to each credential per minute, shared by all items and by other executions in this n8n process. 0 means no limit.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description: 'How long one call to a model may take before the next model is tried',
			},
			{
				displayName: 'Tokens per Minute',
				name: 'tokensPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'The most tokens (prompt estimate plus max tokens, settled with the real usage) sent to each credential per minute, shared like Requests per Minute. 0 means no limit.',
			},
			toolsOption,
			{
				displayName: 'When Budget Is Spent',
				name: 'whenBudgetSpent',
				type: 'options',
				options: [
					{ name: 'Fail the Remaining Items', value: 'fail' },
					{
						name: 'Use Cheapest Model',
						value: 'cheapest',
						description: 'Send the remaining items to the cheapest candidate only',
					},
				],
				default: 'fail',
			},
		],
	},
];
