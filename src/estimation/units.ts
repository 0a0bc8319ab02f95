// Parsers for what people type into an estimate. Conventions (DESIGN.md): SI sizes unless the IEC
// form is written, a month is 30 days, a year is 365 days. The parsers below keep their names and
// Result<T> signatures for every caller; the tolerant reading itself (approximations, words for
// numbers, notes, nines, peaks) lives in ./reader/, which also says how each answer was read.
import { fail, ok, type Result } from '../lib/result.js';
import { NUMBER_SOURCE, toNumber } from './reader/amount.js';
import {
  readCount,
  readDuration,
  readLatency,
  readPercent,
  readRate,
  readRatio,
  readSize,
} from './reader/kinds.js';
import { outOfRange, valueOf } from './reader/read.js';
import { clean } from './numbers.js';
import type { Bytes, Fraction, Rate, Seconds, Usd } from './unit-base.js';

export * from './unit-base.js';

const NUMBER = NUMBER_SOURCE;

export function parseCount(text: string): Result<number> {
  return valueOf(readCount(text));
}

export function parseSize(text: string): Result<Bytes> {
  return valueOf(readSize(text));
}

export function parseRate(text: string): Result<Rate> {
  return valueOf(readRate(text));
}

/**
 * A duration with its unit. `minutes: true` is for inputs that are minutes by nature (a timebox):
 * there "45m" and a bare "45" mean minutes; elsewhere both are refused.
 */
export function parseDuration(text: string, options: { readonly minutes?: boolean } = {}): Result<Seconds> {
  return valueOf(readDuration(text, options));
}

export function parseLatency(text: string): Result<Seconds> {
  return valueOf(readLatency(text));
}

/** "99.99%", "99.99" or "four nines" -> 0.9999. */
export function parsePercent(text: string): Result<Fraction> {
  return valueOf(readPercent(text));
}

/** "10:1" -> 10 reads per write; a bare "10" means the same. */
export function parseRatio(text: string): Result<number> {
  return valueOf(readRatio(text));
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
      `expected a price in US dollars with its unit like "$0.02/GB", "$0.023/GB-month", "$2/hour" or "$2.5/GPU-hour", got ${JSON.stringify(text)}`,
    );
  }
  const usd = toNumber(match[1]);
  const tooLarge = outOfRange(usd, text.trim());
  if (tooLarge !== undefined) return fail(tooLarge);
  return ok({ usd: clean(usd), per });
}
