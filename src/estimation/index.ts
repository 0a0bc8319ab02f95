export type { Estimate, EstimateInput, Metric, MetricId, ReadSpec } from './estimate-types.js';
export { METRIC_IDS, TRAFFIC_METRIC_IDS } from './estimate-types.js';
export type { EngineTables, EstimateSpec, ReferenceLatency, SpecEstimate } from './spec-types.js';
export { estimateFromSpec, scaleSpec } from './spec.js';
export { checkSpec } from './checks.js';
export {
  calcUsd,
  costMetrics,
  diskCostPerMonth,
  HOURS_PER_MONTH,
  hoursCostPerMonth,
  nodeCostPerMonth,
  storageCostPerMonth,
  type CostLine,
} from './cost.js';
export { findReference, latencyBudget } from './latency-budget.js';
export {
  displayBandwidth,
  displayBytes,
  displayDuration,
  displayNumber,
  displayRate,
  displayServers,
  displayUsd,
  isRounded,
} from './display.js';
export { estimate, metric, scaleInput } from './engine.js';
export {
  composeParallel,
  composeSerial,
  downtime,
  errorBudgetRequestsPerDay,
  planServers,
  servers,
} from './capacity.js';
export {
  formatBitsPerSecond,
  formatBytes,
  formatBytesPerSecond,
  formatCompact,
  formatCount,
  formatDuration,
  formatMilliseconds,
  formatMinutes,
  formatPercent,
  formatRate,
  formatUsd,
} from './format.js';
export {
  parseCount,
  parseDuration,
  parseLatency,
  parsePercent,
  parsePrice,
  parseRate,
  parseRatio,
  parseSize,
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_YEAR,
  type Rate,
} from './units.js';
export { calcMs } from './calc-text.js';
export { settle } from './numbers.js';
export { bytesFigure, calcQuantity, unitsText, type Figure, type TierSize } from './tier-size.js';
export {
  connectionGateway,
  partitionedStoreNodes,
  relationalPrimaries,
  searchIndex,
  streamBrokers,
  vectorIndex,
  type ConnectionGatewayInput,
  type PartitionedStoreInput,
  type RelationalPrimariesInput,
  type RelationalSize,
  type SearchIndexInput,
  type SearchIndexSize,
  type StoreSize,
  type StreamBrokersInput,
  type StreamSize,
  type VectorIndexInput,
  type VectorIndexSize,
} from './tiers.js';
export {
  batchDeadline,
  embeddingThroughput,
  kvBytesPerToken,
  llmServing,
  modelServingReplicas,
  type BatchDeadlineInput,
  type BatchSize,
  type EmbeddingInput,
  type KvShape,
  type LlmServingInput,
  type LlmServingSize,
  type ModelServingInput,
} from './tiers-ml.js';
export {
  growthFactor,
  scaleInputs,
  tieredStorage,
  type GrowthInput,
  type TieredStorage,
  type TieredStorageInput,
} from './growth.js';
