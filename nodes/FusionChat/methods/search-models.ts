import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { CATALOG_MODELS, type CatalogModel } from '../../engine';

function perMillion(perThousand: number): string {
	const value = perThousand * 1000;
	const text = value < 0.1 && value > 0 ? String(Number(value.toPrecision(2))) : value.toFixed(2);
	return `$${text.replace(/\.00$/, '')}`;
}

function contextSize(tokens: number): string {
	return tokens >= 1_000_000
		? `${Number((tokens / 1_000_000).toFixed(2))}M`
		: `${Math.round(tokens / 1000)}K`;
}

/**
 * One line per model, as the editor's list shows only an entry's name: the id first (it is what the field
 * keeps and what a JSON request needs), then the model's name, its price per 1M prompt / completion tokens
 * and its context window.
 */
export function modelListEntryName(model: CatalogModel): string {
	const price = `${perMillion(model.pricing.prompt_tokens)}/${perMillion(model.pricing.completion_tokens)} per 1M`;
	return `${model.id} · ${model.name} · ${price} · ${contextSize(model.contextWindow)}${model.deprecated ? ' · deprecated' : ''}`;
}

/**
 * The model picker: the catalog's chat models, current ones before deprecated ones, filtered by what the
 * user types (id or name). Any other id, catalog or not, can be entered in the "By ID" mode.
 */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const chatModels = CATALOG_MODELS.filter(
		(model) =>
			model.capabilities.chat &&
			(needle === '' ||
				model.id.toLowerCase().includes(needle) ||
				model.name.toLowerCase().includes(needle)),
	);
	const ordered = [
		...chatModels.filter((model) => !model.deprecated),
		...chatModels.filter((model) => model.deprecated),
	];
	return {
		results: ordered.map((model) => ({ name: modelListEntryName(model), value: model.id })),
	};
}
