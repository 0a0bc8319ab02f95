// The Result column of an estimate: 3 significant figures, and "~" in front exactly when rounding
// changed the value, so a reader can tell "30 GB" (exact) from "~116/s" (rounded). Capacity counts
// are whole numbers rounded up on purpose and are never marked. Locale-free like format.ts.
import { formatBitsPerSecond, formatBytes, formatCompact, formatCount } from './format.js';
import { clean, roundSignificant, significantText } from './numbers.js';
import type { Bytes, BytesPerSecond, PerSecond, Seconds, Usd } from './units.js';

export const DISPLAY_DIGITS = 3;

// Each step of a calculation keeps 12 significant digits (clean()), so a chain of steps can move
// the 11th or 12th digit: 3 years at 2 PB a month arrives as 72,999,999,999,817,500 B. Comparing at
// 10 digits keeps that noise from earning a "~" while any real rounding (the 4th digit) still does.
const NOISE_DIGITS = 10;

/** True when showing `value` to 3 significant figures loses something. */
export function isRounded(value: number): boolean {
  if (!Number.isFinite(value) || value === 0) return false;
  const settled = roundSignificant(value, NOISE_DIGITS);
  return roundSignificant(settled, DISPLAY_DIGITS) !== settled;
}

/** "~" when the display rounds `value`, else nothing. */
export function approx(value: number): string {
  return isRounded(value) ? '~' : '';
}

/**
 * A plain number: digits with separators below a million ("1,160", "0.0231"), then a compact
 * prefix ("2.31M") so large numbers stay short.
 */
export function displayNumber(value: number): string {
  const exact = clean(value);
  const rounded = roundSignificant(exact, DISPLAY_DIGITS);
  const text = Math.abs(rounded) < 1_000_000 ? significantText(exact, DISPLAY_DIGITS) : formatCompact(exact);
  return `${approx(exact)}${text}`;
}

export function displayRate(perSecond: PerSecond): string {
  return `${displayNumber(perSecond)}/s`;
}

export function displayBytes(bytes: Bytes): string {
  return `${approx(bytes)}${formatBytes(clean(bytes))}`;
}

/** Bytes for storage people, bits for network people; each half says for itself whether it rounds. */
export function displayBandwidth(bytesPerSecond: BytesPerSecond): string {
  const bits = clean(bytesPerSecond * 8);
  return `${displayBytes(bytesPerSecond)}/s (${approx(bits)}${formatBitsPerSecond(clean(bytesPerSecond))})`;
}

const DURATION_UNITS: readonly (readonly [string, Seconds])[] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/**
 * One unit, 3 significant figures, as availability tables are usually printed: "8.76 h",
 * "52.6 min", "4.32 s", "200 ms". formatDuration's "8h 45m 36s" goes into calculations instead.
 */
export function displayDuration(seconds: Seconds): string {
  const exact = clean(seconds);
  if (exact === 0) return '0 s';
  const magnitude = Math.abs(exact);
  const [unit, size] = DURATION_UNITS.find(([, unitSeconds]) => magnitude >= unitSeconds) ?? ['ms', 0.001];
  const scaled = clean(exact / size);
  return `${approx(scaled)}${significantText(scaled, DISPLAY_DIGITS)} ${unit}`;
}

/**
 * "$6.90", "~$420", "~$1,230", "~$2.31M", "$0.023". An exact single decimal gets its second cent
 * digit, as money is written; a rounded one does not ("~$10.1"), since a "0" there would claim a
 * precision the figure does not have.
 */
export function displayUsd(usd: Usd): string {
  const exact = clean(usd);
  const number = displayNumber(Math.abs(exact)).replace('~', '');
  const cents = !isRounded(exact) && /\.\d$/.test(number) ? `${number}0` : number;
  return `${approx(exact)}${exact < 0 ? '-' : ''}$${cents}`;
}

/** Capacity: already rounded up to a whole number, so it is exact by construction. */
export function displayServers(count: number): string {
  return `${formatCount(count)} server${count === 1 ? '' : 's'}`;
}
