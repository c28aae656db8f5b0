import {
	definedOnly,
	invalidModelList,
	type ModelListPage,
	type ModelPricing,
} from '../listed-model';
import { openRouterModelListSchema } from './model-list-schemas';

/** OpenRouter prices one token in USD as a decimal string; a negative one means "depends on the route". */
function perThousandFromPerToken(value: string): number | undefined {
	const perToken = Number(value);
	if (!Number.isFinite(perToken) || perToken < 0) return undefined;
	return Number((perToken * 1000).toPrecision(12));
}

function livePricing(
	pricing: { prompt: string; completion: string } | null | undefined,
): ModelPricing | undefined {
	if (pricing === null || pricing === undefined) return undefined;
	const prompt = perThousandFromPerToken(pricing.prompt);
	const completion = perThousandFromPerToken(pricing.completion);
	return prompt === undefined || completion === undefined
		? undefined
		: { prompt_tokens: prompt, completion_tokens: completion };
}

/** OpenRouter's model list: live prices, modalities and the parameters each model takes. */
export function fromOpenRouterModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = openRouterModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	return {
		models: parsed.data.data.map((model) => {
			const inputs = model.architecture?.input_modalities ?? undefined;
			const outputs = model.architecture?.output_modalities ?? ['text'];
			const parameters = model.supported_parameters ?? undefined;
			return definedOnly({
				id: model.id,
				name: model.name ?? undefined,
				created: model.created ?? undefined,
				ownedBy: model.id.includes('/') ? model.id.slice(0, model.id.indexOf('/')) : undefined,
				contextWindow: model.context_length ?? undefined,
				maxOutputTokens: model.top_provider?.max_completion_tokens ?? undefined,
				pricing: livePricing(model.pricing),
				capabilities: definedOnly({
					chat: outputs.includes('text'),
					vision: inputs?.includes('image'),
					// "file" is native document input; OpenRouter's own PDF parsing for other models is not counted.
					pdf: inputs?.includes('file'),
					tools: parameters?.includes('tools'),
					json_output:
						parameters === undefined
							? undefined
							: parameters.includes('response_format') || parameters.includes('structured_outputs'),
					json_schema: parameters?.includes('structured_outputs'),
					reasoning: parameters?.includes('reasoning'),
				}),
				deprecated: typeof model.expiration_date === 'string' ? true : undefined,
			});
		}),
	};
}
