import type { INodeProperties } from 'n8n-workflow';
import { chatProperties } from '../../FusionChat/description/chat.description';

/**
 * Fusion Chat's fields-mode parameters that make sense under an agent or a chain. The prompt, system message,
 * response format and output shaping are left out: the agent writes the messages and reads the answer.
 */
const KEPT_PROPERTIES = new Set([
	'providers',
	'strategy',
	'model',
	'fallbackModels',
	'hedgeAfterMs',
	'candidates',
	'selection',
	'judgeModel',
	'parameters',
	'options',
]);
/** Provider notices sit under the model fields they belong to; their names carry the provider's id. */
const KEPT_NOTICES = /^(modelProviderNotice|judgeProviderNotice)_/;

/** The agent decides whether to stream. */
const KEPT_PARAMETERS = new Set([
	'frequencyPenalty',
	'maxTokens',
	'presencePenalty',
	'reasoningEffort',
	'stop',
	'temperature',
	'topP',
]);

/** The item-level options (concurrency, binary files, parsed output) have no meaning for one call from an agent. */
const KEPT_OPTIONS = new Set([
	'budgetUsd',
	'cacheTtl',
	'failOverOnRefusal',
	'firstTokenTimeout',
	'idleTimeout',
	'maxRetries',
	'requestsPerMinute',
	'timeout',
	'tokensPerMinute',
	'whenBudgetSpent',
]);

/** Fusion Chat shows these fields in fields mode only; this node has no other mode. */
function withoutInputMode(property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show;
	if (show === undefined || !('inputMode' in show)) return property;
	const rest = Object.fromEntries(Object.entries(show).filter(([name]) => name !== 'inputMode'));
	return { ...property, displayOptions: { ...property.displayOptions, show: rest } };
}

function keepingOptions(property: INodeProperties, kept: ReadonlySet<string>): INodeProperties {
	const options = (property.options as INodeProperties[]).filter((option) => kept.has(option.name));
	return { ...property, options };
}

function forChatModel(property: INodeProperties): INodeProperties {
	const shown = withoutInputMode(property);
	if (property.name === 'parameters') return keepingOptions(shown, KEPT_PARAMETERS);
	if (property.name === 'options') return keepingOptions(shown, KEPT_OPTIONS);
	return shown;
}

export const chatModelProperties: INodeProperties[] = chatProperties
	.filter((property) => KEPT_PROPERTIES.has(property.name) || KEPT_NOTICES.test(property.name))
	.map(forChatModel);
