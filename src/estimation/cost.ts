// Cost: sizes and fleets from the other metrics times a price. Each price comes from the spec when
// given, else from the dated price table, and the calculation says which, because a bill built on
// a stale or guessed price must be visible as such.
import { calcNumber, metricOf } from './calc-text.js';
import { displayUsd } from './display.js';
import type { Metric, MetricId } from './estimate-types.js';
import { plural } from './fleet.js';
import { formatCount, formatUsd } from './format.js';
import { clean } from './numbers.js';
import type { DefaultPrices, EstimateSpec } from './spec-types.js';
import {
  BYTES_PER_GB,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  SECONDS_PER_MONTH,
  type Bytes,
  type Usd,
} from './units.js';

const DAYS_PER_MONTH = SECONDS_PER_MONTH / SECONDS_PER_DAY;
/** Hours billed in a month: a month is 30 days (720 hours). */
export const HOURS_PER_MONTH = SECONDS_PER_MONTH / SECONDS_PER_HOUR;

/** Dollars in a calculation: cents from a dollar up ("$419.75"), 4 significant digits below. */
export function calcUsd(usd: Usd): string {
  return Math.abs(usd) >= 1 ? formatUsd(usd) : `$${calcNumber(usd)}`;
}

interface PriceUsed {
  usd: Usd;
  text: string;
}

function price(given: Usd | undefined, fallback: Usd, unit: string, source: string): PriceUsed {
  const usd = given ?? fallback;
  return { usd, text: `$${calcNumber(usd)}/${unit} (${given === undefined ? source : 'given'})` };
}

function gb(bytes: number): number {
  return clean(bytes / BYTES_PER_GB);
}

function costMetric(id: MetricId, label: string, usd: Usd, period: string, calculation: string): Metric {
  const suffix = period === '' ? '' : `/${period}`;
  return metricOf(
    id,
    label,
    usd,
    'usd',
    `${calculation} = ${calcUsd(usd)}${suffix}`,
    `${displayUsd(usd)}${suffix}`,
  );
}

/** `valueOf` reads metrics computed before (storage, egress, servers); absent ones skip their cost. */
export function costMetrics(
  spec: EstimateSpec,
  prices: DefaultPrices,
  valueOf: (id: MetricId) => number | undefined,
): Metric[] {
  const storage = price(spec.storagePrice, prices.storagePerGbMonth, 'GB-month', prices.source);
  const egress = price(spec.egressPrice, prices.egressPerGb, 'GB', prices.source);
  const server = price(spec.serverPrice, prices.serverPerHour, 'hour', prices.source);
  const gpu = price(spec.gpuPrice, prices.gpuPerHour, 'GPU-hour', prices.source);
  const metrics: Metric[] = [];

  const perMonth = valueOf('storage_per_month');
  if (perMonth !== undefined) {
    const size = gb(perMonth);
    metrics.push(
      costMetric(
        'storage_cost_per_month',
        'Storage cost per month of new data',
        clean(size * storage.usd),
        'month',
        `${calcNumber(size)} GB written per month x ${storage.text}`,
      ),
    );
  }
  const total = valueOf('storage_total');
  if (total !== undefined) {
    const size = gb(total);
    metrics.push(
      costMetric(
        'storage_cost_at_retention',
        'Storage cost once retention is full',
        clean(size * storage.usd),
        'month',
        `${calcNumber(size)} GB stored over retention x ${storage.text}`,
      ),
    );
  }
  const egressRate = valueOf('egress_bandwidth');
  if (egressRate !== undefined) {
    const perDay = gb(egressRate * SECONDS_PER_DAY);
    const perMonthGb = clean(perDay * DAYS_PER_MONTH);
    const bytesPerDay = `${calcNumber(perDay)} GB/day`;
    metrics.push(
      costMetric(
        'egress_cost_per_day',
        'Egress cost per day',
        clean(perDay * egress.usd),
        'day',
        `${bytesPerDay} out x ${egress.text}`,
      ),
      costMetric(
        'egress_cost_per_month',
        'Egress cost per month',
        clean(perMonthGb * egress.usd),
        'month',
        `${bytesPerDay} x ${DAYS_PER_MONTH} days = ${calcNumber(perMonthGb)} GB/month out x ${egress.text}`,
      ),
    );
  }
  const servers = valueOf('servers');
  if (servers !== undefined) {
    metrics.push(
      costMetric(
        'compute_cost_per_month',
        'Compute cost per month',
        clean(servers * server.usd * HOURS_PER_MONTH),
        'month',
        `${servers} ${plural(servers)} x ${server.text} x ${HOURS_PER_MONTH} hours/month`,
      ),
    );
  }
  if (spec.gpuHours !== undefined) {
    metrics.push(
      costMetric(
        'gpu_cost',
        'GPU cost',
        clean(spec.gpuHours * gpu.usd),
        '',
        `${calcNumber(spec.gpuHours)} GPU-hours x ${gpu.text}`,
      ),
    );
  }
  return metrics;
}

/** A monthly bill line outside the estimate's metrics, in the same form: the calculation ends with its figure. */
export interface CostLine {
  readonly usd: Usd;
  readonly calculation: string;
  /** The figure for display ("~$1,260"). */
  readonly result: string;
}

function monthly(usd: Usd, factors: string): CostLine {
  return { usd, calculation: `${factors} = ${calcUsd(usd)}/month`, result: displayUsd(usd) };
}

/** A unit price exactly as in the price table ($0.2016), so the calculation can be redone by hand. */
const unitPrice = (usd: Usd): string => `$${String(usd)}`;

/** Bytes billed by the GB-month; `what` says which bytes ("hot", "(3 copies)"). */
export function storageCostPerMonth(bytes: Bytes, usdPerGbMonth: Usd, what = ''): CostLine {
  const size = bytes / BYTES_PER_GB;
  const label = what === '' ? '' : ` ${what}`;
  return monthly(
    size * usdPerGbMonth,
    // Whole GB from 1,000 up; below, calculation precision, so 1.533 GB is not shown as "2 GB".
    `${size >= 1_000 ? formatCount(size) : calcNumber(size)} GB${label} x ${unitPrice(usdPerGbMonth)}/GB-month`,
  );
}

/** Disks that hold every copy of a database's data, billed by the GB-month. */
export function diskCostPerMonth(bytesPerCopy: Bytes, copies: number, usdPerGbMonth: Usd): CostLine {
  return storageCostPerMonth(
    bytesPerCopy * copies,
    usdPerGbMonth,
    `(${copies} ${copies === 1 ? 'copy' : 'copies'})`,
  );
}

/** Units billed by the hour for a whole month: nodes by default, or GPUs, brokers, hosts. */
export function nodeCostPerMonth(nodes: number, usdPerHour: Usd, unit = 'node'): CostLine {
  return monthly(
    nodes * usdPerHour * HOURS_PER_MONTH,
    `${formatCount(nodes)} ${unit}${nodes === 1 ? '' : 's'} x ${unitPrice(usdPerHour)}/hour x ${HOURS_PER_MONTH} hours/month`,
  );
}

/**
 * Hours actually used in a month (batch workers, GPU jobs) at an hourly price: "41.67
 * worker-hours/month x $0.2016/hour = $8.40/month".
 */
export function hoursCostPerMonth(hoursPerMonth: number, usdPerHour: Usd, unit: string): CostLine {
  return monthly(
    hoursPerMonth * usdPerHour,
    `${calcNumber(hoursPerMonth)} ${unit}-hours/month x ${unitPrice(usdPerHour)}/hour`,
  );
}
