// Server counts for the spec path: application servers from the peak, connection servers from the
// concurrent connections. Counts round up (a fraction of a server is a whole server) and are exact.
import { calcCompact, calcNumber, calcRate, metricOf } from './calc-text.js';
import { servers } from './capacity.js';
import { displayServers } from './display.js';
import type { Metric } from './estimate-types.js';
import { formatPercent } from './format.js';
import { clean } from './numbers.js';
import type { EstimateSpec } from './spec-types.js';
import type { Fraction, PerSecond } from './units.js';

export const DEFAULT_TARGET_UTILIZATION = 1;

/** "70% target utilisation" or "100% target utilisation (default)". */
export function utilisationText(spec: EstimateSpec): string {
  const given = spec.targetUtilization;
  const percent = `${formatPercent(given ?? DEFAULT_TARGET_UTILIZATION)} target utilisation`;
  return given === undefined ? `${percent} (default: no headroom)` : percent;
}

export function targetUtilisation(spec: EstimateSpec): Fraction {
  return spec.targetUtilization ?? DEFAULT_TARGET_UTILIZATION;
}

export function plural(count: number): string {
  return count === 1 ? 'server' : 'servers';
}

export function serverMetrics(spec: EstimateSpec, peakPerSecond: PerSecond | undefined): Metric[] {
  const perServer = spec.perServerQps;
  if (peakPerSecond === undefined || perServer === undefined) return [];
  const utilisation = targetUtilisation(spec);
  // The checks have already refused a per-server QPS or utilisation servers() would throw on.
  const plan = servers(peakPerSecond, perServer, utilisation);
  const exact = clean(peakPerSecond / clean(perServer * utilisation));
  return [
    metricOf(
      'servers',
      'Servers',
      plan.servers,
      'count',
      `${calcRate(peakPerSecond)} peak / (${calcRate(perServer)} per server x ${utilisationText(spec)}) = ${calcNumber(exact)} -> ${plan.servers} ${plural(plan.servers)} (rounded up, at least 1)`,
      displayServers(plan.servers),
    ),
    metricOf(
      'servers_pow2',
      'Servers (power of two)',
      plan.powerOfTwo,
      'count',
      `${plan.servers} ${plural(plan.servers)} rounded up to the next power of two, for sharding by halves = ${plan.powerOfTwo}`,
      displayServers(plan.powerOfTwo),
    ),
  ];
}

export function connectionMetrics(spec: EstimateSpec): Metric[] {
  const { connections, connectionsPerServer: perServer } = spec;
  if (connections === undefined || perServer === undefined) return [];
  const exact = clean(connections / perServer);
  const count = Math.max(1, Math.ceil(exact));
  return [
    metricOf(
      'connection_servers',
      'Connection servers',
      count,
      'count',
      `${calcCompact(connections)} concurrent connections / ${calcCompact(perServer)} per server = ${calcNumber(exact)} -> ${count} ${plural(count)} (rounded up, at least 1)`,
      displayServers(count),
    ),
  ];
}
