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
	/** `tools`, or a conversation that has called them. */
	tools?: boolean;
}

/** A model as the catalog knows it: a CatalogModel fits, or a copy carrying the id the user wrote. */
export interface KnownCapabilities {
	id: string;
	capabilities: ModelCapabilities;
	/** YYYY-MM-DD: when the catalog last checked the capabilities. */
	capabilitiesCheckedAt: string;
}

/**
 * Each need, and the capabilities of which any one meets it. A JSON Schema is also met by a JSON mode: the
 * adapters then send the schema as an instruction, and the engine checks the answer against it either way.
 */
const NEEDS: ReadonlyArray<{
	need: keyof CapabilityNeeds;
	capabilities: readonly ModelCapability[];
	missing: string;
}> = [
	{ need: 'image', capabilities: ['vision'], missing: 'take image input' },
	{ need: 'pdf', capabilities: ['pdf'], missing: 'take PDF input' },
	{
		need: 'jsonSchema',
		capabilities: ['json_schema', 'json_output'],
		missing: 'answer in JSON (no JSON Schema and no JSON mode)',
	},
	{ need: 'reasoning', capabilities: ['reasoning'], missing: 'take a reasoning effort' },
	{ need: 'tools', capabilities: ['tools'], missing: 'call tools' },
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
		({ need, capabilities }) =>
			needs[need] === true && !capabilities.some((capability) => model.capabilities[capability]),
	).map((entry) => entry.missing);
	if (missing.length === 0) return undefined;
	const month = model.capabilitiesCheckedAt.slice(0, 7);
	return `${model.id} cannot ${joinedWithOr(missing)} (catalog, ${month})`;
}

function joinedWithOr(phrases: string[]): string {
	if (phrases.length === 1) return phrases[0];
	return `${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`;
}
