import type { ModelCapabilities } from '../listed-model';

/**
 * How a model takes a reasoning control: `adaptive` thinking steered by `output_config.effort` (Claude 4.6 and
 * later), a fixed `budget_tokens` (Claude 3.7 to 4.5; Anthropic rejects it from Opus 4.7 on), or none.
 */
export type AnthropicThinkingStyle = 'adaptive' | 'budget' | 'none';

export interface AnthropicModelTraits {
	/** `output_config.format` (structured outputs): Opus 4.1, the 4.5 models and later. */
	structuredOutputs: boolean;
	thinking: AnthropicThinkingStyle;
	/** Fable and Mythos think on every request: `thinking: {type: "disabled"}` is a 400 there. */
	thinkingAlwaysOn: boolean;
	/** Opus 4.7 and later answer 400 to temperature, top_p and top_k. */
	rejectsSampling: boolean;
}

const NEWEST: AnthropicModelTraits = {
	structuredOutputs: true,
	thinking: 'adaptive',
	thinkingAlwaysOn: false,
	rejectsSampling: true,
};

/** `claude-opus-4-6`, `claude-sonnet-4-20250514`, `claude-fable-5`: the family, then the version. */
const CURRENT_NAMING = /claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d)(?!\d))?/;
/** `claude-3-5-sonnet-20241022`, `claude-3-haiku-20240307`: the version first. */
const OLDER_NAMING = /claude-(\d)(?:-(\d)(?!\d))?-(opus|sonnet|haiku)/;

function versionOf(model: string): { family: string; version: number } | undefined {
	const current = CURRENT_NAMING.exec(model);
	if (current !== null) {
		return { family: current[1], version: Number(current[2]) + Number(current[3] ?? 0) / 10 };
	}
	const older = OLDER_NAMING.exec(model);
	if (older !== null) {
		return { family: older[3], version: Number(older[1]) + Number(older[2] ?? 0) / 10 };
	}
	return undefined;
}

/**
 * What the model id says, following Anthropic's model pages (structured outputs, adaptive thinking, effort,
 * extended thinking; checked 2026-11). A Claude id this does not recognise is taken to be newer than every rule
 * here; an id that is no Claude model (a gateway serving other models behind Anthropic's API) gets the oldest,
 * most widely accepted shapes.
 */
function traitsFromModelId(model: string): AnthropicModelTraits {
	const lower = model.toLowerCase();
	const parsed = versionOf(lower);
	if (parsed === undefined) {
		return lower.includes('claude')
			? NEWEST
			: {
					structuredOutputs: false,
					thinking: 'budget',
					thinkingAlwaysOn: false,
					rejectsSampling: false,
				};
	}
	const { family, version } = parsed;
	if (family === 'fable' || family === 'mythos') return { ...NEWEST, thinkingAlwaysOn: true };
	if (version >= 4.7) return NEWEST;
	return {
		structuredOutputs: version >= 4.1,
		thinking: version >= 4.6 ? 'adaptive' : version >= 3.7 ? 'budget' : 'none',
		thinkingAlwaysOn: false,
		rejectsSampling: false,
	};
}

/**
 * The model id decides the request shapes; the catalog, where it knows the model, has the last word on whether
 * it has structured outputs and a reasoning control at all (its `json_output` is Anthropic's structured outputs).
 */
export function anthropicModelTraits(
	model: string,
	capabilities?: ModelCapabilities,
): AnthropicModelTraits {
	const traits = traitsFromModelId(model);
	if (capabilities === undefined) return traits;
	return {
		...traits,
		structuredOutputs: capabilities.json_output,
		thinking: capabilities.reasoning
			? traits.thinking === 'none'
				? 'budget'
				: traits.thinking
			: 'none',
	};
}
