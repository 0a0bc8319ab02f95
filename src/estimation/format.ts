// Display formatting. Deterministic and locale-free (no toLocaleString): the same number renders
// the same way in every terminal, document and CI log.
import { decimalText, roundSignificant, significantText } from './numbers.js';
import type { Bytes, BytesPerSecond, PerSecond, Seconds, Usd } from './units.js';

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
