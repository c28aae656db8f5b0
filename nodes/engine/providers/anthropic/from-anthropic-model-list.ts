import { definedOnly, invalidModelList, type ModelListPage } from '../listed-model';
import { anthropicModelListSchema } from './anthropic-api-schemas';

function unixSeconds(isoDate: string | null | undefined): number | undefined {
	if (isoDate === null || isoDate === undefined) return undefined;
	const ms = Date.parse(isoDate);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Anthropic's model list: dated ids with a display name and an RFC 3339 release time. */
export function fromAnthropicModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = anthropicModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	const { data, has_more: hasMore, last_id: lastId } = parsed.data;
	return {
		models: data.map((model) =>
			definedOnly({
				id: model.id,
				name: model.display_name ?? undefined,
				created: unixSeconds(model.created_at),
				ownedBy: 'anthropic',
			}),
		),
		cursor: hasMore === true && typeof lastId === 'string' ? lastId : undefined,
	};
}
