/**
 * Decision rules with numeric thresholds: pure functions of a design's answers, decisions and
 * numbers. Each has an id, the phase it fires in, a trigger and a message that takes a position and
 * says why. Red flags (red-flags.ts) are the protocol's warnings about the process; these are about
 * the design itself.
 */
import { formatCount, formatPercent } from '../estimation/index.js';
import { CUSTOM, type SessionState } from '../protocol/types.js';
import { conditionHolds } from '../protocols/design/conditions.js';
import { designFacts as factsOf, onlineNeeded, type DesignFacts } from '../protocols/design/facts.js';
import { DESIGN_STEPS } from '../protocols/design/slots.js';
import { THRESHOLDS as T } from '../protocols/design/thresholds.js';

export interface RuleFinding {
  readonly id: string;
  readonly phase: string;
  readonly message: string;
}

export type { DesignFacts };

/** The design's facts, with the decisions kept in the user's own words that no rule can check. */
export function designFacts(state: SessionState): DesignFacts {
  return {
    ...factsOf(state),
    custom: DESIGN_STEPS.flatMap((step) => {
      const record = state.decisions[step.id];
      return step.kind === 'decision' && step.custom && record?.value === CUSTOM
        ? [{ id: step.id, phase: step.phase, label: record.label, unchecked: step.custom.unchecked }]
        : [];
    }),
  };
}

interface Rule {
  readonly id: string;
  readonly phase: string;
  readonly fires: (facts: DesignFacts) => boolean;
  readonly message: (facts: DesignFacts) => string;
}

const ms = (value: number | undefined): string => `${Math.round(value ?? 0)} ms`;
const online = (facts: DesignFacts): boolean =>
  facts.decisions.serving === 'online' || facts.decisions.serving === 'optimised-online';
const ratioText = (ratio: number): string =>
  ratio >= 10 ? String(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);

export const DECISION_RULES: readonly Rule[] = [
  {
    id: 'serving-edge-or-optimise',
    phase: 'high-level',
    fires: (f) =>
      f.ml && onlineNeeded(f) !== false && f.p99Ms !== undefined && f.p99Ms < T.edgeServingP99 * 1000,
    message: (f) =>
      `A P99 of ${ms(f.p99Ms)} leaves no room for a network hop plus a full model: serve at the edge or in-process, and optimise the model (quantise, distil, compile) until inference fits in about half the budget.`,
  },
  {
    id: 'serving-online',
    phase: 'high-level',
    fires: (f) =>
      f.ml && onlineNeeded(f) === true && (f.p99Ms === undefined || f.p99Ms >= T.edgeServingP99 * 1000),
    message: (f) =>
      `Predictions must be fresher than the batch period (${formatCount(T.batchFreshness)} s)${f.interactiveGeneration ? ', and a model answers users as they ask' : ''}: serve online${f.p99Ms === undefined ? '' : ` within the ${ms(f.p99Ms)} P99`}, a model server in the request path${f.interactiveGeneration ? ' on GPUs' : ''}, with a fallback for when it is slow or down.`,
  },
  {
    id: 'serving-batch',
    phase: 'high-level',
    fires: (f) => f.ml && onlineNeeded(f) === false,
    message: () =>
      'Predictions may be an hour or more old: score in batch and look results up; a model in the request path would cost more and fail more for no gain.',
  },
  {
    id: 'serving-large-model',
    phase: 'deep-dive',
    fires: (f) => f.ml && (f.modelBytes ?? 0) > T.largeModelBytes,
    message: () =>
      'A model over 1 GB loads slowly and pins memory on every replica: compress it (quantise, distil) or load it in stages, and keep warm replicas for deploys.',
  },
  {
    id: 'serving-autoscale',
    phase: 'operations',
    fires: (f) => f.ml && (f.peakQps ?? 0) > T.autoscaleRequestsPerSecond,
    message: (f) =>
      `At ${formatCount(Math.round(f.peakQps ?? 0))} requests/s at peak the model servers need autoscaling on concurrency or queue depth, not a fixed fleet sized for the peak.`,
  },
  {
    id: 'single-copy-of-data',
    phase: 'estimation',
    fires: (f) => (f.availability ?? 0) >= 0.999 && f.replication !== undefined && f.replication < 2,
    message: (f) =>
      `${formatPercent(f.availability ?? 0)} availability with one copy of the data: the storage node is a single point of failure, and losing it loses data. Keep at least 2 copies (3 across zones is usual).`,
  },
  {
    id: 'read-heavy-without-cache',
    phase: 'high-level',
    fires: (f) =>
      f.decisions.cache === 'none' && conditionHolds('high-level.cache', 'cache-aside', f) === true,
    message: (f) =>
      `Reads are ${ratioText(f.readRatio ?? 0)} per write (${formatCount(Math.round(f.peakReads ?? 0))}/s at peak, past the ${formatCount(T.cacheMinReadsPerSecond)}/s floor) and there is no cache: the datastore serves every repeated read. A cache for the hot keys usually removes 80-90% of that load.`,
  },
  {
    id: 'bursty-writes-without-queue',
    phase: 'high-level',
    fires: (f) =>
      f.decisions.writePath === 'synchronous' &&
      conditionHolds('high-level.write-path', 'stream', f) === true,
    message: (f) =>
      `Writes peak at ${formatCount(Math.round(f.peakWrites ?? 0))}/s (peak factor ${f.peakFactor ?? 2}) and go straight to the datastore, and no requirement needs them visible at once: it must be sized for the burst. A log takes the burst durably and lets workers apply it at a steady rate.`,
  },
  {
    id: 'strong-consistency-across-regions',
    phase: 'tradeoffs',
    fires: (f) =>
      f.strong && f.multiRegion && (f.p99Ms ?? Number.POSITIVE_INFINITY) < T.crossRegionP99 * 1000,
    message: (f) =>
      `Strong consistency across regions costs a cross-region round trip per write (60-150 ms between continents), which a ${ms(f.p99Ms)} P99 cannot pay: keep each record's home in one region, or relax consistency for reads.`,
  },
  {
    id: 'more-services-than-owners',
    phase: 'high-level',
    fires: (f) =>
      f.services !== undefined &&
      f.teamSize !== undefined &&
      f.services > Math.max(1, Math.floor(f.teamSize / T.engineersPerService)),
    message: (f) =>
      `${f.services ?? 0} services for ${f.teamSize ?? 0} engineers: each service needs owners for its releases, upgrades and pager, and a team owns about one service per ${T.engineersPerService} engineers well (2-5 for a team of 5-9); merge services into a modular monolith until the team grows.`,
  },
  {
    id: 'realtime-where-hours-suffice',
    phase: 'high-level',
    fires: (f) => f.ml && onlineNeeded(f) === false && online(f),
    message: () =>
      'Online serving was chosen where predictions may be hours old: batch scoring would be simpler, cheaper and faster at request time.',
  },
];

export function decisionRules(state: SessionState): RuleFinding[] {
  const facts = designFacts(state);
  return findings(facts);
}

export function findings(facts: DesignFacts): RuleFinding[] {
  const fired = DECISION_RULES.filter((rule) => rule.fires(facts)).map((rule) => ({
    id: rule.id,
    phase: rule.phase,
    message: rule.message(facts),
  }));
  const unchecked = facts.custom.map(({ id, phase, label, unchecked: what }) => ({
    id: `unchecked-custom:${id}`,
    phase,
    message: `Could not check ${id}: "${label}" is your own choice, outside the values the rules know, so ${what} could not be checked against it. Check them by hand.`,
  }));
  return [...fired, ...unchecked];
}
