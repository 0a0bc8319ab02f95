/**
 * The interview problem bank (references/problems/*.yaml), validated with zod. Each problem carries
 * what the interviewer reveals only when asked (the scale, and its numbers in the estimation
 * engine's spec form, so a candidate's figures can be checked), the archetype it is an instance of,
 * and rubric notes per dimension. The components a good answer includes come from the archetype
 * (see problem-components.ts), so the bank and the design co-pilot share one source.
 */
import { z } from 'zod';
import { SERVING_MODES } from '../protocols/design/archetype-vocabulary.js';
import type { Archetype } from './archetypes.js';
import { fail, ok, type Result } from '../lib/result.js';
import { resolveComponents, type ProblemComponent } from './problem-components.js';
import { parseYamlData } from './yaml-data.js';

export const LEVELS = ['mid', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

/** An interview's phases, one answer each; each has rubric notes and a hint. */
export const PHASES = [
  'requirements',
  'estimation',
  'high-level',
  'deep-dive',
  'tradeoffs',
  'operations',
] as const;
export type Phase = (typeof PHASES)[number];

/** What a review scores: the phases, and communication across all of them. */
export const DIMENSIONS = [...PHASES, 'communication'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const text = z.string().trim().min(1);
/** Keywords are matched as text; YAML reads a bare 301 as a number, so numbers are taken as written. */
const keywords = z
  .array(
    z
      .union([z.string(), z.number()])
      .transform((keyword) => String(keyword).trim().toLowerCase())
      .pipe(z.string().min(2)),
  )
  .min(2);

const componentId = z.string().regex(/^[a-z][a-z0-9-]*$/);
const componentSchema = z.strictObject({ id: componentId, name: text, keywords });

/** One text per phase: the rubric notes. */
const perPhase = z.strictObject(
  Object.fromEntries(PHASES.map((phase) => [phase, text])) as Record<Phase, typeof text>,
);

/** The hints per phase, given in order at each "?": one text, or a list of them. */
const hintList = z.union([text.transform((hint) => [hint]), z.array(text).min(1)]);
const hintsPerPhase = z.strictObject(
  Object.fromEntries(PHASES.map((phase) => [phase, hintList])) as Record<Phase, typeof hintList>,
);

const problemSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: text,
  level: z.enum(LEVELS),
  tags: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
  timebox_minutes: z.number().int().min(20).max(90),
  prompt: text,
  scale: z.strictObject({
    /** What the interviewer says when the candidate asks about scale. */
    summary: text,
    facts: z.array(text).min(2),
    /** The same scale as an estimate spec (snake_case keys of `mlops-design estimate --spec`). */
    numbers: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  key_areas: z.array(text).min(3),
  /** The archetype this problem is an instance of; its components are what a good answer names. */
  archetype: componentId.optional(),
  /** Or several, for a composed system (the first names a shared component). */
  archetypes: z.array(componentId).min(2).optional(),
  /** Which serving mode's components an ML archetype contributes (online unless said). */
  serving: z.enum(SERVING_MODES).default('online'),
  /** Components this problem adds to its archetype's. */
  components_extra: z.array(componentSchema).default([]),
  /** Archetype components this problem does not expect, by id. */
  components_skip: z.array(componentId).default([]),
  /** Only for a problem no archetype fits: its own list, and a comment in the file saying why. */
  components: z.array(componentSchema).optional(),
  rubric: perPhase,
  hints: hintsPerPhase,
});

type ProblemFile = z.output<typeof problemSchema>;

export type Problem = Omit<
  ProblemFile,
  'archetype' | 'archetypes' | 'serving' | 'components_extra' | 'components_skip' | 'components'
> & {
  /** The archetypes the components come from; empty when the problem lists its own. */
  readonly archetypes: readonly string[];
  /** What a good answer names: the archetypes' core and own components, plus extras, minus skips. */
  readonly components: readonly ProblemComponent[];
};

/**
 * Reads a problem and resolves its components against the archetype catalogue. An unknown
 * archetype, or an extra or skip that names nothing, is an error naming the file and the key.
 */
export function parseProblem(
  fileName: string,
  source: string,
  catalogue: readonly Archetype[],
): Result<Problem> {
  const parsed = parseYamlData(fileName, source, problemSchema);
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  if (`${file.id}.yaml` !== fileName.split('/').pop())
    return fail(`${fileName}: id "${file.id}" does not match the file name`);
  const {
    archetype,
    archetypes,
    serving,
    components_extra: extra,
    components_skip: skip,
    components: own,
    ...rest
  } = file;
  const resolved = resolveComponents({ archetype, archetypes, serving, extra, skip, own }, catalogue);
  if (!resolved.ok) return fail(`${fileName}: ${resolved.error}`);
  return ok({ ...rest, ...resolved.value });
}
