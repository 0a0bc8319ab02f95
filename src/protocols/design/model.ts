/**
 * Typed access to the answers, drafts and computed results of a design session. The drafts' zod
 * schemas are in draft-schemas.ts: only a model's output is validated against them, so only the
 * model path loads them.
 */
import type { Estimate } from '../../estimation/index.js';
import type { TeamSize } from '../../protocol/answer-text.js';
import { answerValues, pickById } from '../../protocol/records.js';
import type { CUSTOM, SessionState } from '../../protocol/types.js';
import type { Approval } from '../../protocol/types.js';
import type {
  ArchitectureValue,
  CacheValue,
  ConsistencyValue,
  DatastoreValue,
  DeploymentValue,
  FeatureValue,
  RegionValue,
  ServingValue,
  WritePathValue,
} from './decision-values.js';
import type { Consistency, Durability, Freshness, LatencyTarget, ModelSize, Scale } from './requirements.js';
import type { ReadSpec } from './estimation-slots.js';
import type { CostEstimate } from './cost.js';

/**
 * The component vocabulary: every component of a design has one of these types (documented in the
 * README and listed in `--json`). Archetypes (references/archetypes/) may use only these.
 */
export const COMPONENT_TYPES = [
  'client',
  'cdn',
  'gateway',
  'connection-gateway',
  'service',
  'worker',
  'datastore',
  'cache',
  'queue',
  'stream',
  'blob-store',
  'search-index',
  'vector-index',
  'geo-index',
  'analytics-store',
  'presence',
  'notification',
  'id-generator',
  'rate-limiter',
  'scheduler',
  'stream-processor',
  'model-serving',
  'llm-serving',
  'embedding',
  'batch-scoring',
  'feature-store',
  'model-registry',
  'training-pipeline',
  'monitoring',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

import type { Architecture, DeepDive, OperationsPlan, Tradeoff } from './draft-schemas.js';
export type { Architecture, Component, DeepDive, Flow, OperationsPlan, Tradeoff } from './draft-schemas.js';

/** The typed answers of a design session; undefined where a step has not been answered yet. */
export interface DesignAnswers {
  readonly problem?: string;
  readonly functional?: readonly string[];
  readonly scale?: Scale;
  readonly latency?: LatencyTarget;
  readonly availability?: number;
  readonly consistency?: Consistency;
  readonly durability?: Durability;
  readonly predictionFreshness?: Freshness;
  readonly modelUpdate?: Freshness;
  readonly featureFreshness?: Freshness;
  readonly modelSize?: ModelSize;
  readonly team?: TeamSize;
  readonly users?: number;
  readonly writes?: { perSecond: number; perUser: boolean };
  readonly reads?: ReadSpec;
  readonly writeSize?: number;
  readonly readSize?: number;
  readonly retention?: number;
  readonly peakFactor?: number;
  readonly replication?: number;
  readonly partitionKey?: string;
  readonly degradation?: string;
  readonly approval?: Approval;
}

const KEYS: Readonly<Record<keyof DesignAnswers, string>> = {
  problem: 'requirements.problem',
  functional: 'requirements.functional',
  scale: 'requirements.scale',
  latency: 'requirements.latency',
  availability: 'requirements.availability',
  consistency: 'requirements.consistency',
  durability: 'requirements.durability',
  predictionFreshness: 'requirements.prediction-freshness',
  modelUpdate: 'requirements.model-update',
  featureFreshness: 'requirements.feature-freshness',
  modelSize: 'requirements.model-size',
  team: 'requirements.team',
  users: 'estimation.users',
  writes: 'estimation.writes',
  reads: 'estimation.reads',
  writeSize: 'estimation.write-size',
  readSize: 'estimation.read-size',
  retention: 'estimation.retention',
  peakFactor: 'estimation.peak-factor',
  replication: 'estimation.replication',
  partitionKey: 'high-level.access-key',
  degradation: 'operations.degradation',
  approval: 'approval',
};

export function designAnswers(state: SessionState): DesignAnswers {
  return pickById(answerValues(state), KEYS);
}

/** Every requirement in the user's own words: where regions or a generative model may be named. */
export function requirementTexts(state: SessionState): string[] {
  const a = designAnswers(state);
  return [
    state.title,
    a.problem ?? '',
    ...(a.functional ?? []),
    a.scale?.text ?? '',
    String(state.answers['requirements.availability']?.raw ?? ''),
    a.consistency?.text ?? '',
    a.durability?.text ?? '',
    a.predictionFreshness?.text ?? '',
    a.modelSize?.text ?? '',
  ];
}

/** Whether the user accepted an answer after a push-back (i.e. it is still vague). */
export function acceptedDespitePushBack(state: SessionState, id: string): boolean {
  return state.answers[id]?.pushBack !== undefined;
}

/** What the co-pilot drafted (prose around the engine's numbers). */
export interface DesignDrafts {
  readonly architecture?: Architecture;
  readonly deepDives?: readonly DeepDive[];
  readonly tradeoffs?: readonly Tradeoff[];
  readonly operations?: OperationsPlan;
}

const DRAFT_KEYS: Readonly<Record<keyof DesignDrafts, string>> = {
  architecture: 'high-level.components',
  deepDives: 'deep-dive.details',
  tradeoffs: 'tradeoffs.records',
  operations: 'operations.plan',
};

export function designDrafts(state: SessionState): DesignDrafts {
  return pickById(state.drafts, DRAFT_KEYS);
}

/** A decision's value as recorded: one of its slot's values, or `custom` (the user's own words). */
type Decided<V extends string> = V | typeof CUSTOM;

/** The typed values of a design session's decisions; undefined where a decision is not taken yet. */
export interface DesignDecisions {
  readonly architecture?: Decided<ArchitectureValue>;
  readonly datastore?: Decided<DatastoreValue>;
  readonly regions?: Decided<RegionValue>;
  readonly cache?: Decided<CacheValue>;
  readonly writePath?: Decided<WritePathValue>;
  readonly serving?: Decided<ServingValue>;
  readonly features?: Decided<FeatureValue>;
  readonly consistency?: Decided<ConsistencyValue>;
  readonly deployment?: Decided<DeploymentValue>;
}

export const DECISION_KEYS: Readonly<Record<keyof DesignDecisions, string>> = {
  architecture: 'high-level.architecture',
  datastore: 'high-level.datastore',
  regions: 'high-level.regions',
  cache: 'high-level.cache',
  writePath: 'high-level.write-path',
  serving: 'high-level.serving',
  features: 'high-level.features',
  consistency: 'tradeoffs.consistency',
  deployment: 'operations.deployment',
};

/**
 * The value of every decision taken, by name. Values were read into the slot's enumeration when
 * they were recorded (a saved session's are checked on load), so reading them back is safe.
 */
export function designDecisions(state: SessionState): DesignDecisions {
  const values = Object.fromEntries(
    Object.entries(state.decisions).map(([id, record]) => [id, record.value]),
  );
  return pickById(values, DECISION_KEYS);
}

/** The label a decision was shown with (the option's, or the user's own words for `custom`). */
export function decisionLabel(state: SessionState, id: string): string | undefined {
  return state.decisions[id]?.label;
}

/** What the protocol computed from the answers: never drafted, never saved. */
export interface DesignResults {
  readonly estimate?: Estimate;
  readonly cost?: CostEstimate;
}

const RESULT_KEYS: Readonly<Record<keyof DesignResults, string>> = {
  estimate: 'estimation.numbers',
  cost: 'operations.cost',
};

export function designResults(state: SessionState): DesignResults {
  return pickById(state.derived, RESULT_KEYS);
}
