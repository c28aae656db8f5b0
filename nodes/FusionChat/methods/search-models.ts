import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { CATALOG_MODELS, type CatalogModel } from '../../engine';

function perMillion(perThousand: number): string {
	const value = perThousand * 1000;
	return `$${value < 0.1 && value > 0 ? Number(value.toPrecision(2)) : value.toFixed(2)}`;
}

function describe(model: CatalogModel): string {
	const context = model.contextWindow >= 1_000_000 ? `${Number((model.contextWindow / 1_000_000).toFixed(2))}M` : `${Math.round(model.contextWindow / 1000)}K`;
	const price = `${perMillion(model.pricing.prompt_tokens)} / ${perMillion(model.pricing.completion_tokens)} per 1M tokens (prompt / completion)`;
	return `${model.name}: ${price}, ${context} context${model.deprecated ? '. Deprecated by the provider' : ''}`;
}

/**
 * The model picker: the catalog's chat models, current ones before deprecated ones, filtered by what the
 * user types (id or name). Any other id, catalog or not, can be entered in the "By ID" mode.
 */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const chatModels = CATALOG_MODELS.filter(
		(model) =>
			model.capabilities.chat &&
			(needle === '' || model.id.toLowerCase().includes(needle) || model.name.toLowerCase().includes(needle)),
	);
	const ordered = [...chatModels.filter((model) => !model.deprecated), ...chatModels.filter((model) => model.deprecated)];
	return { results: ordered.map((model) => ({ name: model.id, value: model.id, description: describe(model) })) };
}
