/**
 * The facts a design's decisions are judged on, gathered once from the state (answers, estimate,
 * decisions): the numbers, and what the requirements rule out. The decision rules, the conditions
 * under which each decision value wins (conditions.ts), the offline co-pilot's proposals and the
 * self-check all read these, so a design is never advised one way and judged another.
 */
import type { Capacity } from '../../knowledge/throughput.js';
import type { SessionState } from '../../protocol/types.js';
import {
  designAnswers,
  designDecisions,
  designDrafts,
  designResults,
  requirementTexts,
  type DesignDecisions,
} from './model.js';
import {
  freshReadsIn,
  interactiveGenerationIn,
  NEVER_LOSE,
  invariantIn,
  regionNeedsIn,
  type FreshReads,
  type Invariant,
  type RegionNeeds,
} from './requirements.js';
import { payloadPlacement } from './sizing.js';
import { THRESHOLDS as T } from './thresholds.js';

export interface DesignFacts {
  readonly ml: boolean;
  readonly p99Ms?: number;
  readonly predictionFreshnessSeconds?: number;
  readonly featureFreshnessSeconds?: number;
  readonly availability?: number;
  readonly replication?: number;
  /** Every read must see the latest write (strong, linearizable, "never stale"). */
  readonly strong: boolean;
  /** Which reads must be fresh: all of them, or the writer's own; undefined when none must. */
  readonly freshReads?: FreshReads;
  /** An invariant stated in the requirements ("never double-book", "exactly once"). */
  readonly invariant?: Invariant;
  /** The consistency answer allows stale reads (eventual, or a staleness in seconds). */
  readonly staleAllowed?: boolean;
  readonly rpoSeconds?: number;
  /** What the answers say about regions (title, use cases and every requirement's text). */
  readonly regions?: RegionNeeds;
  /** Writes cross regions: active-active decided, or regions named before that decision. */
  readonly multiRegion: boolean;
  /** A generative model answering users: online on GPUs whatever the freshness answer. */
  readonly interactiveGeneration?: boolean;
  readonly peakQps?: number;
  readonly peakWrites?: number;
  readonly peakReads?: number;
  readonly readRatio?: number;
  readonly peakFactor?: number;
  /** One copy of what the database holds over the retention (metadata only when payloads move out). */
  readonly databaseBytes?: number;
  /** What one relational primary carries (from the dated throughput table), when it was given. */
  readonly primary?: { readonly writesPerSecond: number; readonly bytes: number };
  readonly modelBytes?: number;
  readonly services?: number;
  readonly teamSize?: number;
  readonly decisions: DesignDecisions;
  /** Decisions kept in the user's own words (`custom`), which no rule can check. */
  readonly custom: readonly {
    readonly id: string;
    readonly phase: string;
    readonly label: string;
    /** What the design reads from this decision (the slot says), left unchecked. */
    readonly unchecked: string;
  }[];
}

const metric = (state: SessionState, id: string): number | undefined =>
  designResults(state).estimate?.metrics.find((m) => m.id === id)?.value;

/**
 * The facts of a design. `capacity` (the throughput table) lets the facts say whether one
 * relational primary holds the data; without it the datastore conditions answer "not known".
 */
