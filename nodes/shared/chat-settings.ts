import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
	DEFAULT_RETRY_POLICY,
	processFusionState,
	SpendBudget,
	timeoutsFromTotal,
	type BudgetExhaustedBehaviour,
	type ChatSettings,
} from '../engine';
import { createConnectionResolver } from './connection-resolver';

/** The Options collection shared by Fusion Chat and Fusion Chat Model; each node offers the ones that fit it. */
export interface ChatOptions {
	cacheTtl?: number;
	requestsPerMinute?: number;
	tokensPerMinute?: number;
	firstTokenTimeout?: number;
	idleTimeout?: number;
	budgetUsd?: number;
	whenBudgetSpent?: BudgetExhaustedBehaviour;
	concurrency?: number;
	failOverOnRefusal?: boolean;
	maxRetries?: number;
	outputParsedOnly?: boolean;
	timeout?: number;
}

/** What a node's context gives the engine's settings: Fusion Chat's execute and Fusion Chat Model's supplyData alike. */
export interface ChatSettingsContext {
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	getExecutionCancelSignal(): AbortSignal | undefined;
	getWorkflow(): { id?: string };
	getNode(): { id: string };
	logger: { warn(message: string): void };
}

/** The engine's settings for one execution of a node, from its Options. */
export function chatSettingsFrom(options: ChatOptions, context: ChatSettingsContext): ChatSettings {
	const timeouts = timeoutsFromTotal((options.timeout ?? 120) * 1000);
	if (options.firstTokenTimeout) timeouts.firstTokenMs = options.firstTokenTimeout * 1000;
	if (options.idleTimeout) timeouts.idleMs = options.idleTimeout * 1000;
	return {
		timeouts,
		retry: {
			...DEFAULT_RETRY_POLICY,
			maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
		},
		signal: context.getExecutionCancelSignal(),
		connectionFor: createConnectionResolver(context),
		// n8n's log hears, once, when the state shared by its workers fails and when it is back.
		state: processFusionState((message) => context.logger.warn(message)),
		budget: options.budgetUsd
			? new SpendBudget(options.budgetUsd, options.whenBudgetSpent ?? 'fail')
			: undefined,
		rateLimits: {
			requestsPerMinute: options.requestsPerMinute || undefined,
			tokensPerMinute: options.tokensPerMinute || undefined,
		},
		failOverOnRefusal: options.failOverOnRefusal ?? true,
		cache: options.cacheTtl
			? {
					ttlMs: options.cacheTtl * 1000,
					scope: `${context.getWorkflow().id ?? ''}:${context.getNode().id}`,
				}
			: undefined,
	};
}
