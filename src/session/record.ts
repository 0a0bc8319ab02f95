/**
 * A saved session: a versioned, zod-validated record of everything a person answered, so a session
 * can be resumed at the exact question where it stopped, with any co-pilot.
 */
import { z } from 'zod';
import { PROTOCOL_NAMES } from '../cli/registry.js';
import type { SessionState } from '../protocol/types.js';
import { SCOPES } from '../protocol/types.js';

export const SESSION_SCHEMA = 'mlops-design/session';
export const SESSION_VERSION = 2 as const;

const raw = z.union([z.string(), z.array(z.string())]);
const items = z.array(z.string()).optional();
const option = z.strictObject({
  key: z.enum(['A', 'B']),
  value: z.string().min(1),
  items,
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
      read: z.string().optional(),
      prefilledFrom: z.string().optional(),
      helpShown: z.number().int().nonnegative().optional(),
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
      value: z.string().min(1),
      items,
      source: z.enum(['option', 'words', 'default']),
      key: z.enum(['A', 'B']).optional(),
      label: z.string(),
      words: z.string().optional(),
      detailShown: z.boolean(),
      report: z.string(),
    }),
  ),
  // Drafts and derived results are made again on resume: a record keeps what the person gave. Files
  // have always held an empty object here; it is kept so older versions can read newer files.
  drafts: z.record(z.string(), z.unknown()),
});

const recordFields = {
  schema: z.literal(SESSION_SCHEMA),
  id: z.string().regex(/^[a-z0-9-]+$/),
  command: z.enum(PROTOCOL_NAMES),
  createdAt: z.string(),
  updatedAt: z.string(),
  finished: z.boolean(),
  /** Where the document goes when the session finishes (resolved when it started). */
  out: z.string(),
  /** The step the session is waiting on, for `sessions` ("high-level.cache"), or "approval". */
  position: z.string(),
};

/**
 * Version 1 recorded a decision as "A", "B" or words, with labels but no values. Its answers load as
 * they are; its decisions are asked again on resume, because the values they stood for were never
 * recorded and reading them back from old labels could misread them.
 */
const version1 = z
  .strictObject({
    ...recordFields,
    version: z.literal(1),
    state: stateSchema.extend({ decisions: z.record(z.string(), z.unknown()) }),
  })
  .transform((record) => ({
    ...record,
    version: SESSION_VERSION,
    state: { ...record.state, decisions: {} },
  }));

export const sessionRecordSchema = z.strictObject({
  ...recordFields,
  version: z.literal(SESSION_VERSION),
  state: stateSchema,
});

/** A saved record of this version, or of version 1 brought up to it; errors name the key at fault. */
export function parseSessionRecord(data: unknown): z.ZodSafeParseResult<z.infer<typeof sessionRecordSchema>> {
  const old = typeof data === 'object' && data !== null && (data as { version?: unknown }).version === 1;
  return old ? version1.safeParse(data) : sessionRecordSchema.safeParse(data);
}

/** In a record, a session's state is what the person gave: no drafts, no derived results. */
export type SavedState = Omit<SessionState, 'derived'>;

export type SessionRecord = Omit<z.infer<typeof sessionRecordSchema>, 'state'> & {
  readonly state: SavedState;
};

/** The state a record holds: the person's answers and decisions, without anything made from them. */
export function savedState(state: SessionState): SavedState {
  const { version, protocol, title, scope, context, answers, decisions } = state;
  return { version, protocol, title, scope, context, answers, decisions, drafts: {} };
}

/** A saved state, ready to run again: what was made from it is made again. */
export function resumedState(saved: SavedState): SessionState {
  return { ...saved, drafts: {}, derived: {} };
}
