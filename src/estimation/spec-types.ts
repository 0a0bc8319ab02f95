// The flexible entry point of the engine, used by `mlops-design estimate`: every input is optional,
// and each group of metrics is computed when its inputs are present ("present whenever their
// inputs are"). Values are in base units: 1/s, B, s, USD, fractions.
import type { Metric } from './estimate-types.js';
import type { Bytes, Fraction, Rate, Seconds, Usd } from './units.js';

export interface EstimateSpec {
  // Traffic: absolute rates, or DAU x per-user rates; reads may follow writes by a ratio.
  readonly dau?: number;
  readonly writes?: Rate;
  readonly reads?: Rate;
  readonly readWriteRatio?: number;
  readonly writesPerUser?: Rate;
  readonly readsPerUser?: Rate;
  readonly writeSize?: Bytes;
  readonly readSize?: Bytes;
  readonly retention?: Seconds;
  readonly replication?: number;
  readonly peakFactor?: number;
  // Capacity
  readonly perServerQps?: number;
  readonly targetUtilization?: Fraction;
  readonly connections?: number;
  readonly connectionsPerServer?: number;
  readonly cacheFraction?: Fraction;
  // Cost: prices override the dated table
  readonly storagePrice?: Usd; // per GB-month
  readonly egressPrice?: Usd; // per GB
  readonly serverPrice?: Usd; // per server-hour
  readonly gpuPrice?: Usd; // per GPU-hour
  // Reliability and latency
  readonly availability?: Fraction;
  readonly latencyBudget?: Seconds;
  readonly path?: readonly string[];
  // ML
  readonly trainingExamples?: number;
  readonly exampleSize?: Bytes;
  readonly entities?: number;
  readonly features?: number;
  readonly bytesPerFeature?: Bytes;
  readonly modelLatency?: Seconds;
  readonly batchSize?: number;
  readonly gpuHours?: number;
  // Growth multiples (10, 100): every metric is recomputed at each.
  readonly growth?: readonly number[];
}

/** One row of the dated reference-latency table (references/numbers/latency.yaml). */
export interface ReferenceLatency {
  readonly id: string; // e.g. 'network-hop-region', 'cache-read', 'sql-query', 'queue-publish', 'model-inference'
  readonly description: string;
  readonly seconds: Seconds;
  readonly source: string;
  readonly checked: string; // YYYY-MM-DD
  /** Path component names this row serves: `--path gateway,service,cache,db` names components. */
  readonly aliases: readonly string[];
}

export interface DefaultPrices {
  readonly storagePerGbMonth: Usd;
  readonly egressPerGb: Usd;
  readonly serverPerHour: Usd;
  readonly gpuPerHour: Usd;
  /** Where the defaults come from, printed with every cost ("price table of 2026-11-22"). */
  readonly source: string;
}

export interface EngineTables {
  readonly latencies: readonly ReferenceLatency[];
  readonly prices: DefaultPrices;
}

export interface LatencyAllocation {
  readonly component: string;
  /** The reference row used, or undefined when the component has no reference (it then shares slack only). */
  readonly reference?: string;
  readonly referenceSeconds: Seconds;
  readonly allocatedSeconds: Seconds;
  readonly calculation: string;
}

export interface LatencyBudget {
  readonly budgetSeconds: Seconds;
  readonly allocations: readonly LatencyAllocation[];
  /** Budget minus the sum of reference latencies: positive is slack, negative an overrun. */
  readonly slackSeconds: Seconds;
  readonly summary: string;
}

export interface SpecEstimate {
  readonly metrics: readonly Metric[];
  readonly warnings: readonly string[];
  readonly latencyBudget?: LatencyBudget;
  readonly growth: readonly { readonly factor: number; readonly metrics: readonly Metric[] }[];
}
