import type { z } from 'zod';
import {
	definedOnly,
	invalidModelList,
	type ListedModel,
	type ModelListPage,
} from '../listed-model';
import { anthropicModelListSchema } from './anthropic-api-schemas';

function unixSeconds(isoDate: string | null | undefined): number | undefined {
	if (isoDate === null || isoDate === undefined) return undefined;
	const ms = Date.parse(isoDate);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

type ListedCapabilities = z.infer<typeof anthropicModelListSchema>['data'][number]['capabilities'];

/**
 * Only what the list affirms for structured outputs: a model without them still answers to a schema through a
 * forced tool, which the catalog records.
 */
function capabilitiesFromList(listed: ListedCapabilities): ListedModel['capabilities'] {
	if (listed === null || listed === undefined) return undefined;
	const structured = listed.structured_outputs?.supported === true ? true : undefined;
	return definedOnly({
		chat: true,
		vision: listed.image_input?.supported,
		pdf: listed.pdf_input?.supported,
		json_output: structured,
		json_schema: structured,
		reasoning: anySupported([listed.thinking, listed.effort]),
	});
}

/** Extended thinking or the effort parameter: either is a reasoning control. Undefined when neither is stated. */
function anySupported(
	flags: ReadonlyArray<{ supported: boolean } | null | undefined>,
): boolean | undefined {
	const stated = flags.filter((flag) => flag !== null && flag !== undefined);
	return stated.length === 0 ? undefined : stated.some((flag) => flag.supported);
}

/** Anthropic's model list: dated ids with a display name, an RFC 3339 release time and capability flags. */
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
				capabilities: capabilitiesFromList(model.capabilities),
			}),
		),
		cursor: hasMore === true && typeof lastId === 'string' ? lastId : undefined,
	};
}
