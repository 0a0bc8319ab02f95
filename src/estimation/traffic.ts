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
interface FromRate {
  perSecond: PerSecond;
  calculation: string;
  /** The peak as given, when the rate was written as one ("20K/s at peak"). */
  peakGiven?: PerSecond;
}

/**
 * A rate written as a peak is the peak: the average is derived from it (peak / peak factor) and the
 * calculation says so, so a stated "5k rps at peak" is never multiplied by the factor again.
 */
function fromRate(rate: Rate, noun: string, users: number, peakFactor: number, peakText: string): FromRate {
  const given = fromGivenRate(rate, noun, users);
  if (rate.peak !== true) return given;
  const average = clean(given.perSecond / peakFactor);
  return {
    perSecond: average,
    peakGiven: given.perSecond,
    calculation: `${given.calculation.replace(/ \(given\)$/, '')} at peak (given); average = peak / ${peakText} = ${calcRate(average)}`,
  };
}

function fromGivenRate(rate: Rate, noun: string, users: number): FromRate {
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
  const peak = input.peakFactor;
  const peakText = `peak factor ${calcNumber(peak)}${defaultNote(input.defaulted.includes('peakFactor'))}`;
  const writes =
    input.writes === undefined ? undefined : fromRate(input.writes, 'writes', users, peak, peakText);
  const readSpec = input.reads;
  const reads =
    readSpec === undefined
      ? undefined
      : 'ratio' in readSpec
        ? writes && fromRatio(readSpec.ratio, writes.perSecond)
        : fromRate(readSpec, 'reads', users, peak, peakText);
  const peakOf = (rate: FromRate, noun: string): { value: PerSecond; calculation: string } => {
    if (rate.peakGiven !== undefined)
      return {
        value: rate.peakGiven,
        calculation: `${calcRate(rate.peakGiven)} ${noun} (given as the peak)`,
      };
    const value = clean(rate.perSecond * peak);
    return { value, calculation: `${calcRate(rate.perSecond)} ${noun} x ${peakText} = ${calcRate(value)}` };
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
  // The totals are reported whatever was given, so `estimate --json` keeps one set of metric ids:
  // with writes alone (or reads alone) the total is that one rate, and its calculation says so.
  const one = writes ?? reads;
  if (one) {
    const total = writes && reads ? clean(writes.perSecond + reads.perSecond) : one.perSecond;
    const missing = writes ? 'reads' : 'writes';
    const totalCalculation =
      writes && reads
        ? `${calcRate(writes.perSecond)} writes + ${calcRate(reads.perSecond)} reads = ${calcRate(total)}`
        : `${calcRate(total)} ${writes ? 'writes' : 'reads'} (no ${missing} given)`;
    const givenPeaks =
      writes && reads
        ? writes.peakGiven !== undefined && reads.peakGiven !== undefined
          ? clean(writes.peakGiven + reads.peakGiven)
          : undefined
        : one.peakGiven;
    const peakTotal =
      givenPeaks === undefined
        ? peakOf({ perSecond: total, calculation: '' }, 'average')
        : { value: givenPeaks, calculation: `${calcRate(givenPeaks)} (the peaks as given)` };
    result.totalPerSecond = total;
    result.peakPerSecond = peakTotal.value;
    averages.push(rateMetric('total_qps', 'Average total QPS', total, totalCalculation));
    peaks.push(rateMetric('peak_qps', 'Peak total QPS', peakTotal.value, peakTotal.calculation));
  }
  if (writes) {
    const peakWrites = peakOf(writes, 'writes');
    peaks.push(rateMetric('peak_write_qps', 'Peak write QPS', peakWrites.value, peakWrites.calculation));
  }
  if (reads) {
    const peakReads = peakOf(reads, 'reads');
    peaks.push(rateMetric('peak_read_qps', 'Peak read QPS', peakReads.value, peakReads.calculation));
  }
  result.metrics = [...averages, ...peaks];
  return result;
}

function fromRatio(ratio: number, writesPerSecond: PerSecond): FromRate {
  const perSecond = clean(ratio * writesPerSecond);
  return {
    perSecond,
    calculation: `${calcNumber(ratio)} reads per write x ${calcRate(writesPerSecond)} writes = ${calcRate(perSecond)}`,
  };
}
