/**
 * What the design co-pilot drafts, as zod schemas: the offline co-pilot builds these objects, a
 * model's output is validated against them, and the renderer reads them. Also typed access to the
 * answers of a design session.
 */
import { z } from 'zod';
import type { Estimate } from '../../estimation/index.js';
import type { SessionState } from '../../protocol/types.js';
import type { Approval } from '../../protocol/types.js';
import type { Consistency, Durability, Freshness, LatencyTarget, Scale } from './requirements.js';
import type { ReadSpec } from './estimation-slots.js';

export const COMPONENT_TYPES = [
  'client',
  'cdn',
  'gateway',
  'service',
  'datastore',
  'cache',
  'queue',
  'blob-store',
  'stream-processor',
  'model-serving',
  'batch-scoring',
  'feature-store',
  'model-registry',
  'training-pipeline',
  'monitoring',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const componentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  type: z.enum(COMPONENT_TYPES),
  purpose: z.string().min(1),
  api: z.string().min(1),
  data: z.string().min(1),
  failureMode: z.string().min(1),
});
export type Component = z.infer<typeof componentSchema>;

export const flowSchema = z.strictObject({ from: z.string(), to: z.string(), label: z.string() });
export type Flow = z.infer<typeof flowSchema>;

export const architectureSchema = z.strictObject({
  components: z.array(componentSchema).min(2),
  flows: z.array(flowSchema).min(1),
  summary: z.string().min(1),
});
export type Architecture = z.infer<typeof architectureSchema>;

export const scalingStepSchema = z.strictObject({
  factor: z.number(),
  numbers: z.string(),
  plan: z.string(),
});

export const deepDiveSchema = z.strictObject({
  componentId: z.string(),
  title: z.string(),
  why: z.string(),
  dataModel: z.array(z.string()).min(1),
  approach: z.array(z.string()).min(1),
  scaling: z.array(scalingStepSchema).min(2),
  failureHandling: z.array(z.string()).min(1),
  interface: z.array(z.string()).min(1),
  guide: z.strictObject({ id: z.string(), title: z.string(), principle: z.string() }).optional(),
});
export type DeepDive = z.infer<typeof deepDiveSchema>;
export const deepDivesSchema = z.array(deepDiveSchema).min(1).max(3);

export const tradeoffSchema = z.strictObject({
  decision: z.string(),
  chosen: z.string(),
  alternative: z.string(),
  reason: z.string(),
  alternativeWins: z.string(),
});
export type Tradeoff = z.infer<typeof tradeoffSchema>;
export const tradeoffsSchema = z.array(tradeoffSchema).min(1);

export const operationsSchema = z.strictObject({
  monitoring: z.array(z.string()).min(1),
  slo: z.array(z.string()).min(1),
  alerts: z.array(z.string()).min(1),
  deployment: z.array(z.string()).min(1),
  migrations: z.array(z.string()).min(1),
  failureModes: z
    .array(z.strictObject({ component: z.string(), failure: z.string(), degradation: z.string() }))
    .min(1),
  cost: z.array(z.strictObject({ item: z.string(), calculation: z.string(), monthly: z.string() })).min(1),
  costNote: z.string(),
  /** Tradeoff records for the decisions taken in the operations phase (after the tradeoffs phase). */
  tradeoffs: z.array(tradeoffSchema),
});
export type OperationsPlan = z.infer<typeof operationsSchema>;

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

/**
 * Picks records by id into a named object, leaving out what is absent. The values were produced by
 * the slots' own parsers (or validated drafts) when they were recorded, so reading them back by id
 * is safe; this is the one place that relies on it.
 */
function pickById(
  records: Readonly<Record<string, unknown>>,
  keys: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, id] of Object.entries(keys)) {
    if (records[id] !== undefined) result[name] = records[id];
  }
  return result;
}

export function designAnswers(state: SessionState): DesignAnswers {
  const values = Object.fromEntries(Object.entries(state.answers).map(([id, record]) => [id, record.value]));
  return pickById(values, KEYS);
}

/** Whether the user accepted an answer after a push-back (i.e. it is still vague). */
export function acceptedDespitePushBack(state: SessionState, id: string): boolean {
  return state.answers[id]?.pushBack !== undefined;
}

export interface DesignDrafts {
  readonly estimate?: Estimate;
  readonly architecture?: Architecture;
  readonly deepDives?: readonly DeepDive[];
  readonly tradeoffs?: readonly Tradeoff[];
  readonly operations?: OperationsPlan;
}

const DRAFT_KEYS: Readonly<Record<keyof DesignDrafts, string>> = {
  estimate: 'estimation.numbers',
  architecture: 'high-level.components',
  deepDives: 'deep-dive.details',
  tradeoffs: 'tradeoffs.records',
  operations: 'operations.plan',
};

export function designDrafts(state: SessionState): DesignDrafts {
  return pickById(state.drafts, DRAFT_KEYS);
}
