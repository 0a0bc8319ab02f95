// estimateFromSpec: every metric whose inputs the spec gives, after the checks, and the same at each
// growth multiple. Pure: the price and latency tables come in as data.
import { fail, ok, type Result } from '../lib/result.js';
import { checkSpec, snakeCase } from './checks.js';
import { coreMetrics } from './core.js';
import { costMetrics } from './cost.js';
import { METRIC_IDS, type CoreInput, type Metric, type MetricId, type ReadSpec } from './estimate-types.js';
import { connectionMetrics, serverMetrics } from './fleet.js';
import { latencyBudget } from './latency-budget.js';
import { mlMetrics } from './ml.js';
import { DEFAULT_PEAK_FACTOR, DEFAULT_REPLICATION } from './normalise.js';
import { downtimeMetrics, errorBudgetMetric } from './reliability.js';
import type { EngineTables, EstimateSpec, LatencyBudget, SpecEstimate } from './spec-types.js';
import { DEFAULT_CACHE_FRACTION } from './storage.js';
import type { Rate } from './units.js';

function perUser(rate: Rate | undefined): Rate | undefined {
  return rate === undefined ? undefined : { ...rate, perUser: true };
}

/** Writes and reads from whichever form the spec uses; the checks allow only one form of each. */
function rates(spec: EstimateSpec): { writes?: Rate; reads?: ReadSpec } {
  const writes = spec.writes ?? perUser(spec.writesPerUser);
  const reads: ReadSpec | undefined =
    spec.reads ??
    perUser(spec.readsPerUser) ??
    (spec.readWriteRatio === undefined ? undefined : { ratio: spec.readWriteRatio });
  return { ...(writes ? { writes } : {}), ...(reads ? { reads } : {}) };
}

export function coreInput(spec: EstimateSpec): CoreInput {
  const defaulted: CoreInput['defaulted'][number][] = [];
  const withDefault = <T>(field: CoreInput['defaulted'][number], given: T | undefined, fallback: T): T => {
    if (given !== undefined) return given;
    defaulted.push(field);
    return fallback;
  };
  const readSize = spec.readSize ?? spec.writeSize;
  if (spec.readSize === undefined && spec.writeSize !== undefined) defaulted.push('readSizeBytes');
  return {
    ...(spec.dau === undefined ? {} : { dailyActiveUsers: spec.dau }),
    ...rates(spec),
    ...(spec.writeSize === undefined ? {} : { writeSizeBytes: spec.writeSize }),
    ...(readSize === undefined ? {} : { readSizeBytes: readSize }),
    ...(spec.retention === undefined ? {} : { retentionSeconds: spec.retention }),
    peakFactor: withDefault('peakFactor', spec.peakFactor, DEFAULT_PEAK_FACTOR),
    replication: withDefault('replication', spec.replication, DEFAULT_REPLICATION),
    cacheFraction: withDefault('cacheFraction', spec.cacheFraction, DEFAULT_CACHE_FRACTION),
    defaulted,
  };
}

const ORDER: ReadonlyMap<MetricId, number> = new Map(METRIC_IDS.map((id, index) => [id, index]));

function inOrder(metrics: Metric[]): Metric[] {
  return metrics.sort((a, b) => (ORDER.get(a.id) ?? 0) - (ORDER.get(b.id) ?? 0));
}

/** Every metric the spec's inputs allow, in METRIC_IDS order. Assumes checkSpec() passed. */
export function specMetrics(spec: EstimateSpec, tables: EngineTables): Metric[] {
  const core = coreMetrics(coreInput(spec));
  const metrics = [...core.metrics, ...serverMetrics(spec, core.peakPerSecond), ...connectionMetrics(spec)];
  const valueOf = (id: MetricId): number | undefined => metrics.find((metric) => metric.id === id)?.value;
  metrics.push(...costMetrics(spec, tables.prices, valueOf));
  if (spec.availability !== undefined) {
    metrics.push(...downtimeMetrics(spec.availability));
    if (core.totalPerSecond !== undefined) {
      metrics.push(errorBudgetMetric(spec.availability, core.totalPerSecond));
    }
  }
  metrics.push(...mlMetrics(spec, core.peakPerSecond));
  return inOrder(metrics);
}

/**
 * The same system at `factor` times the load: users, absolute rates and connections grow; per-user
 * rates, ratios, sizes, retention, prices and ML inputs describe behaviour, not scale, and stay.
 */
export function scaleSpec(spec: EstimateSpec, factor: number): EstimateSpec {
  const scaleRate = (rate: Rate | undefined): Rate | undefined =>
    rate === undefined || rate.perUser ? rate : { ...rate, perSecond: rate.perSecond * factor };
  const writes = scaleRate(spec.writes);
  const reads = scaleRate(spec.reads);
  return {
    ...spec,
    ...(spec.dau === undefined ? {} : { dau: spec.dau * factor }),
    ...(writes === undefined ? {} : { writes }),
    ...(reads === undefined ? {} : { reads }),
    ...(spec.connections === undefined ? {} : { connections: spec.connections * factor }),
  };
}

export function estimateFromSpec(spec: EstimateSpec, tables: EngineTables): Result<SpecEstimate> {
  const checked = checkSpec(spec);
  if (!checked.ok) return fail(checked.error);
  const warnings = [...checked.value];
  let budget: LatencyBudget | undefined;
  if (spec.latencyBudget !== undefined && spec.path !== undefined) {
    const split = latencyBudget(spec.latencyBudget, spec.path, tables.latencies);
    budget = split.budget;
    warnings.push(...split.warnings);
  }
  const growth = (spec.growth ?? []).map((factor) => ({
    factor,
    metrics: specMetrics(scaleSpec(spec, factor), tables),
  }));
  const metrics = specMetrics(spec, tables);
  const overflow = [...metrics, ...growth.flatMap((step) => step.metrics)].find(
    (metric) => !Number.isFinite(metric.value),
  );
  if (overflow)
    return fail(`${largestInput(spec)}: too large: ${overflow.label} overflows (${String(overflow.value)})`);
  return ok({
    metrics,
    warnings,
    ...(budget ? { latencyBudget: budget } : {}),
    growth,
  });
}

/**
 * The input with the largest figure, named when a derived figure overflows: the readers cap every
 * input (LARGEST_INPUT), so this is the last guard, and the largest input is the one to lower.
 */
function largestInput(spec: EstimateSpec): string {
  const sized = Object.entries(spec).map(([key, value]: [string, unknown]): [string, number] => {
    const magnitude =
      typeof value === 'number'
        ? value
        : typeof value === 'object' && value !== null && 'perSecond' in value
          ? Number(value.perSecond)
          : 0;
    return [key, Number.isNaN(magnitude) ? Infinity : Math.abs(magnitude)];
  });
  const [largest] = sized.sort((a, b) => b[1] - a[1]);
  return snakeCase(largest?.[0] ?? 'inputs');
}
