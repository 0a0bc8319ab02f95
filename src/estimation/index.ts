export type {
  CoreInput,
  DefaultedField,
  Estimate,
  EstimateInput,
  Metric,
  MetricId,
  MetricUnit,
  NormalisedInput,
  ReadSpec,
} from './estimate-types.js';
export { METRIC_IDS, TRAFFIC_METRIC_IDS } from './estimate-types.js';
export type {
  DefaultPrices,
  EngineTables,
  EstimateSpec,
  LatencyAllocation,
  LatencyBudget,
  ReferenceLatency,
  SpecEstimate,
} from './spec-types.js';
export { coreInput, estimateFromSpec, scaleSpec, specMetrics } from './spec.js';
export { checkSpec, snakeCase } from './checks.js';
export { coreMetrics, type CoreResult } from './core.js';
export { calcUsd, costMetrics } from './cost.js';
export { connectionMetrics, DEFAULT_TARGET_UTILIZATION, serverMetrics } from './fleet.js';
export { findReference, latencyBudget, type LatencyBudgetResult } from './latency-budget.js';
export { DEFAULT_BATCH_SIZE, mlMetrics } from './ml.js';
export { downtimeMetrics, errorBudgetMetric } from './reliability.js';
export { DEFAULT_CACHE_FRACTION } from './storage.js';
export {
  approx,
  DISPLAY_DIGITS,
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
export { DEFAULT_PEAK_FACTOR, DEFAULT_REPLICATION } from './normalise.js';
export {
  composeParallel,
  composeSerial,
  downtime,
  errorBudgetRequestsPerDay,
  planServers,
  servers,
  type Downtime,
  type ServerPlan,
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
  SECONDS_PER_HOUR,
  SECONDS_PER_MINUTE,
  SECONDS_PER_MONTH,
  SECONDS_PER_PERIOD,
  SECONDS_PER_WEEK,
  SECONDS_PER_YEAR,
  type Bytes,
  type BytesPerSecond,
  type Fraction,
  type PerSecond,
  type Price,
  type PriceUnit,
  type Rate,
  type RatePeriod,
  type Seconds,
  type Usd,
} from './units.js';
export { calcMs } from './calc-text.js';
export { clean } from './numbers.js';
export { settle } from './numbers.js';
