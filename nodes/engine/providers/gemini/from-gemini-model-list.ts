import { definedOnly, invalidModelList, type ModelListPage } from '../listed-model';
import { geminiModelListSchema } from './gemini-api-schemas';

/** Gemini's model list: `models/<id>` names, token limits, the methods each model answers and whether it thinks. */
export function fromGeminiModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = geminiModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	return {
		models: parsed.data.models.map((model) => {
			const methods = model.supportedGenerationMethods ?? undefined;
			return definedOnly({
				id: model.name.replace(/^models\//, ''),
				name: model.displayName ?? undefined,
				ownedBy: 'google',
				contextWindow: model.inputTokenLimit ?? undefined,
				maxOutputTokens: model.outputTokenLimit ?? undefined,
				capabilities:
					methods === undefined
						? undefined
						: definedOnly({
								chat: methods.includes('generateContent'),
								embeddings: methods.includes('embedContent'),
								// `thinking` marks the models that take a thinkingConfig.
								reasoning: model.thinking ?? undefined,
							}),
			});
		}),
		cursor: parsed.data.nextPageToken || undefined,
	};
}
