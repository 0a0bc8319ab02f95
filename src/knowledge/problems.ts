/**
 * The interview problem bank (references/problems/*.yaml), validated with zod. Each problem carries
 * what the interviewer reveals only when asked (the scale, and its numbers in the estimation
 * engine's spec form, so a candidate's figures can be checked), the components a good answer
 * includes, and rubric notes per dimension.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result.js';
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

/** One text per phase: the rubric notes, the hints. */
const perPhase = z.strictObject(
  Object.fromEntries(PHASES.map((phase) => [phase, text])) as Record<Phase, typeof text>,
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
  components: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), name: text, keywords }))
    .min(4),
  rubric: perPhase,
  hints: perPhase,
});

export type Problem = z.output<typeof problemSchema>;

export function parseProblem(fileName: string, source: string): Result<Problem> {
  const parsed = parseYamlData(fileName, source, problemSchema);
  if (!parsed.ok) return parsed;
  const problem = parsed.value;
  if (`${problem.id}.yaml` !== fileName.split('/').pop())
    return fail(`${fileName}: id "${problem.id}" does not match the file name`);
  const ids = problem.components.map((component) => component.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice) return fail(`${fileName}: component "${twice}" is listed twice`);
  return ok(problem);
}
