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
