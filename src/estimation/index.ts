export type {
  DefaultedField,
  Estimate,
  EstimateInput,
  Metric,
  MetricId,
  MetricUnit,
  NormalisedInput,
  ReadSpec,
} from './estimate-types.js';
export { METRIC_IDS } from './estimate-types.js';
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
  formatRate,
  formatUsd,
} from './format.js';
export {
  parseCount,
  parseDuration,
  parseLatency,
  parsePercent,
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
  type Rate,
  type RatePeriod,
  type Seconds,
  type Usd,
} from './units.js';
