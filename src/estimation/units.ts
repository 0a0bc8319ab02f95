// Parsers for what people type into an estimate. Conventions (DESIGN.md): SI sizes unless the IEC
// form is written, a month is 30 days, a year is 365 days.
import { fail, ok, type Result } from '../lib/result.js';
import { clean } from './numbers.js';

export type Seconds = number;
export type Bytes = number;
export type PerSecond = number;
export type BytesPerSecond = number;
export type Usd = number;
/** A number between 0 and 1, e.g. availability 0.9999. */
export type Fraction = number;

export const SECONDS_PER_MINUTE: Seconds = 60;
export const SECONDS_PER_HOUR: Seconds = 3_600;
export const SECONDS_PER_DAY: Seconds = 86_400;
export const SECONDS_PER_WEEK: Seconds = 604_800;
export const SECONDS_PER_MONTH: Seconds = 2_592_000;
export const SECONDS_PER_YEAR: Seconds = 31_536_000;

/** SI: 1 GB = 1,000,000,000 B. */
export const BYTES_PER_GB: Bytes = 1e9;

export type RatePeriod = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

export const SECONDS_PER_PERIOD: Readonly<Record<RatePeriod, Seconds>> = {
  second: 1,
  minute: SECONDS_PER_MINUTE,
  hour: SECONDS_PER_HOUR,
  day: SECONDS_PER_DAY,
  month: SECONDS_PER_MONTH,
  year: SECONDS_PER_YEAR,
};

export interface Rate {
  perSecond: PerSecond;
  perUser: boolean;
  /** The period the rate was written in, kept so calculations can echo it ("10M/day"). */
  period?: RatePeriod;
}

// Digits may be grouped with commas or underscores, but only between digits ("1,000", "10_000").
const NUMBER = String.raw`(\d+(?:[,_]\d+)*(?:\.\d+)?|\.\d+)`;

function toNumber(text: string): number {
  return Number(text.replace(/[,_]/g, ''));
}

const COUNT_MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  b: 1e9,
  g: 1e9,
  t: 1e12,
};

const COUNT_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([kmbgt]?)$`, 'i');

function describe(text: string): string {
  return JSON.stringify(text);
}

export function parseCount(text: string): Result<number> {
  const match = COUNT_PATTERN.exec(text.trim());
  const multiplier = COUNT_MULTIPLIERS[(match?.[2] ?? '').toLowerCase()];
  if (!match?.[1] || multiplier === undefined) {
    return fail(`expected a count like "10M", "1.5K" or "1,000" (K, M, B or G, T), got ${describe(text)}`);
  }
  return ok(clean(toNumber(match[1]) * multiplier));
}

const SIZE_MULTIPLIERS: Readonly<Record<string, Bytes>> = {
  '': 1,
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: BYTES_PER_GB,
  tb: 1e12,
  pb: 1e15,
  // formatBytes writes EB, so parseSize must read it back.
  eb: 1e18,
  kib: 1_024,
  mib: 1_048_576,
  gib: 1_073_741_824,
  tib: 1_099_511_627_776,
  pib: 1_125_899_906_842_624,
  eib: 1_152_921_504_606_846_976,
};

const SIZE_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([a-z]*)$`, 'i');

export function parseSize(text: string): Result<Bytes> {
  const match = SIZE_PATTERN.exec(text.trim());
  const multiplier = SIZE_MULTIPLIERS[(match?.[2] ?? '').toLowerCase()];
  if (!match?.[1] || multiplier === undefined) {
    return fail(
      `expected a size like "1.2KB" or "10MiB" (SI: KB = 1000 B; IEC: KiB = 1024 B), got ${describe(text)}`,
    );
  }
  return ok(clean(toNumber(match[1]) * multiplier));
}

const PERIOD_WORDS: Readonly<Record<string, RatePeriod>> = {
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

// "/user", "per user", "per DAU" may sit anywhere in the text, so they are cut out before the rest
// is matched.
const PER_USER_PATTERN = /(?:\/|\bper\b)\s*(?:users?|dau)\b/gi;
// An optional noun between the number and the period reads naturally: "10M writes/day".
const RATE_PATTERN = new RegExp(
  String.raw`^${NUMBER}\s*?([kmbgt]?)(?:\s+[a-z]+)?\s*(?:\/|\bper\b|\ba\b)\s*([a-z]+)$`,
  'i',
);
const QPS_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([kmbgt]?)\s*(?:qps|rps)$`, 'i');

export function parseRate(text: string): Result<Rate> {
  const withoutUser = text.replace(PER_USER_PATTERN, ' ');
  const perUser = withoutUser !== text;
  const rest = withoutUser.replace(/\s+/g, ' ').trim();
  const qps = QPS_PATTERN.exec(rest);
  const match = RATE_PATTERN.exec(rest);
  const amountText = qps?.[1] ?? match?.[1];
  const multiplier = COUNT_MULTIPLIERS[(qps?.[2] ?? match?.[2] ?? '').toLowerCase()];
  const period: RatePeriod | undefined = qps ? 'second' : PERIOD_WORDS[(match?.[3] ?? '').toLowerCase()];
  if (amountText === undefined || multiplier === undefined || period === undefined) {
    return fail(
      `expected a rate with its period like "10M/month", "1160/s" or "2/day per user" (s, min, hour, day, month, year), got ${describe(text)}`,
    );
  }
  const amount = toNumber(amountText) * multiplier;
  return ok({ perSecond: amount / SECONDS_PER_PERIOD[period], perUser, period });
}

const DURATION_UNITS: Readonly<Record<string, Seconds>> = {
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
  week: SECONDS_PER_WEEK,
  weeks: SECONDS_PER_WEEK,
  mo: SECONDS_PER_MONTH,
  month: SECONDS_PER_MONTH,
  months: SECONDS_PER_MONTH,
  y: SECONDS_PER_YEAR,
  yr: SECONDS_PER_YEAR,
  yrs: SECONDS_PER_YEAR,
  year: SECONDS_PER_YEAR,
  years: SECONDS_PER_YEAR,
};

const QUANTITY_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([a-z]*)$`, 'i');

