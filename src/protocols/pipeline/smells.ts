/**
 * Pipeline-architecture smells: pure functions of the scoping facts. Each takes a position and
 * says what it costs, with the number that makes it a smell; each has a near miss that does not fire.
 */
import { formatBytes } from '../../estimation/index.js';
import type { PipelinePlan } from './decompose.js';

export interface Smell {
  readonly id: string;
  readonly phase: string;
  readonly message: string;
}

export interface ScopingFacts {
  readonly stage?: Stage;
  readonly engineers?: number;
  readonly pipelines?: readonly PipelinePlan[];
}

export type Stage = 'exploring' | 'prototype' | 'production';

/** Steps per pipeline: 3-7 is the healthy range; past 7 a pipeline is doing several jobs. */
export const MAX_STEPS = 7;
/** Active pipelines one engineer maintains: about 2-3, so more than 3 each is too many. */
export const PIPELINES_PER_ENGINEER = 3;
/** Data from this size up costs real time and storage each time it crosses a step boundary. */
export const LARGE_DATA_BYTES = 1e9;
/** Boundaries crossed by the same large data before it is "several times". */
export const LARGE_DATA_BOUNDARIES = 3;

interface SmellRule {
  readonly id: string;
  readonly phase: string;
  readonly check: (facts: ScopingFacts) => string | undefined;
}

const pipelinesOf = (facts: ScopingFacts): readonly PipelinePlan[] => facts.pipelines ?? [];

export const SMELL_RULES: readonly SmellRule[] = [
  {
    id: 'not-ready',
    phase: 'picture',
    check: (f) =>
      f.stage === 'exploring'
        ? 'You are still exploring the data, with no working prototype: a pipeline now would freeze choices you have not validated and slow every experiment. Finish the experiment in a notebook until it gives results worth repeating, then scope the pipelines; this document records the target, not the next step.'
        : undefined,
  },
  {
    id: 'meta-pipeline',
    phase: 'decompose',
    check: (f) => {
      const meta = pipelinesOf(f).filter((pipeline) => pipeline.meta);
      return meta.length > 0
        ? `${meta.map((pipeline) => pipeline.name).join(', ')} orchestrates other pipelines: a pipeline that calls pipelines hides the real dependencies and fails in two places at once. Chain them with schedules and triggers (or the registry's promotion events), not with a pipeline whose job is to run the others; the urge usually means the decomposition is wrong.`
        : undefined;
    },
  },
  {
    id: 'dynamic-everywhere',
    phase: 'decompose',
    check: (f) => {
      const dynamic = pipelinesOf(f).filter((pipeline) => pipeline.dynamicComponents > 0);
      const nested = pipelinesOf(f).some((pipeline) => pipeline.nestedDynamic);
      if (!nested && dynamic.length < 2) return undefined;
      return `${nested ? 'Dynamic logic that spawns more dynamic logic' : `Dynamic steps in ${dynamic.length} pipelines`}: dynamic pipelines are the sharpest tool, right for a simple fan-out (N documents, K folds) and wrong as a general habit, where the graph becomes a program nobody can read from the dashboard. Keep each pipeline a static graph, move branching into the step code, and keep dynamism to one fan-out where it earns its keep.`;
    },
  },
  {
    id: 'mega-pipeline',
    phase: 'decompose',
    check: (f) => {
      const big = pipelinesOf(f).filter((pipeline) => pipeline.steps.length > MAX_STEPS);
      return big.length > 0
        ? `${big.map((pipeline) => `${pipeline.name} has ${pipeline.steps.length} steps`).join('; ')}: past ${MAX_STEPS} a pipeline is doing several jobs with one schedule and one failure domain, so a late step failing reruns everything before it. Split it where the artifact between two steps is worth versioning on its own (a dataset, a model).`
        : undefined;
    },
  },
  {
    id: 'too-many-pipelines',
    phase: 'decompose',
    check: (f) => {
      const count = pipelinesOf(f).length;
      if (f.engineers === undefined || count <= f.engineers * PIPELINES_PER_ENGINEER) return undefined;
      return `${count} active pipelines for ${f.engineers} engineer(s): about ${PIPELINES_PER_ENGINEER} per engineer is the most a team maintains while still doing ML, beyond that the time goes into debugging pipeline infrastructure. Merge the ones that share a trigger or defer the ones the MVP does not need.`;
    },
  },
  {
    id: 'large-data-across-steps',
    phase: 'decompose',
    check: (f) => {
      const heavy = pipelinesOf(f).filter(
        (pipeline) =>
          (pipeline.dataBytes ?? 0) >= LARGE_DATA_BYTES && pipeline.steps.length - 1 >= LARGE_DATA_BOUNDARIES,
      );
      const first = heavy[0];
      if (!first) return undefined;
      const bytes = first.dataBytes ?? 0;
      const boundaries = first.steps.length - 1;
      return `${first.name} moves ${formatBytes(bytes)} through ${boundaries} step boundaries: each boundary writes the data to the artifact store and reads it back, about ${formatBytes(bytes * boundaries)} written per run. Merge the steps that pass the full dataset along, or pass a reference (a table name, a path) instead of the data.`;
    },
  },
];

export function smells(facts: ScopingFacts): Smell[] {
  return SMELL_RULES.flatMap((rule) => {
    const message = rule.check(facts);
    return message ? [{ id: rule.id, phase: rule.phase, message }] : [];
  });
}
