import type { INodeProperties } from 'n8n-workflow';
import { MODEL_CAPABILITIES, PROVIDERS, type ModelCapability } from '../../engine';
import { providersProperty } from '../../shared/provider-credentials';

/** Typed by the engine's list, so a capability added there cannot be missing from the filter. */
const CAPABILITY_LABELS: Record<ModelCapability, { name: string; description: string }> = {
	chat: { name: 'Chat', description: 'Answers chat/completions requests' },
	completions: { name: 'Completions', description: 'Plain or fill-in-the-middle text completion' },
	embeddings: { name: 'Embeddings', description: 'Turns text into vectors' },
	moderation: { name: 'Moderation', description: 'Classifies content for safety' },
	vision: { name: 'Vision', description: 'Takes images as input' },
	tools: { name: 'Tools', description: 'Function (tool) calling' },
	json_output: { name: 'JSON Output', description: 'A JSON mode: the answer is valid JSON' },
	pdf: { name: 'PDF Input', description: 'Takes PDF documents as input' },
	json_schema: {
		name: 'JSON Schema Output',
		description: 'Holds its answer to a given JSON Schema (structured output)',
	},
	reasoning: {
		name: 'Reasoning Control',
		description: 'Takes a reasoning effort or thinking budget',
	},
};

const CAPABILITY_OPTIONS = MODEL_CAPABILITIES.map((capability) => ({
	...CAPABILITY_LABELS[capability],
	value: capability,
})).sort((a, b) => a.name.localeCompare(b.name));

export const modelsProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Bundled Catalog (Offline)',
				value: 'catalog',
				description:
					'The models this package knows, with list prices, limits and quality scores. Needs no credential.',
			},
			{
				name: 'Live From Providers',
				value: 'live',
				description:
					"Each chosen provider's own model list, merged with the catalog; catalog models a provider no longer lists are marked unavailable",
			},
		],
		default: 'catalog',
		hint: 'Prices in the output are list prices in USD per 1K tokens; limits.max_request_tokens is the context window, limits.max_tokens the longest answer',
	},
	{
		...providersProperty,
		description:
			'The providers whose model lists to ask. A credential field appears for each one you choose.',
		displayOptions: { show: { source: ['live'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Capabilities',
				name: 'capabilities',
				type: 'multiOptions',
				options: CAPABILITY_OPTIONS,
				default: [],
				description: 'Only models that have every capability chosen',
			},
			{
				displayName: 'Include Deprecated Models',
				name: 'includeDeprecated',
				type: 'boolean',
				default: true,
				description: 'Whether to list models their provider has retired or announced to retire',
			},
			{
				displayName: 'Max Completion Price (USD per 1K Tokens)',
				name: 'maxCompletionPrice',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 6 },
				default: 0.01,
				description:
					'Only models whose answer tokens cost at most this. Models with an unknown price are left out.',
			},
			{
				displayName: 'Max Prompt Price (USD per 1K Tokens)',
				name: 'maxPromptPrice',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 6 },
				default: 0.003,
				description:
					'Only models whose prompt tokens cost at most this. Models with an unknown price are left out.',
			},
			{
				displayName: 'Min Context Window (Tokens)',
				name: 'minContextWindow',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 128000,
				description:
					'Only models that take at least this many tokens of prompt and answer together',
			},
			{
				displayName: 'Name or ID Contains',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. claude',
				description: 'Only models whose ID or name contains this text (case-insensitive)',
			},
			{
				displayName: 'Only Available Models',
				name: 'onlyAvailable',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out catalog models the provider no longer lists',
				displayOptions: { show: { '/source': ['live'] } },
			},
			{
				displayName: 'Providers',
				name: 'providers',
				type: 'multiOptions',
				options: PROVIDERS.map((provider) => ({ name: provider.displayName, value: provider.id })),
				default: [],
				description: 'Only models of these providers',
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: [
			{ name: 'Catalog Order', value: 'catalog', description: 'By provider, newest models first' },
			{ name: 'Context Window', value: 'context', description: 'Largest context window first' },
			{
				name: 'Estimated Latency',
				value: 'latency',
				description: 'Fastest first (observed latency where this n8n has called the model)',
			},
			{
				name: 'Price',
				value: 'price',
				description: 'Cheapest first, by prompt plus completion price per 1K tokens',
			},
			{
				name: 'Quality Score',
				value: 'score',
				description: 'Best first, by the LMArena-based score',
			},
		],
		default: 'catalog',
		description: 'Models with an unknown value for the sort go last',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Model', value: 'items' },
			{
				name: 'One List Item',
				value: 'list',
				description: 'A single {object: "list", data: [...]} item, like OpenAI\'s /models',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: 30,
				description:
					"How long each provider's model list may take before that provider counts as failed",
				displayOptions: { show: { '/source': ['live'] } },
			},
		],
	},
];
