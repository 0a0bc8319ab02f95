// Data at rest: what the writes accumulate to, and what a cache needs to hold the hot reads.
import { calcBytes, calcCompact, calcNumber, defaultNote, metricOf } from './calc-text.js';
import type { Metric, NormalisedInput } from './estimate-types.js';
import { formatBytes } from './format.js';
import { clean } from './numbers.js';
import { SECONDS_PER_DAY, SECONDS_PER_MONTH, type PerSecond } from './units.js';

const DAYS_PER_MONTH = SECONDS_PER_MONTH / SECONDS_PER_DAY;
const CACHE_SHARE = 0.2;

export function storageMetrics(input: NormalisedInput, writesPerSecond: PerSecond): Metric[] {
  const writesPerDay = clean(writesPerSecond * SECONDS_PER_DAY);
  const replicationText = `replication ${calcNumber(input.replication)}${defaultNote(input.defaulted.includes('replication'))}`;
  const perDay = clean(writesPerDay * input.writeSizeBytes * input.replication);
  const perMonth = clean(perDay * DAYS_PER_MONTH);
  const retentionDays = clean(input.retentionSeconds / SECONDS_PER_DAY);
  const overRetention = clean(perDay * retentionDays);
  const perDayText = `${calcBytes(perDay)}/day`;
  return [
    metricOf(
      'storage_per_day',
      'Storage per day',
      perDay,
      'bytes',
      `${calcCompact(writesPerDay)} writes/day x ${calcBytes(input.writeSizeBytes)} x ${replicationText} = ${perDayText}`,
      formatBytes(perDay),
    ),
    metricOf(
      'storage_per_month',
      'Storage per month',
      perMonth,
      'bytes',
      `${perDayText} x ${DAYS_PER_MONTH} days/month = ${calcBytes(perMonth)}`,
      formatBytes(perMonth),
    ),
    metricOf(
      'storage_total',
      'Storage over retention',
      overRetention,
      'bytes',
      `${perDayText} x ${calcNumber(retentionDays)} days of retention = ${calcBytes(overRetention)}`,
      formatBytes(overRetention),
    ),
  ];
}

/**
 * The 80/20 rule: about 20% of items serve 80% of reads, so caching the hottest 20% of a day's
 * read volume absorbs most of the read load.
 */
export function cacheMetric(input: NormalisedInput, readsPerSecond: PerSecond): Metric {
  const readsPerDay = clean(readsPerSecond * SECONDS_PER_DAY);
  const readBytesPerDay = clean(readsPerDay * input.readSizeBytes);
  const memory = clean(CACHE_SHARE * readBytesPerDay);
  return metricOf(
    'cache_memory',
    'Cache memory',
    memory,
    'bytes',
    `20% x (${calcCompact(readsPerDay)} reads/day x ${calcBytes(input.readSizeBytes)}) = ${calcBytes(memory)} (80/20 rule: the hottest 20% of a day's reads serve about 80% of requests)`,
    formatBytes(memory),
  );
}
