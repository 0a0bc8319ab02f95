/**
 * Each decision value's `winsWhen`, made checkable: a pure predicate over the design's facts, looked
 * up by slot id and value (the session record keeps only the value). A predicate answers `undefined`
 * when the facts do not say. Beside them, the requirement gates: a value the stated requirements
 * rule out whatever the numbers say. The offline co-pilot proposes by both, and the self-check
 * (src/rules/self-check-conditions.ts) holds every decision to them.
 */
import { formatCount, formatPercent } from '../../estimation/index.js';
import {
  cachePays,
  onlineNeeded,
  primaryFits,
  queuePays,
  writeMustBeVisible,
  type DesignFacts,
} from './facts.js';
import { THRESHOLDS as T } from './thresholds.js';

export type Condition = (facts: DesignFacts) => boolean | undefined;

const not = (value: boolean | undefined): boolean | undefined => (value === undefined ? undefined : !value);
const and = (...values: (boolean | undefined)[]): boolean | undefined =>
  values.includes(false) ? false : values.includes(undefined) ? undefined : true;
const or = (...values: (boolean | undefined)[]): boolean | undefined =>
  values.includes(true) ? true : values.includes(undefined) ? undefined : false;

const servingOnline = (f: DesignFacts): boolean | undefined => (f.ml ? onlineNeeded(f) : undefined);
const edgeLatency = (f: DesignFacts): boolean | undefined =>
  f.p99Ms === undefined ? undefined : f.p99Ms < T.edgeServingP99 * 1000;
/** Reads may be stale and no invariant must hold: what an available-first or partitioned choice needs. */
const eventualOk = (f: DesignFacts): boolean | undefined =>
  f.freshReads === 'all' || f.invariant !== undefined ? false : f.staleAllowed;
const oneTeam = (f: DesignFacts): boolean | undefined =>
  f.teamSize === undefined ? undefined : f.teamSize < T.microservicesMinEngineers;
const crossRegionLatency = (f: DesignFacts): boolean =>
  f.p99Ms !== undefined && f.p99Ms < T.crossRegionP99 * 1000;

const CONDITIONS: Readonly<Record<string, Readonly<Record<string, Condition>>>> = {
  'high-level.architecture': {
    'modular-monolith': oneTeam,
    microservices: (f) => not(oneTeam(f)),
  },
  'high-level.datastore': {
    relational: primaryFits,
    'relational-sharded': (f) =>
      and(
        not(primaryFits(f)),
        f.freshReads === 'all' || f.invariant !== undefined,
        f.invariant?.multiRecord !== true,
      ),
    'distributed-sql': (f) => and(not(primaryFits(f)), f.invariant?.multiRecord === true),
    'wide-column': (f) => and(not(primaryFits(f)), eventualOk(f)),
    'key-value': (f) => and(not(primaryFits(f)), eventualOk(f)),
    document: () => undefined,
  },
  'high-level.regions': {
    'single-region': (f) => (f.regions ? !f.regions.survive && !f.regions.spread : undefined),
    'active-passive': (f) =>
      f.regions ? f.regions.survive && !(f.regions.spread && crossRegionLatency(f)) : undefined,
    'active-active': (f) => (f.regions ? f.regions.spread && crossRegionLatency(f) : undefined),
  },
  'high-level.cache': {
    none: (f) => or(not(cachePays(f)), f.freshReads === 'all'),
    'cache-aside': (f) => and(cachePays(f), f.freshReads !== 'all'),
    'write-through': (f) => and(cachePays(f), f.freshReads === 'own'),
  },
  'high-level.write-path': {
    synchronous: (f) => or(not(queuePays(f)), writeMustBeVisible(f)),
    queue: (f) => and(queuePays(f), !writeMustBeVisible(f)),
    stream: (f) => and(queuePays(f), !writeMustBeVisible(f)),
  },
  'high-level.serving': {
    online: (f) => and(servingOnline(f), not(edgeLatency(f)) ?? true),
    'optimised-online': (f) => and(servingOnline(f), edgeLatency(f)),
    batch: (f) => not(servingOnline(f)),
  },
  'high-level.features': {
    streaming: (f) =>
      f.featureFreshnessSeconds === undefined
        ? undefined
        : f.featureFreshnessSeconds <= T.streamingFeatureFreshness,
    batch: (f) =>
      f.featureFreshnessSeconds === undefined
        ? undefined
        : f.featureFreshnessSeconds > T.streamingFeatureFreshness,
  },
  'tradeoffs.consistency': {
    cp: (f) => (f.freshReads === 'all' || f.invariant !== undefined ? true : not(eventualOk(f))),
    ap: eventualOk,
  },
  'operations.deployment': {
    canary: canary,
    'blue-green': () => undefined,
    rolling: (f) => not(canary(f)),
  },
};

function canary(f: DesignFacts): boolean | undefined {
  if (f.peakQps === undefined || f.availability === undefined) return undefined;
  return f.peakQps >= T.canaryPeakQps || f.availability >= T.canaryAvailability;
}

/** Whether `value` of decision `slotId` wins on these facts; undefined when the facts do not say. */
export function conditionHolds(slotId: string, value: string, facts: DesignFacts): boolean | undefined {
  return CONDITIONS[slotId]?.[value]?.(facts);
}

/** The values of a decision whose condition holds on these facts. */
export function winningValues(slotId: string, facts: DesignFacts): string[] {
  return Object.entries(CONDITIONS[slotId] ?? {})
    .filter(([, condition]) => condition(facts) === true)
    .map(([value]) => value);
}

