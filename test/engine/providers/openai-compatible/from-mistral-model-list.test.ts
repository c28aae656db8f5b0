import { fromMistralModelList } from '../../../../nodes/engine/providers/openai-compatible/from-mistral-model-list';

describe('fromMistralModelList', () => {
	it('reads capability flags, the context length and the deprecation date', () => {
		const body = {
			object: 'list',
			data: [
				{
					id: 'open-mixtral-8x7b',
					object: 'model',
					created: 1702252800,
					owned_by: 'mistralai',
					capabilities: {
						completion_chat: true,
						completion_fim: false,
						function_calling: true,
						fine_tuning: false,
						vision: false,
						classification: false,
					},
					name: 'open-mixtral-8x7b',
					max_context_length: 32768,
					aliases: [],
					deprecation: '2025-03-30T12:00:00Z',
					type: 'base',
				},
				{
					id: 'mistral-moderation-latest',
					object: 'model',
					created: 1730937600,
					owned_by: 'mistralai',
					capabilities: {
						completion_chat: false,
						completion_fim: false,
						function_calling: false,
						fine_tuning: false,
						vision: false,
						classification: true,
					},
					max_context_length: 8192,
					deprecation: null,
				},
			],
		};
		expect(fromMistralModelList(body, 'Mistral').models).toEqual([
			{
				id: 'open-mixtral-8x7b',
				name: 'open-mixtral-8x7b',
				created: 1702252800,
				ownedBy: 'mistralai',
				contextWindow: 32768,
				capabilities: {
					chat: true,
					completions: false,
					tools: true,
					vision: false,
					moderation: false,
				},
				deprecated: true,
			},
			{
				id: 'mistral-moderation-latest',
				created: 1730937600,
				ownedBy: 'mistralai',
				contextWindow: 8192,
				capabilities: {
					chat: false,
					completions: false,
					tools: false,
					vision: false,
					moderation: true,
				},
			},
		]);
	});
});
