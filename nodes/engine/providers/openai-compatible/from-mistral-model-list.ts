import { definedOnly, invalidModelList, type ModelListPage } from '../listed-model';
import { mistralModelListSchema } from './model-list-schemas';

/** Mistral's model list: capability flags, the context length and a deprecation date per model. */
export function fromMistralModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = mistralModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	return {
		models: parsed.data.data.map((model) => {
			const flags = model.capabilities ?? undefined;
			return definedOnly({
				id: model.id,
				name: model.name ?? undefined,
				created: model.created ?? undefined,
				ownedBy: model.owned_by ?? undefined,
				contextWindow: model.max_context_length ?? undefined,
				capabilities:
					flags === undefined
						? undefined
						: {
								chat: flags.completion_chat === true,
								completions: flags.completion_fim === true,
								tools: flags.function_calling === true,
								vision: flags.vision === true,
								moderation: flags.classification === true,
							},
				deprecated: typeof model.deprecation === 'string' ? true : undefined,
			});
		}),
	};
}
