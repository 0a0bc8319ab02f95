// Fleet size and availability arithmetic: what a peak needs, and what a number of nines allows.
import { fail, ok, type Result } from '../lib/result.js';
import { calcNumber, calcRate } from './calc-text.js';
import { formatCount, formatPercent } from './format.js';
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

export interface ServerPlan {
  servers: number;
  /** Rounded up to a power of two, for sharding schemes that split by halves. */
  powerOfTwo: number;
  calculation: string;
}

function nextPowerOfTwo(count: number): number {
  let power = 1;
  while (power < count) power *= 2;
  return power;
}

/**
 * servers = ceil(peak / (per-server capacity x target utilisation)), never fewer than one: a
 * service with no traffic still runs somewhere. For numbers a person typed; see servers().
 */
export function planServers(
  peakQps: PerSecond,
  perServerQps: PerSecond,
  targetUtilisation: Fraction = 1,
): Result<ServerPlan> {
  if (!(Number.isFinite(peakQps) && peakQps >= 0)) {
    return fail(`peak QPS must be a finite number of 0 or more, got ${String(peakQps)}`);
  }
  if (!(Number.isFinite(perServerQps) && perServerQps > 0)) {
    return fail(`QPS per server must be a finite number above 0, got ${String(perServerQps)}`);
  }
  if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
    return fail(`target utilisation must be above 0% and at most 100%, got ${String(targetUtilisation)}`);
  }
  const usablePerServer = clean(perServerQps * targetUtilisation);
  // clean() first, so 300 / (100 x 1.0) cannot become 3.0000000000000004 and round up to 4.
  const exact = clean(peakQps / usablePerServer);
  const count = Math.max(1, Math.ceil(exact));
  const powerOfTwo = nextPowerOfTwo(count);
  const utilisation = `${formatPercent(targetUtilisation)} utilisation`;
  return ok({
    servers: count,
    powerOfTwo,
    calculation: `${calcRate(peakQps)} peak / (${calcRate(perServerQps)} per server x ${utilisation}) = ${calcNumber(exact)} -> ${formatCount(count)} server${count === 1 ? '' : 's'} (next power of two: ${formatCount(powerOfTwo)})`,
  });
}

/**
 * planServers() for numbers the program already trusts (an estimate's peak, capacities from a
 * data file). Invalid arguments are a bug in the caller, so they throw a RangeError.
 */
export function servers(
  peakQps: PerSecond,
  perServerQps: PerSecond,
  targetUtilisation: Fraction = 1,
): ServerPlan {
  const plan = planServers(peakQps, perServerQps, targetUtilisation);
  if (!plan.ok) throw new RangeError(`servers(): ${plan.error}`);
  return plan.value;
}

export interface Downtime {
  perYear: Seconds;
  perQuarter: Seconds;
  perMonth: Seconds;
  perWeek: Seconds;
  perDay: Seconds;
}

const SECONDS_PER_QUARTER: Seconds = SECONDS_PER_YEAR / 4;

/** Allowed downtime for an availability given as a fraction (0.9999 for 99.99%). */
export function downtime(availability: Fraction): Downtime {
  const unavailable = 1 - availability;
  const allowed = (period: Seconds): Seconds => clean(unavailable * period);
  return {
    perYear: allowed(SECONDS_PER_YEAR),
    perQuarter: allowed(SECONDS_PER_QUARTER),
    perMonth: allowed(SECONDS_PER_MONTH),
    perWeek: allowed(SECONDS_PER_WEEK),
    perDay: allowed(SECONDS_PER_DAY),
  };
}

/** Requests a day that may fail before the availability target is missed. */
export function errorBudgetRequestsPerDay(availability: Fraction, requestsPerDay: number): number {
  return clean((1 - availability) * requestsPerDay);
}

/** Components that all must work: availabilities multiply. An empty chain is always up. */
export function composeSerial(availabilities: readonly Fraction[]): Fraction {
  return clean(availabilities.reduce((product, availability) => product * availability, 1));
}

/** Redundant replicas where any one suffices: down only when every one is down. */
export function composeParallel(availabilities: readonly Fraction[]): Fraction {
  return clean(1 - availabilities.reduce((product, availability) => product * (1 - availability), 1));
}
