// Display formatting. Deterministic and locale-free (no toLocaleString): the same number renders
// the same way in every terminal, document and CI log.
import { clean, decimalText, roundSignificant, significantText } from './numbers.js';
import type { Bytes, BytesPerSecond, Fraction, PerSecond, Seconds, Usd } from './units.js';

const DISPLAY_DIGITS = 3;

/** Whole number with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return decimalText(value, 0);
}

/**
 * Scales `value` by 1000 until it fits under the next prefix, rounding to 3 significant digits
 * first so that 999,999 becomes "1M" rather than "1000K".
 */
function withPrefix(
  value: number,
  prefixes: readonly string[],
  digits: number,
): { scaled: number; prefix: string } {
  let scaled = roundSignificant(value, digits);
  let index = 0;
  while (Math.abs(scaled) >= 1_000 && index < prefixes.length - 1) {
    scaled = roundSignificant(scaled / 1_000, digits);
    index += 1;
  }
  return { scaled, prefix: prefixes[index] ?? '' };
}

function prefixed(
  value: number,
  prefixes: readonly string[],
  separator: string,
  unit: string,
  digits: number,
): string {
  if (!Number.isFinite(value)) return `${String(value)}${separator}${unit}`;
  const { scaled, prefix } = withPrefix(value, prefixes, digits);
  return `${significantText(scaled, digits)}${separator}${prefix}${unit}`;
}

const COUNT_PREFIXES = ['', 'K', 'M', 'B', 'T'] as const;
const BYTE_PREFIXES = ['', 'K', 'M', 'G', 'T', 'P', 'E'] as const;
const BIT_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P'] as const;

/** 10_000_000 -> "10M", 1234 -> "1.23K"; B is billion, as parseCount reads it. */
export function formatCompact(value: number, significantDigits = DISPLAY_DIGITS): string {
  return prefixed(value, COUNT_PREFIXES, '', '', significantDigits);
}

/** SI bytes, 3 significant digits: 1.2e12 -> "1.2 TB". */
export function formatBytes(bytes: Bytes, significantDigits = DISPLAY_DIGITS): string {
  return prefixed(bytes, BYTE_PREFIXES, ' ', 'B', significantDigits);
}

export function formatBytesPerSecond(
  bytesPerSecond: BytesPerSecond,
  significantDigits = DISPLAY_DIGITS,
): string {
  return `${formatBytes(bytesPerSecond, significantDigits)}/s`;
}

/** Takes bytes per second and shows bits per second, as network links are sold: "92.6 Mbit/s". */
export function formatBitsPerSecond(
  bytesPerSecond: BytesPerSecond,
  significantDigits = DISPLAY_DIGITS,
): string {
  return prefixed(bytesPerSecond * 8, BIT_PREFIXES, ' ', 'bit/s', significantDigits);
}

/**
 * 3 significant digits ("116/s", "1,160/s", "2.31M/s"); one decimal below 10 ("3.9/s"), and two
 * significant digits below 0.1 so a small rate never shows as zero ("0.023/s").
 */
export function formatRate(perSecond: PerSecond): string {
  const magnitude = Math.abs(perSecond);
  if (!Number.isFinite(perSecond)) return `${String(perSecond)}/s`;
  if (magnitude === 0) return '0/s';
  if (magnitude < 0.1) return `${significantText(perSecond, 2)}/s`;
  // 9.96 shows as "10/s", which is what one decimal gives and what 3 significant digits would not.
  if (magnitude < 10) return `${decimalText(perSecond, 1)}/s`;
  if (roundSignificant(magnitude, DISPLAY_DIGITS) < 1_000_000) {
    return `${significantText(perSecond, DISPLAY_DIGITS)}/s`;
  }
  return `${formatCompact(perSecond)}/s`;
}

const DURATION_PARTS: readonly (readonly [string, Seconds])[] = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * Under a minute: a decimal with a unit ("4.3 s", "200 ms"). From a minute up: whole seconds split
 * into days, hours, minutes and seconds with the zero parts left out ("8h 45m 36s", "1h 1s").
 */
export function formatDuration(seconds: Seconds): string {
  if (!Number.isFinite(seconds)) return `${String(seconds)} s`;
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0 s';
  if (roundSignificant(seconds, DISPLAY_DIGITS) < 1) {
    return `${significantText(seconds * 1_000, DISPLAY_DIGITS)} ms`;
  }
  const tenths = Math.round(seconds * 10) / 10;
  if (tenths < 60) return `${decimalText(tenths, 1)} s`;
  let remaining = Math.round(seconds);
  const parts: string[] = [];
  for (const [suffix, size] of DURATION_PARTS) {
    const amount = Math.floor(remaining / size);
    remaining -= amount * size;
    if (amount > 0) parts.push(`${decimalText(amount, 0)}${suffix}`);
  }
  return parts.join(' ');
}

/** "$1,234.50"; cents are rounded half away from zero. */
export function formatUsd(usd: Usd): string {
  if (!Number.isFinite(usd)) return `$${String(usd)}`;
  const cents = Math.round(Number((Math.abs(usd) * 100).toPrecision(12)));
  const dollars = decimalText(Math.floor(cents / 100), 0);
  const sign = usd < 0 && cents !== 0 ? '-' : '';
  return `${sign}$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

// Decimals of a percentage: 4 is more than any target is written with (99.9999%), and few enough
// that a ratio such as 1/3 reads as "33.3333%", not as the 16 digits a double carries.
const PERCENT_DECIMALS = 4;
// clean() keeps 12 significant digits, so a percentage near 100 has at most 10 meaningful decimals.
const MAX_PERCENT_DECIMALS = 10;

/**
 * A fraction as a percentage in its shortest exact form: 0.99999 -> "99.999%", 0.9995 ->
 * "99.95%", 0.5 -> "50%". Float noise goes first (0.99999 * 100 is 99.99900000000001; clean()
 * keeps 12 significant digits), then at most 4 decimals, trailing zeros trimmed: 0.1234567 ->
 * "12.3457%". A value that is not 0 or 1 never shows as "0%" or "100%": it keeps decimals until it
 * differs (0.9999999 -> "99.99999%"), because an availability rounded up to 100% promises no
 * downtime at all.
 */
export function formatPercent(fraction: Fraction): string {
  if (!Number.isFinite(fraction)) return `${String(fraction)}%`;
  const percent = clean(fraction * 100);
  let decimals = PERCENT_DECIMALS;
  while (decimals < MAX_PERCENT_DECIMALS && hidesItsDistance(percent, decimals)) decimals += 1;
  return `${decimalText(percent, decimals)}%`;
}

/** True when rounding `percent` to `decimals` lands on 0 or 100 without being either. */
function hidesItsDistance(percent: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  const rounded = Math.round(Math.abs(percent) * scale) / scale;
  return (rounded === 0 || rounded === 100) && Math.abs(percent) !== rounded;
}

/** Milliseconds with at most one decimal, as latency targets are written: 0.0125 -> "12.5 ms". */
export function formatMilliseconds(seconds: Seconds): string {
  return `${decimalText(clean(seconds * 1_000), 1)} ms`;
}

/** Minutes with at most one decimal, for error budgets: 2,592 s -> "43.2 minutes". */
export function formatMinutes(seconds: Seconds): string {
  const minutes = decimalText(clean(seconds / 60), 1);
  return `${minutes} minute${minutes === '1' ? '' : 's'}`;
}
