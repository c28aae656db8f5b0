import { definedOnly, invalidModelList, perThousand, type ModelListPage } from '../listed-model';
import { togetherModelListSchema } from './model-list-schemas';

/** Together's model list: every hosted model with its type, context length and price per million tokens. */
export function fromTogetherModelList(body: unknown, providerName: string): ModelListPage {
	const parsed = togetherModelListSchema.safeParse(body);
	if (!parsed.success) throw invalidModelList(providerName, parsed.error);
	return {
		models: parsed.data.map((model) => {
			const type = model.type ?? undefined;
			return definedOnly({
				id: model.id,
				name: model.display_name ?? undefined,
				created: model.created ?? undefined,
				ownedBy: model.organization ?? undefined,
				// Together reports 0 for models whose context it does not state.
				contextWindow: model.context_length || undefined,
				pricing:
					model.pricing === null || model.pricing === undefined
						? undefined
						: {
								prompt_tokens: perThousand(model.pricing.input),
								completion_tokens: perThousand(model.pricing.output),
							},
				capabilities:
					type === undefined
						? undefined
						: {
								chat: type === 'chat',
								completions: type === 'language' || type === 'code',
								embeddings: type === 'embedding',
								moderation: type === 'moderation',
							},
			});
		}),
	};
}
