import type { ModelCapabilities, ModelCapability } from '../providers/listed-model';

/** What a request asks of a model that not every model can give. */
export interface CapabilityNeeds {
	/** An image part (`image_url`). */
	image?: boolean;
	/** A PDF part (`file`). */
	pdf?: boolean;
	/** `response_format` of type `json_schema`. */
	jsonSchema?: boolean;
	/** `reasoning_effort`. */
	reasoning?: boolean;
}

/** A model as the catalog knows it: a CatalogModel fits, or a copy carrying the id the user wrote. */
export interface KnownCapabilities {
	id: string;
	capabilities: ModelCapabilities;
	/** YYYY-MM-DD: when the catalog last checked the capabilities. */
	capabilitiesCheckedAt: string;
}

const NEEDS: ReadonlyArray<{
	need: keyof CapabilityNeeds;
	capability: ModelCapability;
	missing: string;
}> = [
	{ need: 'image', capability: 'vision', missing: 'take image input' },
	{ need: 'pdf', capability: 'pdf', missing: 'take PDF input' },
	{ need: 'jsonSchema', capability: 'json_schema', missing: 'answer to a JSON Schema' },
	{ need: 'reasoning', capability: 'reasoning', missing: 'take a reasoning effort' },
];

/**
 * Why the catalog says a model cannot honour a request, or undefined when it can. A model the catalog does not
 * know gives undefined too: an unknown model is tried, never skipped on a guess.
 */
export function capabilityGap(
	model: KnownCapabilities | undefined,
	needs: CapabilityNeeds,
): string | undefined {
	if (model === undefined) return undefined;
	const missing = NEEDS.filter(
		({ need, capability }) => needs[need] === true && !model.capabilities[capability],
	).map((entry) => entry.missing);
	if (missing.length === 0) return undefined;
	const month = model.capabilitiesCheckedAt.slice(0, 7);
	return `${model.id} cannot ${joinedWithOr(missing)} (catalog, ${month})`;
}

function joinedWithOr(phrases: string[]): string {
	if (phrases.length === 1) return phrases[0];
	return `${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`;
}
