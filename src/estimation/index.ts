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
  nodeCostPerMonth,
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
