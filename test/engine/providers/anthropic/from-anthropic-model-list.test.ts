import { fromAnthropicModelList } from '../../../../nodes/engine/providers/anthropic/from-anthropic-model-list';

describe('fromAnthropicModelList', () => {
	it('reads ids, display names and release times, and the cursor of the next page', () => {
		const body = {
			data: [
				{
					type: 'model',
					id: 'claude-sonnet-4-5-20250929',
					display_name: 'Claude Sonnet 4.5',
					created_at: '2025-09-29T00:00:00Z',
				},
				{
					type: 'model',
					id: 'claude-3-opus-20240229',
					display_name: 'Claude Opus 3',
					created_at: '2024-02-29T00:00:00Z',
				},
			],
			has_more: true,
			first_id: 'claude-sonnet-4-5-20250929',
			last_id: 'claude-3-opus-20240229',
		};
		expect(fromAnthropicModelList(body, 'Anthropic')).toEqual({
			models: [
				{
					id: 'claude-sonnet-4-5-20250929',
					name: 'Claude Sonnet 4.5',
					created: 1759104000,
					ownedBy: 'anthropic',
				},
				{
					id: 'claude-3-opus-20240229',
					name: 'Claude Opus 3',
					created: 1709164800,
					ownedBy: 'anthropic',
				},
			],
			cursor: 'claude-3-opus-20240229',
		});
	});

	it('reads the capability flags: images, PDFs, structured outputs, thinking', () => {
		const supported = { supported: true };
		const unsupported = { supported: false };
		const body = {
			data: [
				{
					type: 'model',
					id: 'claude-opus-4-6',
					display_name: 'Claude Opus 4.6',
					created_at: '2026-02-05T00:00:00Z',
					max_input_tokens: 1000000,
					max_tokens: 128000,
					capabilities: {
						batch: supported,
						citations: supported,
						image_input: supported,
						pdf_input: supported,
						structured_outputs: supported,
						thinking: { supported: true, types: { adaptive: supported, enabled: supported } },
						effort: { supported: true, low: supported, medium: supported, high: supported },
					},
				},
				{
					type: 'model',
					id: 'claude-3-haiku-20240307',
					display_name: 'Claude Haiku 3',
					created_at: '2024-03-07T00:00:00Z',
					capabilities: {
						image_input: supported,
						pdf_input: unsupported,
						structured_outputs: unsupported,
						thinking: { supported: false, types: { adaptive: unsupported, enabled: unsupported } },
						effort: unsupported,
					},
				},
			],
			has_more: false,
		};
		const [opus, haiku] = fromAnthropicModelList(body, 'Anthropic').models;
		expect(opus.capabilities).toEqual({
			chat: true,
			vision: true,
			pdf: true,
			json_output: true,
			json_schema: true,
			reasoning: true,
		});
		// No structured outputs is not "no JSON Schema": a forced tool still gives one, as the catalog records.
		expect(haiku.capabilities).toEqual({ chat: true, vision: true, pdf: false, reasoning: false });
	});

	it('has no cursor on the last page', () => {
		expect(
			fromAnthropicModelList(
				{ data: [], has_more: false, first_id: null, last_id: null },
				'Anthropic',
			),
		).toEqual({ models: [] });
	});

	it('rejects a body without data', () => {
		expect(() =>
			fromAnthropicModelList(
				{ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
				'Anthropic',
			),
		).toThrow(/^Anthropic sent a model list in an unexpected shape/);
	});
});
