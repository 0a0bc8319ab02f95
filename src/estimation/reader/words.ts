// Unit words the reader knows, per kind. SI sizes unless the IEC form is written; a month is 30 days
// and a year 365 days (DESIGN.md).
import {
  BYTES_PER_GB,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  SECONDS_PER_MINUTE,
  SECONDS_PER_MONTH,
  SECONDS_PER_WEEK,
  SECONDS_PER_YEAR,
  type Bytes,
  type RatePeriod,
  type Seconds,
} from '../unit-base.js';

export const SIZE_UNITS: Readonly<Record<string, Bytes>> = {
  '': 1,
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  kilobyte: 1e3,
  kilobytes: 1e3,
  mb: 1e6,
  megabyte: 1e6,
  megabytes: 1e6,
  gb: BYTES_PER_GB,
  gigabyte: BYTES_PER_GB,
  gigabytes: BYTES_PER_GB,
  tb: 1e12,
  terabyte: 1e12,
  terabytes: 1e12,
  pb: 1e15,
  petabyte: 1e15,
  petabytes: 1e15,
  // formatBytes writes EB, so the size reader must read it back.
  eb: 1e18,
  kib: 1_024,
  mib: 1_048_576,
  gib: 1_073_741_824,
  tib: 1_099_511_627_776,
  pib: 1_125_899_906_842_624,
  eib: 1_152_921_504_606_846_976,
};

export const PERIOD_WORDS: Readonly<Record<string, RatePeriod>> = {
  s: 'second',
  sec: 'second',
  secs: 'second',
  second: 'second',
  seconds: 'second',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  mo: 'month',
  month: 'month',
  months: 'month',
  y: 'year',
  yr: 'year',
  year: 'year',
  years: 'year',
};

/** "10M writes daily": an adverb of period. */
export const PERIOD_ADVERBS: Readonly<Record<string, RatePeriod>> = {
  hourly: 'hour',
  daily: 'day',
  nightly: 'day',
  monthly: 'month',
  yearly: 'year',
  annually: 'year',
};

export const DURATION_UNITS: Readonly<Record<string, Seconds>> = {
  ms: 0.001,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: SECONDS_PER_MINUTE,
  mins: SECONDS_PER_MINUTE,
  minute: SECONDS_PER_MINUTE,
  minutes: SECONDS_PER_MINUTE,
  h: SECONDS_PER_HOUR,
  hr: SECONDS_PER_HOUR,
  hrs: SECONDS_PER_HOUR,
  hour: SECONDS_PER_HOUR,
  hours: SECONDS_PER_HOUR,
  d: SECONDS_PER_DAY,
  day: SECONDS_PER_DAY,
  days: SECONDS_PER_DAY,
  w: SECONDS_PER_WEEK,
  wk: SECONDS_PER_WEEK,
  wks: SECONDS_PER_WEEK,
  week: SECONDS_PER_WEEK,
  weeks: SECONDS_PER_WEEK,
  mo: SECONDS_PER_MONTH,
  month: SECONDS_PER_MONTH,
  months: SECONDS_PER_MONTH,
  quarter: 3 * SECONDS_PER_MONTH,
  quarters: 3 * SECONDS_PER_MONTH,
  y: SECONDS_PER_YEAR,
  yr: SECONDS_PER_YEAR,
  yrs: SECONDS_PER_YEAR,
  year: SECONDS_PER_YEAR,
  years: SECONDS_PER_YEAR,
  decade: 10 * SECONDS_PER_YEAR,
  decades: 10 * SECONDS_PER_YEAR,
};

export const LATENCY_UNITS: Readonly<Record<string, Seconds>> = {
  us: 1e-6,
  // Both the micro sign (U+00B5) and the Greek mu (U+03BC) get typed for microseconds.
  '\u00b5s': 1e-6,
  '\u03bcs': 1e-6,
  ms: 1e-3,
  msec: 1e-3,
  msecs: 1e-3,
  millisecond: 1e-3,
  milliseconds: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
};

/** Words that are units, never a count's label: "10MB" and "10 days" are not counts. */
export const NOT_A_LABEL: ReadonlySet<string> = new Set([
  ...Object.keys(SIZE_UNITS),
  ...Object.keys(DURATION_UNITS),
  ...Object.keys(LATENCY_UNITS),
  'x',
  'qps',
  'rps',
  'tps',
  'per',
  'percent',
]);

/** The largest whole unit a duration is written in: 220,752,000 s -> "7 years". */
const SPOKEN_UNITS: readonly (readonly [Seconds, string])[] = [
  [SECONDS_PER_YEAR, 'year'],
  [SECONDS_PER_MONTH, 'month'],
  [SECONDS_PER_WEEK, 'week'],
  [SECONDS_PER_DAY, 'day'],
  [SECONDS_PER_HOUR, 'hour'],
  [SECONDS_PER_MINUTE, 'minute'],
  [1, 'second'],
];

export function spokenDuration(seconds: Seconds, decimal: (value: number) => string): string {
  for (const [size, name] of SPOKEN_UNITS) {
    const amount = seconds / size;
    if (amount >= 1 && Number.isInteger(Number(amount.toPrecision(10)))) {
      const whole = Number(amount.toPrecision(10));
      return `${decimal(whole)} ${name}${whole === 1 ? '' : 's'}`;
    }
  }
  return seconds < 1 ? `${decimal(Number((seconds * 1_000).toPrecision(10)))} ms` : `${decimal(seconds)} s`;
}