/**
 * A duration with its unit. `minutes: true` is for inputs that are minutes by nature (a timebox):
 * there "45m" and a bare "45" mean minutes; elsewhere both are refused.
 */
export function parseDuration(text: string, options: { readonly minutes?: boolean } = {}): Result<Seconds> {
  const match = QUANTITY_PATTERN.exec(text.trim());
  const written = (match?.[2] ?? '').toLowerCase();
  const unit = options.minutes === true && (written === 'm' || written === '') ? 'min' : written;
  // "6m" could be six minutes or six months, and retention is often written in months: refuse to guess.
  if (match && unit === 'm') {
    return fail(`"m" is ambiguous in ${describe(text)}: write "min" for minutes or "month" for months`);
  }
  const seconds = DURATION_UNITS[unit];
  if (!match?.[1] || seconds === undefined) {
    return fail(
      `expected a duration with its unit like "90d", "6 months", "1 year", "12h" or "200ms", got ${describe(text)}`,
    );
  }
  return ok(clean(toNumber(match[1]) * seconds));
}

const LATENCY_UNITS: Readonly<Record<string, Seconds>> = {
  us: 1e-6,
  // Both the micro sign (U+00B5) and the Greek mu (U+03BC) get typed for microseconds.
  '\u00b5s': 1e-6,
  '\u03bcs': 1e-6,
  ms: 1e-3,
  msec: 1e-3,
  millisecond: 1e-3,
  milliseconds: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
};

const LATENCY_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([a-z\u00b5\u03bc]*)$`, 'i');

export function parseLatency(text: string): Result<Seconds> {
  const match = LATENCY_PATTERN.exec(text.trim());
  const seconds = LATENCY_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match?.[1] || seconds === undefined) {
    return fail(`expected a latency with its unit like "200ms" or "1.5s", got ${describe(text)}`);
  }
  return ok(clean(toNumber(match[1]) * seconds));
}

const PERCENT_PATTERN = /^(-?)(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/;

/** "99.99%" or "99.99" -> 0.9999. */
export function parsePercent(text: string): Result<Fraction> {
  const match = PERCENT_PATTERN.exec(text.trim());
  const percent = match?.[2] === undefined ? Number.NaN : Number(`${match[1] ?? ''}${match[2]}`);
  if (!(percent >= 0 && percent <= 100)) {
    return fail(`expected a percentage between 0 and 100 like "99.9%" or "99.99", got ${describe(text)}`);
  }
  return ok(clean(percent / 100));
}

const RATIO_PATTERN = new RegExp(String.raw`^${NUMBER}\s*(?::\s*${NUMBER})?$`);

/** "10:1" -> 10 reads per write; a bare "10" means the same. */
export function parseRatio(text: string): Result<number> {
  const match = RATIO_PATTERN.exec(text.trim());
  const reads = match?.[1] === undefined ? Number.NaN : toNumber(match[1]);
  const writes = match?.[2] === undefined ? 1 : toNumber(match[2]);
  if (!Number.isFinite(reads) || !(writes > 0)) {
    return fail(
      `expected a read:write ratio like "10:1" or "1:1" (the second number above 0), got ${describe(text)}`,
    );
  }
  return ok(clean(reads / writes));
}

export type PriceUnit = 'GB' | 'GB-month' | 'hour';

export interface Price {
  usd: Usd;
  per: PriceUnit;
}

// A GPU-hour is billed like any other instance-hour, so it reads as 'hour'.
const PRICE_UNITS: Readonly<Record<string, PriceUnit>> = {
  gb: 'GB',
  'gb-month': 'GB-month',
  'gb-mo': 'GB-month',
  hour: 'hour',
  hr: 'hour',
  h: 'hour',
  'gpu-hour': 'hour',
  'gpu-hr': 'hour',
  'server-hour': 'hour',
  'instance-hour': 'hour',
};

const PRICE_PATTERN = new RegExp(String.raw`^\$?\s*${NUMBER}\s*(?:\/|\bper\b)\s*([a-z]+(?:-[a-z]+)?)$`, 'i');

/** "$0.023/GB-month", "$0.023 per GB-month", "$2.5/GPU-hour", "0.09/GB" (the "$" is optional). */
export function parsePrice(text: string): Result<Price> {
  const match = PRICE_PATTERN.exec(text.trim());
  const per = PRICE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match?.[1] || per === undefined) {
    return fail(
      `expected a price in US dollars with its unit like "$0.02/GB", "$0.023/GB-month", "$2/hour" or "$2.5/GPU-hour", got ${describe(text)}`,
    );
  }
  return ok({ usd: clean(toNumber(match[1])), per });
}
