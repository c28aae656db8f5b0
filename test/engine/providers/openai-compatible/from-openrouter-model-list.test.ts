import { fromOpenRouterModelList } from '../../../../nodes/engine/providers/openai-compatible/from-openrouter-model-list';

describe('fromOpenRouterModelList', () => {
	it('turns the per-token price strings into USD per 1K and reads modalities and parameters', () => {
		const body = {
			data: [
				{
					id: 'anthropic/claude-3-opus',
					canonical_slug: 'anthropic/claude-3-opus',
					name: 'Anthropic: Claude 3 Opus',
					created: 1709596800,
					context_length: 200000,
					architecture: {
						modality: 'text+image->text',
						input_modalities: ['text', 'image'],
						output_modalities: ['text'],
						tokenizer: 'Claude',
						instruct_type: null,
					},
					pricing: {
						prompt: '0.000015',
						completion: '0.000075',
						request: '0',
						image: '0.024',
						input_cache_read: '0.0000015',
					},
					top_provider: { context_length: 200000, max_completion_tokens: 4096, is_moderated: true },
					per_request_limits: null,
					supported_parameters: [
						'max_tokens',
						'stop',
						'temperature',
						'tool_choice',
						'tools',
						'top_k',
						'top_p',
					],
					expiration_date: '2026-01-05',
				},
			],
		};
		expect(fromOpenRouterModelList(body, 'OpenRouter').models).toEqual([
			{
				id: 'anthropic/claude-3-opus',
				name: 'Anthropic: Claude 3 Opus',
				created: 1709596800,
				ownedBy: 'anthropic',
				contextWindow: 200000,
				maxOutputTokens: 4096,
				pricing: { prompt_tokens: 0.015, completion_tokens: 0.075 },
				capabilities: {
					chat: true,
					vision: true,
					pdf: false,
					tools: true,
					json_output: false,
					json_schema: false,
					reasoning: false,
				},
				deprecated: true,
			},
		]);
	});

	it('leaves the price unknown where it depends on the route (the auto router\'s "-1")', () => {
		const body = {
			data: [
				{
					id: 'openrouter/auto',
					name: 'Auto Router',
					created: 1699401600,
					context_length: 2000000,
					architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
					pricing: { prompt: '-1', completion: '-1' },
					top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
					supported_parameters: [],
				},
			],
		};
		const [model] = fromOpenRouterModelList(body, 'OpenRouter').models;
		expect(model.pricing).toBeUndefined();
		expect(model.capabilities).toEqual({
			chat: true,
			vision: true,
			pdf: false,
			tools: false,
			json_output: false,
			json_schema: false,
			reasoning: false,
		});
	});

	it('reads file input, structured outputs and a reasoning control from the modalities and parameters', () => {
		const body = {
			data: [
				{
					id: 'google/gemini-2.5-flash',
					name: 'Google: Gemini 2.5 Flash',
					architecture: {
						modality: 'text+image+file+audio+video->text',
						input_modalities: ['file', 'image', 'text', 'audio', 'video'],
						output_modalities: ['text'],
					},
					pricing: { prompt: '0.0000003', completion: '0.0000025' },
					supported_parameters: [
						'include_reasoning',
						'max_tokens',
						'reasoning',
						'response_format',
						'structured_outputs',
						'tools',
					],
				},
				{
					id: 'deepseek/deepseek-chat',
					architecture: { input_modalities: ['text'], output_modalities: ['text'] },
					supported_parameters: ['max_tokens', 'response_format', 'tools'],
				},
			],
		};
		const [gemini, deepSeek] = fromOpenRouterModelList(body, 'OpenRouter').models;
		expect(gemini.capabilities).toEqual({
			chat: true,
			vision: true,
			pdf: true,
			tools: true,
			json_output: true,
			json_schema: true,
			reasoning: true,
		});
		expect(deepSeek.capabilities).toMatchObject({
			vision: false,
			pdf: false,
			json_output: true,
			json_schema: false,
			reasoning: false,
		});
	});

	it('states nothing the list leaves out, so the catalog keeps its say', () => {
		const [model] = fromOpenRouterModelList(
			{ data: [{ id: 'openai/gpt-5', name: 'OpenAI: GPT-5' }] },
			'OpenRouter',
		).models;
		expect(model.capabilities).toEqual({ chat: true });
	});
});