const rate = (value: number | undefined): string =>
  value === undefined ? 'not known' : `${formatCount(Math.round(value))}/s`;
const ratio = (value: number | undefined): string =>
  value === undefined ? 'not known' : String(Math.round(value * 10) / 10);
const fresh = (f: DesignFacts): string =>
  f.freshReads === 'all'
    ? 'every read must see the latest write'
    : f.freshReads === 'own'
      ? 'writers must read their own writes'
      : f.staleAllowed
        ? 'stale reads allowed'
        : 'no freshness stated';
const invariantText = (f: DesignFacts): string[] =>
  f.invariant ? [`invariant "${f.invariant.phrase}"${f.invariant.multiRecord ? ' across records' : ''}`] : [];

/** The facts a decision's conditions read, quoted as a finding's evidence. */
export function conditionEvidence(slotId: string, f: DesignFacts): string {
  const parts: Record<string, () => string[]> = {
    'high-level.architecture': () => [
      `team ${f.teamSize === undefined ? 'not stated' : `${f.teamSize} engineers`}`,
      `${rate(f.peakQps)} peak`,
    ],
    'high-level.datastore': () => [
      `${rate(f.peakWrites)} peak writes`,
      f.databaseBytes === undefined
        ? 'data size not known'
        : `${formatCount(Math.round(f.databaseBytes / 1e9))} GB per copy`,
      fresh(f),
      ...invariantText(f),
    ],
    'high-level.regions': () => [
      `regions mentioned: ${f.regions?.phrase === undefined ? 'no' : `"${f.regions.phrase}"`}`,
      `survive a region loss: ${f.regions?.survive ? 'yes' : 'no'}`,
      `users on several continents: ${f.regions?.spread ? 'yes' : 'no'}`,
      `P99 ${f.p99Ms === undefined ? 'not stated' : `${Math.round(f.p99Ms)} ms`}`,
    ],
    'high-level.cache': () => [
      `${rate(f.peakReads)} peak reads`,
      `${ratio(f.readRatio)} reads per write`,
      fresh(f),
    ],
    'high-level.write-path': () => [
      `${rate(f.peakWrites)} peak writes`,
      `peak factor ${f.peakFactor ?? 'not known'}`,
      fresh(f),
      ...invariantText(f),
    ],
    'high-level.serving': () => [
      `prediction freshness ${f.predictionFreshnessSeconds === undefined ? 'not stated' : `${formatCount(f.predictionFreshnessSeconds)} s`}`,
      `P99 ${f.p99Ms === undefined ? 'not stated' : `${Math.round(f.p99Ms)} ms`}`,
      ...(f.interactiveGeneration ? ['a generative model answers users'] : []),
    ],
    'high-level.features': () => [
      `feature freshness ${f.featureFreshnessSeconds === undefined ? 'not stated' : `${formatCount(f.featureFreshnessSeconds)} s`}`,
    ],
    'tradeoffs.consistency': () => [fresh(f), ...invariantText(f)],
    'operations.deployment': () => [
      `${rate(f.peakQps)} peak`,
      `availability ${f.availability === undefined ? 'not stated' : formatPercent(f.availability)}`,
    ],
  };
  return (parts[slotId]?.() ?? []).join('; ');
}

/**
 * Why the stated requirements rule a value out, whatever the numbers: undefined when they do not.
 * The gates: reads that must be fresh rule out queue-acknowledged writes, a cache as their source
 * and an available-first choice; an invariant over records keeps them in one transaction; real-time
 * predictions are never batch; losing a region is survived only with a second region.
 */
export function ruledOutBy(slotId: string, value: string, f: DesignFacts): string | undefined {
  const visible = f.invariant
    ? `the invariant "${f.invariant.phrase}" must hold when the write is acknowledged`
    : f.freshReads === 'all'
      ? 'every read must see the latest write'
      : 'writers must read their own writes at once';
  switch (`${slotId}=${value}`) {
    case 'high-level.write-path=queue':
    case 'high-level.write-path=stream':
      return writeMustBeVisible(f)
        ? `${visible}, and a write acknowledged from an asynchronous queue is not yet applied`
        : undefined;
    case 'high-level.cache=cache-aside':
    case 'high-level.cache=write-through':
      return f.freshReads === 'all'
        ? 'every read must see the latest write, and a cache serves copies that lag it'
        : undefined;
    case 'tradeoffs.consistency=ap':
      return f.freshReads === 'all' || f.invariant
        ? `${f.invariant ? `the invariant "${f.invariant.phrase}" cannot be kept` : 'reads must be current, which cannot be promised'} by replicas that keep answering apart during a partition`
        : undefined;
    case 'high-level.serving=batch':
      return onlineNeeded(f)
        ? f.interactiveGeneration
          ? 'a generative model answers users as they ask, which no batch can precompute'
          : `predictions must be fresher (${formatCount(f.predictionFreshnessSeconds ?? 0)} s) than a batch period of an hour`
        : undefined;
    case 'high-level.datastore=relational-sharded':
      return f.invariant?.multiRecord
        ? `the invariant "${f.invariant.phrase}" spans records that sharding by one key can put on different shards, where no single transaction reaches both`
        : undefined;
    case 'high-level.datastore=wide-column':
    case 'high-level.datastore=key-value':
    case 'high-level.datastore=document':
      return f.invariant
        ? `the invariant "${f.invariant.phrase}" needs a transaction over the records it spans, which this store does not give across keys`
        : undefined;
    case 'high-level.regions=single-region':
      return f.regions?.survive
        ? 'the requirements ask to survive losing a region, which one region cannot'
        : undefined;
    default:
      return undefined;
  }
}
