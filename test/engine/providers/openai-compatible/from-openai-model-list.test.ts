import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { fromOpenAiModelList } from '../../../../nodes/engine/providers/openai-compatible/from-openai-model-list';

describe('fromOpenAiModelList', () => {
	it("reads OpenAI's list of ids", () => {
		const body = {
			object: 'list',
			data: [
				{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
				{
					id: 'ft:gpt-4o-mini-2024-07-18:acme::9abcDEF1',
					object: 'model',
					created: 1726000000,
					owned_by: 'user-acme',
				},
			],
		};
		expect(fromOpenAiModelList(body, 'OpenAI')).toEqual({
			models: [
				{ id: 'gpt-4o-mini', created: 1721172741, ownedBy: 'system' },
				{
					id: 'ft:gpt-4o-mini-2024-07-18:acme::9abcDEF1',
					created: 1726000000,
					ownedBy: 'user-acme',
				},
			],
		});
	});

	it("reads Groq's context window and answer limit", () => {
		const body = {
			object: 'list',
			data: [
				{
					id: 'llama-3.3-70b-versatile',
					object: 'model',
					created: 1733447754,
					owned_by: 'Meta',
					active: true,
					context_window: 131072,
					public_apps: null,
					max_completion_tokens: 32768,
				},
			],
		};
		expect(fromOpenAiModelList(body, 'Groq').models).toEqual([
			{
				id: 'llama-3.3-70b-versatile',
				created: 1733447754,
				ownedBy: 'Meta',
				contextWindow: 131072,
				maxOutputTokens: 32768,
			},
		]);
	});

	it("reads DeepSeek's list, which has no creation times", () => {
		expect(
			fromOpenAiModelList(
				{ object: 'list', data: [{ id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' }] },
				'DeepSeek',
			).models,
		).toEqual([{ id: 'deepseek-chat', ownedBy: 'deepseek' }]);
	});

	it('names the provider and the field when the body is not a model list', () => {
		expect(() => fromOpenAiModelList({ data: [{ object: 'model' }] }, 'xAI')).toThrow(FusionError);
		expect(() => fromOpenAiModelList({ data: [{ object: 'model' }] }, 'xAI')).toThrow(
			/^xAI sent a model list in an unexpected shape \(data\[0\]\.id: Required\)$/,
		);
		expect(() => fromOpenAiModelList({ error: { message: 'nope' } }, 'OpenAI')).toThrow(
			/\(data: Required\)/,
		);
	});
});
