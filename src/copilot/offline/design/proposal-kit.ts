/** What every proposal builder shares: its signature, the option builder, instance counts. */
import { formatDuration, servers } from '../../../estimation/index.js';
import type { Proposal, SessionState } from '../../../protocol/types.js';
export { option } from '../proposal-text.js';
import type { Signals } from './signals.js';
import type { Archetype } from '../../../knowledge/archetypes.js';
import type { LatencyTable } from '../../../knowledge/latencies.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';

/** What a proposal may read besides the signals and the state: the archetype catalogue. */
export interface BuilderContext {
  readonly archetypes: readonly Archetype[];
  /** The dated latency table, quoted where a decision costs a round trip (the region strategy). */
  readonly latencies?: LatencyTable;
}

export type Builder = (s: Signals, state: SessionState, context: BuilderContext) => Proposal;

/** A freshness as a duration: "1 s" reads as "real time". */
export const staleness = (freshness: { seconds: number } | undefined): string =>
  freshness === undefined
    ? 'no stated limit'
    : freshness.seconds <= 1
      ? 'real time'
      : formatDuration(freshness.seconds);

/** At least two instances, in different zones: one is never enough for availability. */
export function instancesText(byLoad: number): string {
  return byLoad >= 2 ? `${byLoad} instances` : `2 instances (${byLoad} by load, a second for redundancy)`;
}

export function appServers(s: Signals): ReturnType<typeof servers> {
  return servers(s.peakQps, s.capacity.appServerRequestsPerSecond, T.targetUtilisation);
}
