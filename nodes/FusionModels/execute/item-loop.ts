import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import {
	PROVIDERS,
	listLiveModels,
	processFusionState,
	queryCatalog,
	timeoutsFromTotal,
	type LiveListing,
	type ModelQuery,
	type ModelQueryResult,
	type ModelSortKey,
	type ProviderDefinition,
} from '../../engine';
import { createConnectionResolver } from '../../shared/connection-resolver';
import { ItemParameters, type ReadParameter } from '../../shared/item-parameters';
import { chosenProviders } from '../../shared/provider-credentials';

/** The Filters collection: every field of a query but the ones with parameters of their own. */
type ModelFilters = Omit<ModelQuery, 'sortBy' | 'limit'>;

interface ModelOptions {
	limit?: number;
	timeout?: number;
}

/** What one item asks for; `providers` and `timeoutSeconds` matter for the live source only. */
interface ItemQuery {
	live: boolean;
	asList: boolean;
	query: ModelQuery;
	providers: ProviderDefinition[];
	timeoutSeconds: number;
}

function itemQueryFrom(read: ReadParameter): ItemQuery {
	const live = read('source', 'catalog') === 'live';
	const asList = read('output', 'items') === 'list';
	const filters = read('filters', {}) as ModelFilters;
	const options = read('options', {}) as ModelOptions;
	const query: ModelQuery = {
		providers: filters.providers,
		capabilities: filters.capabilities,
		maxPromptPrice: filters.maxPromptPrice,
		maxCompletionPrice: filters.maxCompletionPrice,
		minContextWindow: filters.minContextWindow,
		search: filters.search,
		includeDeprecated: filters.includeDeprecated,
		onlyAvailable: filters.onlyAvailable,
		sortBy: read('sortBy', 'catalog') as ModelSortKey,
		limit: options.limit,
	};
	if (!live) return { live, asList, query, providers: [], timeoutSeconds: 0 };
	const chosen = chosenProviders(read('providers', []));
	return {
		live,
		asList,
		query,
		providers: PROVIDERS.filter((provider) => chosen.has(provider.id)),
		timeoutSeconds: options.timeout ?? 30,
	};
}

/** Every chosen provider failed: the item has nothing to show, and the error names each failure. */
function allProvidersFailedError(
	context: IExecuteFunctions,
	result: ModelQueryResult,
	itemIndex: number,
): Error {
	const lines = result.providerErrors.map(({ provider, error }) => `${provider}: ${error.message}`);
	const message = `No provider could list its models (${result.providerErrors.map(({ provider }) => provider).join(', ')})`;
	const lastStatus = [...result.providerErrors]
		.reverse()
		.find(({ error }) => error.http_status !== undefined)?.error.http_status;
	return new NodeApiError(
		context.getNode(),
		{ message, errors: result.providerErrors } as unknown as JsonObject,
		{
			itemIndex,
			message,
			description: lines.join('\n'),
			httpCode: lastStatus === undefined ? undefined : String(lastStatus),
		},
	);
}

function outputFor(
	result: ModelQueryResult,
	asList: boolean,
	live: boolean,
	itemIndex: number,
): INodeExecutionData[] {
	const errors = result.providerErrors.map(({ provider, error }) => ({
		object: 'error',
		provider,
		error,
	}));
	if (asList) {
		const json: IDataObject = { object: 'list', data: result.models as unknown as IDataObject[] };
		if (live) json.errors = errors as unknown as IDataObject[];
		return [{ json, pairedItem: { item: itemIndex } }];
	}
	return [...result.models, ...errors].map((json) => ({
		json: json as unknown as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}

/**
 * Owns Fusion Models' item loop: each input item is one query (parameters may be expressions; a query
 * without any is read once for every item), answered from the bundled catalog or, live, from the providers'
 * lists — fetched once per execution and shared by every item. A provider that cannot list becomes an error
 * entry and a hint; only when none can does the item fail.
 */
export async function executeFusionModels(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const listingsByKey = new Map<string, Promise<LiveListing[]>>();
	const connectionFor = createConnectionResolver(this);
	const observed = await processFusionState().observedModels();
	const observations = (modelId: string) => observed.get(modelId);
	const output: INodeExecutionData[] = [];
	const failedProviders = new Set<string>();
	const itemQueryFor = new ItemParameters(this).perItem(itemQueryFrom);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { live, asList, query, providers, timeoutSeconds } = itemQueryFor(itemIndex);
			let result: ModelQueryResult;
			if (live) {
				if (providers.length === 0) {
					throw new NodeOperationError(
						this.getNode(),
						'Choose at least one provider under Providers to list live models',
						{ itemIndex },
					);
				}
				const key = `${providers.map((provider) => provider.id).join(',')}|${timeoutSeconds}`;
				let listings = listingsByKey.get(key);
				if (listings === undefined) {
					listings = listLiveModels(providers, {
						timeouts: timeoutsFromTotal(timeoutSeconds * 1000),
						signal: this.getExecutionCancelSignal(),
						connectionFor,
					});
					listingsByKey.set(key, listings);
				}
				const settled = await listings;
				result = queryCatalog(query, { listings: settled, observations });
				if (settled.every((listing) => !listing.ok))
					throw allProvidersFailedError(this, result, itemIndex);
				for (const { provider } of result.providerErrors) failedProviders.add(provider);
			} else {
				result = queryCatalog(query, { observations });
			}
			output.push(...outputFor(result, asList, live, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), {
							itemIndex,
						});
			}
			output.push({
				json: { error: error instanceof Error ? error.message : String(error) },
				pairedItem: { item: itemIndex },
			});
		}
	}

	if (failedProviders.size > 0) {
		this.addExecutionHints({
			message: `Could not list the models of ${[...failedProviders].join(', ')}: see the error entries in the output`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return [output];
}
