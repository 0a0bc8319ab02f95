/**
 * The region strategy, asked only when a requirement mentions regions: one region across zones,
 * active-passive, or active-active, with what each costs in latency, money and consistency.
 */
import { formatBytes, formatRate } from '../../../estimation/index.js';
import type { LatencyTable } from '../../../knowledge/latencies.js';
import { conditionHolds } from '../../../protocols/design/conditions.js';
import { metricValue } from '../../../protocols/design/sizing.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';
import { appServers, option, type Builder } from './proposal-kit.js';

/** The cross-region round trip, quoted from the dated latency table when it has the row. */
function crossRegionText(latencies: LatencyTable | undefined): string {
  const row = latencies?.rows.find((candidate) => candidate.id === 'network-cross-region');
  return row
    ? `a cross-region round trip: ${Math.round(row.seconds * 1000)} ms ${row.description.replace(/^Round trip between two regions on one continent, /, 'from ')} (latency table, checked ${row.checked}), and 70-200 ms between continents`
    : 'a cross-region round trip of 60-150 ms';
}

export const regions: Builder = (s, _state, { latencies }) => {
  const needs = s.facts.regions;
  const trip = crossRegionText(latencies);
  const fleet = appServers(s).servers;
  const replicatedPerMonth = metricValue(s.estimate, 'ingress_bandwidth') * 30 * 86_400;
  const rpoZero = s.rpo === 0;
  const single = option(
    'A',
    'single-region',
    'One region, spread across three zones',
    'Every tier runs in one region, with replicas in separate zones; backups are copied to a second region.',
    ['no cross-region round trip on any request', 'one copy of the fleet'],
    [
      'a region outage takes the service down until it is restored elsewhere',
      'backups in another region restore with an RPO of minutes (the backup interval), not 0',
    ],
  );
  const passive = option(
    'A',
    'active-passive',
    'Active-passive: one region serves, a second stands by',
    `The primary region takes all writes; the standby region holds a replica of the data and a smaller warm fleet, promoted on a region outage. ${rpoZero ? `RPO 0 across regions means the replica confirms each commit before it is acknowledged: every write pays ${trip}.` : 'Asynchronous replication loses the last seconds of writes on failover (RPO of seconds).'}`,
    ['survives a region outage', 'writes keep one home: consistency is as in one region'],
    [
      `users far from the primary region pay ${trip} on every request`,
      `a warm standby fleet (${fleet} app instances at full size, fewer kept warm) and cross-region replication of ${formatBytes(replicatedPerMonth)} of writes a month, billed as inter-region transfer`,
      'failover takes minutes and must be rehearsed',
    ],
  );
  const active = option(
    'B',
    'active-active',
    'Active-active: every region serves reads and writes',
    'Each region runs the full fleet and takes writes for its users; data replicates between regions.',
    ['users are served by the nearest region', 'a region outage only moves traffic'],
    [
      `roughly doubles the serving fleet (${fleet} app instances in each region) and adds cross-region replication egress of ${formatBytes(replicatedPerMonth)} of writes a month`,
      `strong consistency needs consensus across regions (${trip} per write) or a home region per record; otherwise concurrent writes conflict and need a merge rule`,
    ],
  );
  const explain = `A requirement mentions regions ("${needs?.phrase ?? 'regions'}"). Each region beyond the first adds ${trip} wherever data crosses it, a second fleet, and a choice about where each record is written.`;
  const detail = `Latency: a region is one round trip from its users, another region is ${trip} further. Money: active-passive adds the replica and a warm standby fleet; active-active roughly doubles the serving fleet (${fleet} app instances per region at ${formatRate(s.peakQps)} peak) and every write crosses to the other region. Consistency: one writing region keeps it as in one region; active-active with strong consistency needs consensus across regions or a home region per record (a user's account lives in their region, and the other region forwards its writes).`;
  if (conditionHolds('high-level.regions', 'active-active', s.facts) === true) {
    return {
      explain,
      options: [
        { ...active, key: 'A' },
        { ...passive, key: 'B' },
      ],
      position: `Option A: users on several continents with a ${s.show.p99} target cannot all be served from one region, which would add ${trip} for the far ones. Give each record a home region so its writes stay local${s.strong ? ' and strongly consistent' : ''}, and replicate the rest asynchronously.`,
      detail,
    };
  }
  if (needs?.survive || needs?.spread) {
    return {
      explain,
      options: [passive, active],
      position: `Option A: the requirement is to survive losing a region${needs.spread ? `, and a ${s.show.p99} target leaves room for ${trip} to the far users` : ''}; a standby region does that while writes keep one home. Move to active-active when users on another continent need a P99 under ${Math.round(T.crossRegionP99 * 1000)} ms.`,
      detail,
    };
  }
  return {
    explain,
    options: [single, { ...passive, key: 'B' }],
    position: `Option A: no requirement asks to survive losing a region or to serve another continent nearby; place the one region where the requirement says (data residency), across three zones, and copy backups to a second region. Add a standby region when a region outage must not take the service down.`,
    detail,
  };
};
