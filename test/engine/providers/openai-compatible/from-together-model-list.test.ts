import { fromTogetherModelList } from '../../../../nodes/engine/providers/openai-compatible/from-together-model-list';

const llama = {
	id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
	object: 'model',
	created: 1733443200,
	type: 'chat',
	running: false,
	display_name: 'Meta Llama 3.3 70B Instruct Turbo',
	organization: 'Meta',
	link: 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct',
	context_length: 131072,
	config: { chat_template: null, stop: ['<|eot_id|>'], bos_token: null, eos_token: null },
	pricing: { hourly: 0, input: 0.88, output: 0.88, base: 0, finetune: 0 },
};

describe('fromTogetherModelList', () => {
	it('reads the bare array with prices per million tokens, as USD per 1K', () => {
		expect(fromTogetherModelList([llama], 'Together AI').models).toEqual([
			{
				id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
				name: 'Meta Llama 3.3 70B Instruct Turbo',
				created: 1733443200,
				ownedBy: 'Meta',
				contextWindow: 131072,
				pricing: { prompt_tokens: 0.00088, completion_tokens: 0.00088 },
				capabilities: { chat: true, completions: false, embeddings: false, moderation: false },
			},
		]);
	});

	it('reads the same list wrapped in data, and embedding models by their type', () => {
		const embedding = {
			id: 'BAAI/bge-large-en-v1.5',
			type: 'embedding',
			context_length: 512,
			pricing: { hourly: 0, input: 0.02, output: 0.02, base: 0, finetune: 0 },
		};
		expect(
			fromTogetherModelList({ data: [embedding] }, 'Together AI').models[0].capabilities,
		).toEqual({ chat: false, completions: false, embeddings: true, moderation: false });
	});

	it('treats a context length of 0 as unknown', () => {
		expect(
			fromTogetherModelList([{ ...llama, context_length: 0 }], 'Together AI').models[0]
				.contextWindow,
		).toBeUndefined();
	});
});
