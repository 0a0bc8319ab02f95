// Availability as time and as requests: the downtime a target allows per period, and how many
// requests a day may fail before the target is missed.
import { calcCompact, metricOf } from './calc-text.js';
import { downtime, errorBudgetRequestsPerDay } from './capacity.js';
import { displayDuration, displayNumber } from './display.js';
import type { Metric, MetricId } from './estimate-types.js';
import { formatCount, formatDuration, formatPercent } from './format.js';
import { clean } from './numbers.js';
import {
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_WEEK,
  SECONDS_PER_YEAR,
  type Fraction,
  type PerSecond,
  type Seconds,
} from './units.js';

const PERIODS: readonly (readonly [MetricId, string, string, Seconds])[] = [
  ['downtime_per_year', 'Downtime per year', 'year of 365 days', SECONDS_PER_YEAR],
  ['downtime_per_quarter', 'Downtime per quarter', 'quarter of 91.25 days', SECONDS_PER_YEAR / 4],
  ['downtime_per_month', 'Downtime per month', 'month of 30 days', SECONDS_PER_MONTH],
  ['downtime_per_week', 'Downtime per week', 'week', SECONDS_PER_WEEK],
  ['downtime_per_day', 'Downtime per day', 'day', SECONDS_PER_DAY],
];

function allowedText(availability: Fraction): string {
  return `(100% - ${formatPercent(availability)})`;
}

export function downtimeMetrics(availability: Fraction): Metric[] {
  const allowed = downtime(availability);
  const values: readonly Seconds[] = [
    allowed.perYear,
    allowed.perQuarter,
    allowed.perMonth,
    allowed.perWeek,
    allowed.perDay,
  ];
  return PERIODS.map(([id, label, period, seconds], index) => {
    const value = values[index] ?? 0;
    return metricOf(
      id,
      label,
      value,
      'seconds',
      `${allowedText(availability)} x ${formatCount(seconds)} s per ${period} = ${formatDuration(value)}`,
      displayDuration(value),
    );
  });
}

/** Needs the average total rate: the budget is a share of the requests actually served. */
export function errorBudgetMetric(availability: Fraction, totalPerSecond: PerSecond): Metric {
  const requestsPerDay = clean(totalPerSecond * SECONDS_PER_DAY);
  const budget = errorBudgetRequestsPerDay(availability, requestsPerDay);
  return metricOf(
    'error_budget_per_day',
    'Error budget per day',
    budget,
    'count',
    `${allowedText(availability)} x ${calcCompact(requestsPerDay)} requests/day = ${calcCompact(budget)} failed requests/day`,
    `${displayNumber(budget)} requests/day`,
  );
}
