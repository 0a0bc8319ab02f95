// The estimate: a pure function from what was given to every number the design needs, each with
// the calculation that produced it.
import { fail, ok, type Result } from '../lib/result.js';
import { calcNumber } from './calc-text.js';
import { coreMetrics } from './core.js';
import type { Estimate, EstimateInput, Metric, NormalisedInput } from './estimate-types.js';
import { formatCount } from './format.js';
import { normalise } from './normalise.js';
import { DEFAULT_CACHE_FRACTION } from './storage.js';
import type { Rate } from './units.js';

function assumptions(input: NormalisedInput): string[] {
  const given = (field: 'peakFactor' | 'replication' | 'readSizeBytes'): string =>
    input.defaulted.includes(field) ? 'default' : 'given';
  const list = [
    'a month is 30 days and a year is 365 days',
    '1 KB = 1000 B (SI prefixes; KiB = 1024 B only when written so)',
    'averages spread each period evenly over its seconds',
    `peak factor ${calcNumber(input.peakFactor)} (${given('peakFactor')}): peak = average x peak factor`,
    `replication ${calcNumber(input.replication)} (${given('replication')}): stored copies of each write`,
  ];
  const givenPeaks = [
    input.writes.peak && 'writes',
    !('ratio' in input.reads) && input.reads.peak && 'reads',
  ].filter((name) => typeof name === 'string');
  if (givenPeaks.length > 0)
    list.push(`${givenPeaks.join(' and ')} given as the peak: average = peak / peak factor`);
  if (input.defaulted.includes('readSizeBytes')) list.push('read size = write size (default)');
  if (input.dailyActiveUsers !== undefined) {
    list.push(`${formatCount(input.dailyActiveUsers)} daily active users`);
  }
  list.push(
    'storage counts payload bytes only: no indexes, metadata, compression or growth',
    'bandwidth is client traffic only: replication and internal calls are not included',
    "cache memory by the 80/20 rule: 20% of a day's read volume",
  );
  return list;
}

export function estimate(input: EstimateInput): Result<Estimate> {
  const normalised = normalise(input);
  if (!normalised.ok) return fail(normalised.error);
  const checked = normalised.value;
  const { metrics } = coreMetrics({
    ...checked,
    cacheFraction: DEFAULT_CACHE_FRACTION,
    defaulted: [...checked.defaulted, 'cacheFraction'],
  });
  return ok({ input: checked, metrics, assumptions: assumptions(checked) });
}

/**
 * The same system at `factor` times the load (10x, 100x): users and absolute rates grow; per-user
 * rates, ratios, sizes and retention describe behaviour, not scale, and stay as they are.
 */
export function scaleInput(input: EstimateInput, factor: number): EstimateInput {
  const scaleRate = (rate: Rate): Rate =>
    rate.perUser ? rate : { ...rate, perSecond: rate.perSecond * factor };
  return {
    ...input,
    ...(input.dailyActiveUsers === undefined ? {} : { dailyActiveUsers: input.dailyActiveUsers * factor }),
    writes: scaleRate(input.writes),
    reads: 'ratio' in input.reads ? input.reads : scaleRate(input.reads),
  };
}

export function metric(estimate: Estimate, id: string): Metric | undefined {
  return estimate.metrics.find((candidate) => candidate.id === id);
}
