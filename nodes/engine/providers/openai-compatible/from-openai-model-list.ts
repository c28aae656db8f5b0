import { definedOnly, invalidModelList, type ModelListPage } from '../listed-model';
import { openAiModelListSchema } from './model-list-schemas';

/** OpenAI's model list, and every OpenAI-compatible one (Groq's limits, Ollama's tags, xAI, DeepSeek, …). */
export function fromOpenAiModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = openAiModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	return {
		models: parsed.data.data.map((model) =>
			definedOnly({
				id: model.id,
				created: model.created ?? undefined,
				ownedBy: model.owned_by ?? undefined,
				contextWindow: model.context_window ?? undefined,
				maxOutputTokens: model.max_completion_tokens ?? undefined,
			}),
		),
	};
}
