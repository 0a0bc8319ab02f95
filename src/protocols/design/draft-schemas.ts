/**
 * What the design co-pilot drafts, as zod schemas: the offline co-pilot builds these objects, a
 * model's output is validated against them (each draft step loads this module on first use, which
 * only the model path does), and the renderer reads their types. Numbers are not drafted: the
 * estimate and the cost are computed by the protocol.
 */
import { z } from 'zod';
import { COMPONENT_TYPES } from './model.js';

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
  /** Failure modes to watch for, each quoted from the reference guide it names. */
  watchFor: z.array(z.string()),
  deployment: z.array(z.string()).min(1),
  migrations: z.array(z.string()).min(1),
  failureModes: z
    .array(z.strictObject({ component: z.string(), failure: z.string(), degradation: z.string() }))
    .min(1),
  /** Tradeoff records for the decisions taken in the operations phase (after the tradeoffs phase). */
  tradeoffs: z.array(tradeoffSchema),
});
export type OperationsPlan = z.infer<typeof operationsSchema>;
