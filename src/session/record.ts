/**
 * A saved session: a versioned, zod-validated record of everything a person answered, so a session
 * can be resumed at the exact question where it stopped, with any co-pilot.
 */
import { z } from 'zod';
import type { SessionState } from '../protocol/types.js';
import { SCOPES } from '../protocol/types.js';

export const SESSION_SCHEMA = 'mlops-design/session';
export const SESSION_VERSION = 1;

const raw = z.union([z.string(), z.array(z.string())]);
const option = z.strictObject({
  key: z.enum(['A', 'B']),
  label: z.string(),
  summary: z.string(),
  pros: z.array(z.string()),
  cons: z.array(z.string()),
});
const stateSchema = z.strictObject({
  version: z.literal(1),
  protocol: z.string().min(1),
  title: z.string(),
  scope: z.enum(SCOPES as unknown as [string, ...string[]]),
  context: z.array(z.strictObject({ name: z.string(), text: z.string() })),
  answers: z.record(
    z.string(),
    z.strictObject({
      raw,
      value: z.unknown().optional(),
      pushBack: z.string().optional(),
      askedAgain: z.string().optional(),
      seconds: z.number().nonnegative().optional(),
    }),
  ),
  decisions: z.record(
    z.string(),
    z.strictObject({
      proposal: z.strictObject({
        explain: z.string(),
        options: z.tuple([option, option]),
        position: z.string(),
        detail: z.string(),
      }),
      choice: z.enum(['A', 'B', 'other']),
      chosen: z.string(),
      detailShown: z.boolean(),
      report: z.string(),
    }),
  ),
  drafts: z.record(z.string(), z.unknown()),
});

export const sessionRecordSchema = z.strictObject({
  schema: z.literal(SESSION_SCHEMA),
  version: z.literal(SESSION_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  command: z.enum(['design', 'pipeline', 'interview']),
  createdAt: z.string(),
  updatedAt: z.string(),
  finished: z.boolean(),
  /** Where the document goes when the session finishes (resolved when it started). */
  out: z.string(),
  /** The step the session is waiting on, for `sessions` ("high-level.cache"), or "approval". */
  position: z.string(),
  state: stateSchema,
});

export type SessionRecord = Omit<z.infer<typeof sessionRecordSchema>, 'state'> & {
  readonly state: SessionState;
};
