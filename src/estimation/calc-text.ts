// Number styles for calculation strings. Calculations carry one more significant digit than
// results (115.7/s against 116/s) so a reader can check the arithmetic step by step.
import { displayRate } from './display.js';
import { formatBytes, formatCompact } from './format.js';
import { clean, significantText } from './numbers.js';
import type { Metric, MetricId, MetricUnit } from './estimate-types.js';
import type { Bytes, PerSecond, RatePeriod, Seconds } from './units.js';

const CALC_DIGITS = 4;

export const PERIOD_LABEL: Readonly<Record<RatePeriod, string>> = {
  second: 's',
  minute: 'min',
  hour: 'hour',
  day: 'day',
  month: 'month',
  year: 'year',
};

export function calcNumber(value: number): string {
  return significantText(value, CALC_DIGITS);
}

export function calcRate(perSecond: PerSecond): string {
  return `${calcNumber(perSecond)}/s`;
}

/** A duration in milliseconds, at calculation precision (0.0125 s → "12.5 ms"). */
export function calcMs(seconds: Seconds): string {
  return `${calcNumber(clean(seconds * 1_000))} ms`;
}

export function calcCompact(value: number): string {
  return formatCompact(value, CALC_DIGITS);
}

export function calcBytes(bytes: Bytes): string {
  return formatBytes(bytes, CALC_DIGITS);
}

export function defaultNote(isDefault: boolean): string {
  return isDefault ? ' (default)' : '';
}

export function rateMetric(id: MetricId, label: string, value: PerSecond, calculation: string): Metric {
  return { id, label, value, unit: 'per_second', calculation, result: displayRate(value) };
}

export function metricOf(
  id: MetricId,
  label: string,
  value: number,
  unit: MetricUnit,
  calculation: string,
  result: string,
): Metric {
  return { id, label, value, unit, calculation, result };
}
