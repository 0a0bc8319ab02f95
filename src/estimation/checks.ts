// Checks on an estimate spec before any number is computed. An error is one line that starts with
// the input's spec-file name ("peak_factor: must be at least 1, got 0.5") so the CLI can point at
// the flag or the line the user wrote; a warning names the input and says why it looks wrong.
import { fail, ok, type Result } from '../lib/result.js';
import { formatDuration, formatPercent } from './format.js';
import { clean } from './numbers.js';
import type { EstimateSpec } from './spec-types.js';
import { SECONDS_PER_YEAR, type Rate } from './units.js';

type NumericKey = {
  [K in keyof EstimateSpec]-?: NonNullable<EstimateSpec[K]> extends number ? K : never;
}[keyof EstimateSpec];

type RateKey = 'writes' | 'reads' | 'writesPerUser' | 'readsPerUser';

/** The spec-file spelling: writesPerUser -> writes_per_user. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function shown(value: number): string {
  return Number.isFinite(value) ? String(clean(value)) : String(value);
}

// Zero here would divide by zero or make a size, a duration or a fleet vanish.
const POSITIVE: readonly NumericKey[] = [
  'dau',
  'writeSize',
  'readSize',
  'retention',
  'perServerQps',
  'connectionsPerServer',
  'latencyBudget',
  'exampleSize',
  'bytesPerFeature',
  'modelLatency',
  'batchSize',
];

// Zero is a legitimate answer (no connections, a free tier), a negative one is not.
const NON_NEGATIVE: readonly NumericKey[] = [
  'readWriteRatio',
  'connections',
  'storagePrice',
  'egressPrice',
  'serverPrice',
  'gpuPrice',
  'trainingExamples',
  'entities',
  'features',
  'gpuHours',
];

const RATES: readonly RateKey[] = ['writes', 'reads', 'writesPerUser', 'readsPerUser'];

function rangeErrors(spec: EstimateSpec): (string | undefined)[] {
  const numeric = (key: NumericKey, holds: (value: number) => boolean, needs: string): string | undefined => {
    const value = spec[key];
    if (value === undefined) return undefined;
    if (!Number.isFinite(value)) return `${snakeCase(key)}: must be a finite number, got ${String(value)}`;
    return holds(value) ? undefined : `${snakeCase(key)}: must be ${needs}, got ${shown(value)}`;
  };
  const fraction = (key: 'targetUtilization' | 'cacheFraction'): string | undefined =>
    numeric(key, (value) => value > 0 && value <= 1, 'above 0 and at most 1 (100%)');
  const rate = (key: RateKey): string | undefined => {
    const value: Rate | undefined = spec[key];
    if (value === undefined) return undefined;
    return Number.isFinite(value.perSecond) && value.perSecond >= 0
      ? undefined
      : `${snakeCase(key)}: must be a finite rate of 0 or more, got ${shown(value.perSecond)}/s`;
  };
  return [
    ...RATES.map(rate),
    ...POSITIVE.map((key) => numeric(key, (value) => value > 0, 'above 0')),
    ...NON_NEGATIVE.map((key) => numeric(key, (value) => value >= 0, '0 or more')),
    // Below 1 the peak would be lower than the average.
    numeric('peakFactor', (value) => value >= 1, 'at least 1'),
    // Not necessarily whole: erasure coding stores about 1.5 copies.
    numeric('replication', (value) => value >= 1, 'at least 1'),
    fraction('targetUtilization'),
    fraction('cacheFraction'),
    availabilityError(spec.availability),
    ...(spec.growth ?? []).map((factor) =>
      Number.isFinite(factor) && factor > 0
        ? undefined
        : `growth: every multiple must be above 0, got ${shown(factor)}`,
    ),
  ];
}

function availabilityError(availability: number | undefined): string | undefined {
  if (availability === undefined) return undefined;
  if (!Number.isFinite(availability))
    return `availability: must be a finite number, got ${String(availability)}`;
  if (availability >= 1) {
    return `availability: must be below 100% (100% allows no downtime and no change), got ${formatPercent(availability)}`;
  }
  if (availability < 0) return `availability: must be 0% or more, got ${formatPercent(availability)}`;
  return undefined;
}

const DAU_NEEDED = 'is per user, so dau is needed: give the daily active users (e.g. dau: 10M)';

function combinationErrors(spec: EstimateSpec): (string | undefined)[] {
  const perUserWithoutDau = (key: RateKey): string | undefined => {
    const rate = spec[key];
    const perUser = key === 'writesPerUser' || key === 'readsPerUser' || rate?.perUser === true;
    return rate !== undefined && perUser && spec.dau === undefined
      ? `${snakeCase(key)}: ${DAU_NEEDED}`
      : undefined;
  };
  const readSources = (['reads', 'readsPerUser', 'readWriteRatio'] as const).filter(
    (key) => spec[key] !== undefined,
  );
  const [firstRead, secondRead] = readSources;
  const path = spec.path;
  const emptyComponent = path?.findIndex((name) => name.trim() === '') ?? -1;
  return [
    spec.writes !== undefined && spec.writesPerUser !== undefined
      ? 'writes_per_user: ambiguous: writes is also given; give writes (the total) or writes_per_user (with dau), not both'
      : undefined,
    firstRead !== undefined && secondRead !== undefined
      ? `${snakeCase(secondRead)}: ambiguous: ${snakeCase(firstRead)} is also given; give only one of reads, reads_per_user or read_write_ratio`
      : undefined,
    ...RATES.map(perUserWithoutDau),
    spec.latencyBudget !== undefined && path === undefined
      ? 'latency_budget: needs path, the components a request passes through (e.g. gateway,service,cache,db)'
      : undefined,
    path !== undefined && spec.latencyBudget === undefined
      ? 'path: needs latency_budget, the P99 budget to split across it (e.g. 200ms)'
      : undefined,
    path?.length === 0 ? 'path: must name at least one component (e.g. gateway,service,cache,db)' : undefined,
    emptyComponent >= 0 ? `path: component ${emptyComponent + 1} is empty` : undefined,
  ];
}

const TEN_YEARS = 10 * SECONDS_PER_YEAR;

function warnings(spec: EstimateSpec): (string | undefined)[] {
  const { readWriteRatio: ratio, peakFactor, targetUtilization: utilization, availability, retention } = spec;
  return [
    ratio !== undefined && ratio < 1
      ? `read_write_ratio: ${shown(ratio)} reads per write means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead`
      : undefined,
    readsBelowWrites(spec),
    peakFactor !== undefined && peakFactor > 10
      ? `peak_factor: ${shown(peakFactor)} is above 10: check it; bursts that sharp are usually absorbed by a queue or autoscaling, not a fleet sized for the peak`
      : undefined,
    utilization !== undefined && utilization > 0.8
      ? `target_utilization: ${formatPercent(utilization)} leaves no headroom for a failed server, a deploy or a spike; 60-80% is usual`
      : undefined,
    availability !== undefined && availability > 0.99999
      ? `availability: ${formatPercent(availability)} allows ${formatDuration(clean((1 - availability) * SECONDS_PER_YEAR))} of downtime a year; above 99.999% few systems (and few of their dependencies) deliver: check it is a real requirement`
      : undefined,
    retention !== undefined && retention > TEN_YEARS
      ? `retention: ${shown(clean(retention / SECONDS_PER_YEAR))} years is above 10 years: check it; storage_total and its cost grow with every year kept`
      : undefined,
  ];
}

/** The first error, or the warnings when the spec is usable. */
export function checkSpec(spec: EstimateSpec): Result<string[]> {
  const error = [...rangeErrors(spec), ...combinationErrors(spec)].find((message) => message !== undefined);
  if (error !== undefined) return fail(error);
  return ok(warnings(spec).filter((message) => message !== undefined));
}

/** The same warning as a ratio below 1, for reads and writes given as rates (both absolute, or both per user). */
function readsBelowWrites(spec: EstimateSpec): string | undefined {
  const pairs: [string, number | undefined, number | undefined][] = [
    ['reads', spec.reads?.perSecond, spec.writes?.perSecond],
    ['reads_per_user', spec.readsPerUser?.perSecond, spec.writesPerUser?.perSecond],
  ];
  for (const [name, reads, writes] of pairs) {
    if (reads !== undefined && writes !== undefined && writes > 0 && reads < writes) {
      return `${name}: fewer reads than writes (${shown(reads / writes)} per write) means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead`;
    }
  }
  return undefined;
}
