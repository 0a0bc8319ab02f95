// Data at rest: what the writes accumulate to, and what a cache needs to hold the hot reads.
import { calcBytes, calcCompact, calcNumber, defaultNote, metricOf } from './calc-text.js';
import { displayBytes } from './display.js';
import type { CoreInput, Metric } from './estimate-types.js';
import { formatPercent } from './format.js';
import { clean } from './numbers.js';
import { SECONDS_PER_DAY, SECONDS_PER_MONTH, type Bytes, type PerSecond } from './units.js';

const DAYS_PER_MONTH = SECONDS_PER_MONTH / SECONDS_PER_DAY;
export const DEFAULT_CACHE_FRACTION = 0.2;

type StorageInput = Pick<CoreInput, 'retentionSeconds' | 'replication' | 'defaulted'>;

/** Per day and per month need a write size; the total over retention also needs the retention. */
export function storageMetrics(input: StorageInput, writesPerSecond: PerSecond, writeSize: Bytes): Metric[] {
  const writesPerDay = clean(writesPerSecond * SECONDS_PER_DAY);
  const replicationText = `replication ${calcNumber(input.replication)}${defaultNote(input.defaulted.includes('replication'))}`;
  const perDay = clean(writesPerDay * writeSize * input.replication);
  const perMonth = clean(perDay * DAYS_PER_MONTH);
  const perDayText = `${calcBytes(perDay)}/day`;
  const metrics = [
    metricOf(
      'storage_per_day',
      'Storage per day',
      perDay,
      'bytes',
      `${calcCompact(writesPerDay)} writes/day x ${calcBytes(writeSize)} x ${replicationText} = ${perDayText}`,
      displayBytes(perDay),
    ),
    metricOf(
      'storage_per_month',
      'Storage per month',
      perMonth,
      'bytes',
      `${perDayText} x ${DAYS_PER_MONTH} days/month = ${calcBytes(perMonth)}`,
      displayBytes(perMonth),
    ),
  ];
  if (input.retentionSeconds === undefined) return metrics;
  const retentionDays = clean(input.retentionSeconds / SECONDS_PER_DAY);
  const overRetention = clean(perDay * retentionDays);
  metrics.push(
    metricOf(
      'storage_total',
      'Storage over retention',
      overRetention,
      'bytes',
      `${perDayText} x ${calcNumber(retentionDays)} days of retention = ${calcBytes(overRetention)}`,
      displayBytes(overRetention),
    ),
  );
  return metrics;
}

/**
 * The 80/20 rule: about 20% of items serve 80% of reads, so caching the hottest 20% of a day's
 * read volume absorbs most of the read load. A given fraction replaces the 20%.
 */
export function cacheMetric(
  input: Pick<CoreInput, 'cacheFraction' | 'defaulted'>,
  readsPerSecond: PerSecond,
  readSize: Bytes,
): Metric {
  const readsPerDay = clean(readsPerSecond * SECONDS_PER_DAY);
  const readBytesPerDay = clean(readsPerDay * readSize);
  const memory = clean(input.cacheFraction * readBytesPerDay);
  const percent = formatPercent(input.cacheFraction);
  const why = input.defaulted.includes('cacheFraction')
    ? `cache fraction ${percent}, the default: by the 80/20 rule the hottest 20% of a day's reads serve about 80% of requests`
    : `cache fraction ${percent}, given`;
  return metricOf(
    'cache_memory',
    'Cache memory',
    memory,
    'bytes',
    `${percent} x (${calcCompact(readsPerDay)} reads/day x ${calcBytes(readSize)}) = ${calcBytes(memory)} (${why})`,
    displayBytes(memory),
  );
}