export function designFacts(state: SessionState, capacity?: Capacity): DesignFacts {
  const answers = designAnswers(state);
  const estimate = designResults(state).estimate;
  const writes = metric(state, 'write_qps');
  const reads = metric(state, 'read_qps');
  const consistency = answers.consistency;
  const freshTexts = [consistency?.text ?? '', ...(answers.functional ?? [])];
  const freshReads =
    consistency?.model === 'strong'
      ? 'all'
      : (freshReadsIn(freshTexts) ?? (consistency?.model === 'read-your-writes' ? 'own' : undefined));
  const regions = answers.functional || answers.scale ? regionNeedsIn(requirementTexts(state)) : undefined;
  const decisions = designDecisions(state);
  const facts = {
    ml: state.scope !== 'system',
    strong: freshReads === 'all',
    freshReads,
    invariant: invariantIn(freshTexts),
    // Undefined when the consistency answer says nothing about staleness (ordering, duplicates).
    staleAllowed:
      freshReads === 'all'
        ? false
        : freshReads === 'own' ||
            consistency?.model === 'eventual' ||
            consistency?.model === 'read-your-writes' ||
            (consistency?.stalenessSeconds ?? 0) > 0
          ? true
          : undefined,
    // "Can't lose payments" in any answer is RPO 0, whatever the durability answer left unstated.
    rpoSeconds:
      answers.durability?.rpoSeconds ??
      (requirementTexts(state).some((text) => NEVER_LOSE.test(text)) ? 0 : undefined),
    regions,
    multiRegion:
      decisions.regions === undefined ? regions?.phrase !== undefined : decisions.regions === 'active-active',
    interactiveGeneration:
      state.scope === 'system'
        ? undefined
        : interactiveGenerationIn(requirementTexts(state), answers.functional ?? []),
    decisions,
    // The decisions kept in own words are listed by the decision rules, which know the slots: this
    // module is read by the slots' own review step, so it must not import them.
    custom: [],
    // A batch deadline is no request latency: the P99 rules do not apply to it.
    p99Ms: answers.latency?.p99 === undefined ? undefined : answers.latency.p99 * 1000,
    predictionFreshnessSeconds: answers.predictionFreshness?.seconds,
    featureFreshnessSeconds: answers.featureFreshness?.seconds,
    availability: answers.availability,
    replication: estimate?.input.replication,
    peakQps: metric(state, 'peak_qps'),
    peakWrites: metric(state, 'peak_write_qps'),
    peakReads: metric(state, 'peak_read_qps'),
    readRatio: writes && reads !== undefined ? reads / writes : undefined,
    peakFactor: estimate?.input.peakFactor,
    databaseBytes: estimate && capacity ? payloadPlacement(estimate, capacity).databaseBytes : undefined,
    primary: capacity
      ? { writesPerSecond: capacity.relationalPrimaryWritesPerSecond, bytes: capacity.relationalPrimaryBytes }
      : undefined,
    modelBytes: answers.modelSize?.bytes,
    teamSize: answers.team?.engineers,
    services: servicesOf(state),
  };
  return Object.fromEntries(
    Object.entries(facts).filter(([, value]) => value !== undefined),
  ) as unknown as DesignFacts;
}

/** Deployable services the team writes and runs: the request-path services, workers and model servers. */
function servicesOf(state: SessionState): number | undefined {
  return designDrafts(state).architecture?.components.filter(
    (component) => component.type === 'service' || component.type === 'model-serving',
  ).length;
}

/** Predictions must be computed per request: fresher than the batch period, or a model answering users. */
export function onlineNeeded(f: DesignFacts): boolean | undefined {
  if (f.interactiveGeneration === true) return true;
  return f.predictionFreshnessSeconds === undefined
    ? undefined
    : f.predictionFreshnessSeconds < T.batchFreshness;
}

/** One relational primary holds the peak writes and the data, by the throughput table. */
export function primaryFits(f: DesignFacts): boolean | undefined {
  if (!f.primary || f.peakWrites === undefined || f.databaseBytes === undefined) return undefined;
  return f.peakWrites <= f.primary.writesPerSecond && f.databaseBytes <= f.primary.bytes;
}

/** Reads draw enough load for a cache to pay: over the floor, and either read-heavy or past 2K/s. */
export function cachePays(f: DesignFacts): boolean | undefined {
  if (f.peakReads === undefined) return undefined;
  if (f.peakReads < T.cacheMinReadsPerSecond) return false;
  return (f.readRatio ?? 0) >= T.cacheReadRatio || f.peakReads >= T.cacheReadsPerSecond;
}

/** Writes burst enough for a queue to pay: over the floor, and either past 2K/s or 4x the average. */
export function queuePays(f: DesignFacts): boolean | undefined {
  if (f.peakWrites === undefined) return undefined;
  if (f.peakWrites < T.queueMinWritesPerSecond) return false;
  return f.peakWrites >= T.queueWritesPerSecond || (f.peakFactor ?? 0) >= T.queuePeakFactor;
}

/** A requirement that a write be readable the moment it is acknowledged (by everyone, or its writer). */
export const writeMustBeVisible = (f: DesignFacts): boolean =>
  f.freshReads !== undefined || f.invariant !== undefined;
