import type { Bytes, Rate, Seconds } from './units.js';

/** Reads either follow writes by a ratio (reads per write) or have their own rate. */
export type ReadSpec = { ratio: number } | Rate;

export interface EstimateInput {
  /** Needed when a rate is per user. */
  dailyActiveUsers?: number;
  writes: Rate;
  reads: ReadSpec;
  writeSizeBytes: Bytes;
  /** Default: writeSizeBytes. */
  readSizeBytes?: Bytes;
  retentionSeconds: Seconds;
  /** Peak over average traffic. Default 2. */
  peakFactor?: number;
  /** Stored copies of each write. Default 1. */
  replication?: number;
}

export type DefaultedField = 'readSizeBytes' | 'peakFactor' | 'replication';

/**
 * The traffic, storage, bandwidth and cache group with every input optional: each metric is
 * computed when its own inputs are present (QPS without storage when there is no write size).
 * Already checked and defaulted; readSizeBytes already falls back to the write size.
 */
export interface CoreInput {
  dailyActiveUsers?: number;
  writes?: Rate;
  reads?: ReadSpec;
  writeSizeBytes?: Bytes;
  readSizeBytes?: Bytes;
  retentionSeconds?: Seconds;
  peakFactor: number;
  replication: number;
  /** Share of a day's read volume the cache holds; 0.2 by the 80/20 rule. */
  cacheFraction: number;
  defaulted: readonly (DefaultedField | 'cacheFraction')[];
}

/** The input with every default applied; `defaulted` says which values nobody gave. */
export interface NormalisedInput {
  dailyActiveUsers?: number;
  writes: Rate;
  reads: ReadSpec;
  writeSizeBytes: Bytes;
  readSizeBytes: Bytes;
  retentionSeconds: Seconds;
  peakFactor: number;
  replication: number;
  defaulted: DefaultedField[];
}

export const METRIC_IDS = [
  'write_qps',
  'read_qps',
  'total_qps',
  'peak_qps',
  'peak_write_qps',
  'peak_read_qps',
  'storage_per_day',
  'storage_per_month',
  'storage_total',
  'ingress_bandwidth',
  'egress_bandwidth',
  'cache_memory',
  // From here on only estimateFromSpec() computes them, each when its inputs are present.
  'servers',
  'servers_pow2',
  'connection_servers',
  'storage_cost_per_month',
  'storage_cost_at_retention',
  'egress_cost_per_day',
  'egress_cost_per_month',
  'compute_cost_per_month',
  'gpu_cost',
  'downtime_per_year',
  'downtime_per_quarter',
  'downtime_per_month',
  'downtime_per_week',
  'downtime_per_day',
  'error_budget_per_day',
  'training_data_volume',
  'feature_store_size',
  'inference_servers',
] as const;

/** What estimate() returns, always all of them, in this order. */
export const TRAFFIC_METRIC_IDS = METRIC_IDS.slice(0, 12);

export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = 'per_second' | 'bytes' | 'bytes_per_second' | 'seconds' | 'count' | 'usd';

export interface Metric {
  /** Stable across releases: documents, answers files and tests refer to it. */
  id: MetricId;
  label: string;
  /** In base units: 1/s, B, B/s, s, USD, counts. */
  value: number;
  unit: MetricUnit;
  /** The formula in words and numbers: "10M writes/day / 86,400 s/day = 115.7/s". */
  calculation: string;
  /** The value formatted for display: "116/s". */
  result: string;
}

export interface Estimate {
  input: NormalisedInput;
  metrics: Metric[];
  assumptions: string[];
}
