import { fromGeminiModelList } from '../../../../nodes/engine/providers/gemini/from-gemini-model-list';

describe('fromGeminiModelList', () => {
	it('strips "models/", reads the limits, tells chat from embedding models by their methods and reads `thinking`', () => {
		const body = {
			models: [
				{
					name: 'models/gemini-2.5-flash',
					version: '001',
					displayName: 'Gemini 2.5 Flash',
					inputTokenLimit: 1048576,
					outputTokenLimit: 65536,
					supportedGenerationMethods: [
						'generateContent',
						'countTokens',
						'createCachedContent',
						'batchGenerateContent',
					],
					thinking: true,
				},
				{
					name: 'models/gemini-embedding-001',
					displayName: 'Gemini Embedding 001',
					inputTokenLimit: 2048,
					outputTokenLimit: 1,
					supportedGenerationMethods: [
						'embedContent',
						'countTextTokens',
						'countTokens',
						'asyncBatchEmbedContent',
					],
				},
			],
			nextPageToken: 'Ch1tb2RlbHMvZ2VtaW5pLWVtYmVkZGluZy0wMDE=',
		};
		expect(fromGeminiModelList(body, 'Google Gemini')).toEqual({
			models: [
				{
					id: 'gemini-2.5-flash',
					name: 'Gemini 2.5 Flash',
					ownedBy: 'google',
					contextWindow: 1048576,
					maxOutputTokens: 65536,
					capabilities: { chat: true, embeddings: false, reasoning: true },
				},
				{
					id: 'gemini-embedding-001',
					name: 'Gemini Embedding 001',
					ownedBy: 'google',
					contextWindow: 2048,
					maxOutputTokens: 1,
					capabilities: { chat: false, embeddings: true },
				},
			],
			cursor: 'Ch1tb2RlbHMvZ2VtaW5pLWVtYmVkZGluZy0wMDE=',
		});
	});

	it('reads an empty answer (a key restricted to no model) as no models', () => {
		expect(fromGeminiModelList({}, 'Google Gemini')).toEqual({ models: [] });
	});

	it('rejects a model without a name', () => {
		expect(() => fromGeminiModelList({ models: [{ displayName: 'x' }] }, 'Google Gemini')).toThrow(
			/models\[0\]\.name: Required/,
		);
	});
});
