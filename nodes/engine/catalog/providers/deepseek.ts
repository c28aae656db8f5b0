import type { ProviderCatalogData } from '../catalog-types';

export const deepSeekCatalog: ProviderCatalogData = {
	provider: 'deepseek',
	checkedAt: '2026-11-23',
	source: 'https://api-docs.deepseek.com/quick_start/pricing',
	capabilitiesCheckedAt: '2026-11-30',
	capabilitySources: [
		'https://api-docs.deepseek.com/guides/json_mode',
		'https://api-docs.deepseek.com/guides/reasoning_model',
	],
	// Cache-miss input prices: a cache hit is billed at a tenth of them.
	// JSON mode only, no JSON Schema. The reasoner always thinks and has no effort control, so no model is
	// marked `reasoning`.
	models: [
		{
			id: 'deepseek/deepseek-chat',
			name: 'DeepSeek Chat (non-thinking mode)',
			ownedBy: 'deepseek',
			released: '2025-12-01',
			capabilities: ['chat', 'completions', 'tools', 'json_output'],
			pricePerMillion: { input: 0.28, output: 0.42 },
			contextWindow: 1_000_000,
			maxOutputTokens: 8192,
			arena: null,
			estimatedLatencyMs: 2500,
		},
		{
			id: 'deepseek/deepseek-reasoner',
			name: 'DeepSeek Reasoner (thinking mode)',
			ownedBy: 'deepseek',
			released: '2025-12-01',
			capabilities: ['chat', 'tools', 'json_output'],
			pricePerMillion: { input: 0.28, output: 0.42 },
			contextWindow: 1_000_000,
			maxOutputTokens: 128_000,
			arena: null,
			estimatedLatencyMs: 12_000,
		},
	],
};
