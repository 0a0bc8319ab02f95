// Request rates: averages from what was given, peaks from the peak factor.
import { calcCompact, calcNumber, calcRate, defaultNote, PERIOD_LABEL, rateMetric } from './calc-text.js';
import type { CoreInput, Metric } from './estimate-types.js';
import { formatCount } from './format.js';
import { clean } from './numbers.js';
import { SECONDS_PER_PERIOD, type PerSecond, type Rate } from './units.js';

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

export interface PartialTraffic {
  writesPerSecond?: PerSecond;
  readsPerSecond?: PerSecond;
  /** Average and peak of writes plus reads, when both are known. */
  totalPerSecond?: PerSecond;
  peakPerSecond?: PerSecond;
  metrics: Metric[];
}

type TrafficInput = Pick<CoreInput, 'dailyActiveUsers' | 'writes' | 'reads' | 'peakFactor' | 'defaulted'>;

/**
 * Whatever the given rates allow: writes alone give the write rates, reads alone (absolute or per
 * user) the read rates, both the totals. Reads by ratio need writes.
 */
export function partialTraffic(input: TrafficInput): PartialTraffic {
  // The checks have already refused per-user rates without a user count.
  const users = input.dailyActiveUsers ?? 0;
  const writes = input.writes === undefined ? undefined : fromRate(input.writes, 'writes', users);
  const readSpec = input.reads;
  const reads =
    readSpec === undefined
      ? undefined
      : 'ratio' in readSpec
        ? writes && fromRatio(readSpec.ratio, writes.perSecond)
        : fromRate(readSpec, 'reads', users);
  const peak = input.peakFactor;
  const peakText = `peak factor ${calcNumber(peak)}${defaultNote(input.defaulted.includes('peakFactor'))}`;
  const peakOf = (perSecond: PerSecond, noun: string): { value: PerSecond; calculation: string } => {
    const value = clean(perSecond * peak);
    return { value, calculation: `${calcRate(perSecond)} ${noun} x ${peakText} = ${calcRate(value)}` };
  };
  const averages: Metric[] = [];
  const peaks: Metric[] = [];
  const result: PartialTraffic = { metrics: [] };
  if (writes) {
    result.writesPerSecond = writes.perSecond;
    averages.push(rateMetric('write_qps', 'Average write QPS', writes.perSecond, writes.calculation));
  }
  if (reads) {
    result.readsPerSecond = reads.perSecond;
    averages.push(rateMetric('read_qps', 'Average read QPS', reads.perSecond, reads.calculation));
  }
  if (writes && reads) {
    const total = clean(writes.perSecond + reads.perSecond);
    const peakTotal = peakOf(total, 'average');
    result.totalPerSecond = total;
    result.peakPerSecond = peakTotal.value;
    averages.push(
      rateMetric(
        'total_qps',
        'Average total QPS',
        total,
        `${calcRate(writes.perSecond)} writes + ${calcRate(reads.perSecond)} reads = ${calcRate(total)}`,
      ),
    );
    peaks.push(rateMetric('peak_qps', 'Peak total QPS', peakTotal.value, peakTotal.calculation));
  }
  if (writes) {
    const peakWrites = peakOf(writes.perSecond, 'writes');
    peaks.push(rateMetric('peak_write_qps', 'Peak write QPS', peakWrites.value, peakWrites.calculation));
  }
  if (reads) {
    const peakReads = peakOf(reads.perSecond, 'reads');
    peaks.push(rateMetric('peak_read_qps', 'Peak read QPS', peakReads.value, peakReads.calculation));
  }
  result.metrics = [...averages, ...peaks];
  return result;
}

function fromRatio(ratio: number, writesPerSecond: PerSecond): { perSecond: PerSecond; calculation: string } {
  const perSecond = clean(ratio * writesPerSecond);
  return {
    perSecond,
    calculation: `${calcNumber(ratio)} reads per write x ${calcRate(writesPerSecond)} writes = ${calcRate(perSecond)}`,
  };
}
