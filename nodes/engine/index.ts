/** The engine's public surface: what the n8n nodes (and tests, and the benchmark) build on. */
export { runChat, type ChatSettings } from './chat/run-chat';
export {
	BudgetExceededError,
	SpendBudget,
	type BudgetExhaustedBehaviour,
} from './chat/spend-budget';
export type { CallSettings } from './call/model-call';
export type { ConnectionResolver } from './providers/connection-resolver';
export type { Attempt } from './call/attempt';
export type { ChatCompletionOutput, FusionMetadata } from './chat/chat-output';
export type { CandidateAnswer } from './strategies/routing-strategy';
export { AllModelsFailedError } from './strategies/all-models-failed-error';
export { PartialAnswerError } from './call/partial-answer-error';
export { STRATEGY_OPTIONS, type StrategyOption } from './strategies/strategy-registry';
export { FusionError, type FusionErrorKind } from './errors/fusion-error';
export { redactSecrets } from './errors/redact-secrets';
export { mapWithConcurrency } from './concurrency/map-with-concurrency';
export {
	QUALITY_BENCHMARK,
	type CatalogModel,
	type CatalogModelData,
	type ProviderCatalogData,
} from './catalog/catalog-types';
export {
	MODEL_CAPABILITIES,
	type ModelCapabilities,
	type ModelCapability,
	type ModelPricing,
} from './providers/listed-model';
export {
	CATALOG_MODELS,
	PROVIDER_CATALOGS,
	findCatalogModel,
	matchCatalogModel,
	type CatalogMatch,
} from './catalog/model-catalog';
export {
	listLiveModels,
	type ListingError,
	type LiveListing,
	type LiveListSettings,
} from './catalog/list-live-models';
export {
	capabilityGap,
	type CapabilityNeeds,
	type KnownCapabilities,
} from './catalog/capability-gap';
export { checkCredential, type CredentialCheckSettings } from './catalog/check-credential';
export { estimateLatency, type LatencyEstimate } from './catalog/estimate-latency';
export {
	queryCatalog,
	queryLiveModels,
	type ModelListItem,
	type ModelQuery,
	type ModelQueryResult,
	type ModelSortKey,
	type ProviderListingError,
} from './catalog/query-models';
export {
	PROVIDERS,
	providerById,
	type ProviderDefinition,
	type ProviderId,
} from './providers/provider-registry';
export type { ProviderConnection } from './providers/provider-adapter';
export {
	maxOutputTokens,
	parseUnifiedRequest,
	type ChatMessage,
	type ContentPart,
	type FilePart,
	type ImagePart,
	type ReasoningEffort,
	type ResponseFormat,
	type TextPart,
	type UnifiedChatRequest,
} from './request/unified-request';
export { parseDataUrl, type DataUrl } from './request/data-url';
export { compileJsonSchema, type JsonSchemaValidator } from './request/json-schema';
export { partTypesOf, textOf, type MediaPartType } from './request/message-content';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './transport/retry-policy';
export { timeoutsFromTotal, DEFAULT_TIMEOUTS } from './transport/timeouts';
export type {
	FusionState,
	ModelObservation,
	ObservationLookup,
	RateLimits,
} from './state/fusion-state';
export { MemoryFusionState } from './state/memory-fusion-state';
export { createFusionState, processFusionState } from './state/process-fusion-state';
