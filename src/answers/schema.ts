/**
 * The answers file: a scripted session. Parsed safely (YAML 1.2 core schema, or JSON) and
 * validated strictly: unknown keys are errors, never ignored.
 */
import { z } from 'zod';
import { PROTOCOL_NAMES } from '../cli/registry.js';
import { sanitize } from '../lib/sanitize.js';
import { SCOPES } from '../protocol/types.js';

/** Scalars are accepted as written (YAML turns 3 into a number, `yes` stays a string in YAML 1.2). */
const scalar = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => sanitize(typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)));
export const answerValueSchema = z.union([scalar, z.array(scalar).min(1)]);

export const answersFileSchema = z.strictObject({
  version: z.literal(1),
  command: z.enum(PROTOCOL_NAMES).optional(),
  title: z.string().transform(sanitize).pipe(z.string().trim().min(1).max(80)),
  scope: z.enum(SCOPES as unknown as [string, ...string[]]).optional(),
  answers: z.record(z.string(), answerValueSchema),
  followups: z.record(z.string(), answerValueSchema).optional(),
});

export type AnswersFile = z.infer<typeof answersFileSchema>;
export const TOP_LEVEL_KEYS = Object.keys(answersFileSchema.shape);
