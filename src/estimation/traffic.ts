// Request rates: averages from what was given, peaks from the peak factor.
import { calcCompact, calcNumber, calcRate, defaultNote, PERIOD_LABEL, rateMetric } from './calc-text.js';
import type { Metric, NormalisedInput } from './estimate-types.js';
import { formatCount } from './format.js';
import { clean } from './numbers.js';
import { SECONDS_PER_PERIOD, type PerSecond, type Rate } from './units.js';

export interface Traffic {
  writesPerSecond: PerSecond;
  readsPerSecond: PerSecond;
  metrics: Metric[];
}

/**
 * Echoes the rate in the period it was written in, so "10M/month" reads back as 10M/month; a rate
 * without a recorded period is shown per day, the unit people estimate in.
 */
function fromRate(rate: Rate, noun: string, users: number): { perSecond: PerSecond; calculation: string } {
  const period = rate.period ?? 'day';
  const label = PERIOD_LABEL[period];
  const periodSeconds = SECONDS_PER_PERIOD[period];
  const perSecond = clean(rate.perUser ? rate.perSecond * users : rate.perSecond);
  const perPeriod = clean(perSecond * periodSeconds);
  const toPerSecond =
    period === 'second' ? '' : ` / ${formatCount(periodSeconds)} s/${label} = ${calcRate(perSecond)}`;
  if (rate.perUser) {
    const eachUser = clean(rate.perSecond * periodSeconds);
    return {
      perSecond,
      calculation: `${calcCompact(users)} users x ${calcNumber(eachUser)}/${label} = ${calcCompact(perPeriod)}/${label}${toPerSecond}`,
    };
  }
  if (period === 'second') return { perSecond, calculation: `${calcNumber(perSecond)} ${noun}/s (given)` };
  return { perSecond, calculation: `${calcCompact(perPeriod)} ${noun}/${label}${toPerSecond}` };
}

export function traffic(input: NormalisedInput): Traffic {
  // normalise() has already refused per-user rates without a user count.
  const users = input.dailyActiveUsers ?? 0;
  const writes = fromRate(input.writes, 'writes', users);
  const reads =
    'ratio' in input.reads
      ? {
          perSecond: clean(input.reads.ratio * writes.perSecond),
          calculation: `${calcNumber(input.reads.ratio)} reads per write x ${calcRate(writes.perSecond)} writes = ${calcRate(clean(input.reads.ratio * writes.perSecond))}`,
        }
      : fromRate(input.reads, 'reads', users);
  const total = clean(writes.perSecond + reads.perSecond);
  const peak = input.peakFactor;
  const peakText = `peak factor ${calcNumber(peak)}${defaultNote(input.defaulted.includes('peakFactor'))}`;
  const peakOf = (perSecond: PerSecond, noun: string): { value: PerSecond; calculation: string } => {
    const value = clean(perSecond * peak);
    return { value, calculation: `${calcRate(perSecond)} ${noun} x ${peakText} = ${calcRate(value)}` };
  };
  const peakTotal = peakOf(total, 'average');
  const peakWrites = peakOf(writes.perSecond, 'writes');
  const peakReads = peakOf(reads.perSecond, 'reads');
  return {
    writesPerSecond: writes.perSecond,
    readsPerSecond: reads.perSecond,
    metrics: [
      rateMetric('write_qps', 'Average write QPS', writes.perSecond, writes.calculation),
      rateMetric('read_qps', 'Average read QPS', reads.perSecond, reads.calculation),
      rateMetric(
        'total_qps',
        'Average total QPS',
        total,
        `${calcRate(writes.perSecond)} writes + ${calcRate(reads.perSecond)} reads = ${calcRate(total)}`,
      ),
      rateMetric('peak_qps', 'Peak total QPS', peakTotal.value, peakTotal.calculation),
      rateMetric('peak_write_qps', 'Peak write QPS', peakWrites.value, peakWrites.calculation),
      rateMetric('peak_read_qps', 'Peak read QPS', peakReads.value, peakReads.calculation),
    ],
  };
}
