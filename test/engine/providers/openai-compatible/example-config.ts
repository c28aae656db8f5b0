import { fromOpenAiModelList } from '../../../../nodes/engine/providers/openai-compatible/from-openai-model-list';
import type { OpenAiCompatibleConfig } from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-config';
import { BEARER_AUTH } from '../../../../nodes/engine/providers/provider-definition';

/** A provider that takes OpenAI's whole request under OpenAI's paths; tests change what they are about. */
export const EXAMPLE_CONFIG: OpenAiCompatibleConfig = {
	displayName: 'Example',
	chatPath: '/chat/completions',
	modelListPath: '/models',
	modelInBody: true,
	auth: BEARER_AUTH,
	fromModelList: fromOpenAiModelList,
	jsonMode: 'json_schema',
	images: 'url-or-data',
	pdfs: 'file',
	developerRole: true,
	seedField: 'seed',
	takesUser: true,
	tokenLimitField: 'max_tokens',
	streamUsageOption: true,
	tools: { parallelToolCalls: true },
};
