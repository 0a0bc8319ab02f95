/**
 * Flags, validated with zod at the boundary: one schema per command, and one way to report a bad
 * value (exit 64, one line naming the flag and what was expected). Commander only declares them.
 */
import { z } from 'zod';

// zod compiles a fast parser with new Function for each object schema on its first parse. A CLI
// parses each schema once or twice per process, so that compile is pure start-up cost.
z.config({ jitless: true });
import { usageError } from '../errors.js';
import { SCOPES, type Scope } from '../protocol/types.js';

/** A value from a closed list; the error names the list and what was given. */
export const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, {
    error: (issue) => `expected one of ${values.join(', ')}, got ${JSON.stringify(issue.input)}`,
  });

/** A flag that takes a value: never empty. */
export const flagValue = (expected: string) =>
  z.string({ error: `expected ${expected}` }).min(1, `expected ${expected}, got nothing`);

export const scopeFlag = oneOf(SCOPES as readonly [Scope, ...Scope[]]);

const globalSchema = z.object({
  out: flagValue('a directory'),
  force: z.boolean(),
  check: z.boolean(),
  copilot: oneOf(['offline', 'anthropic', 'replay']).optional(),
  model: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a model id like claude-sonnet-5-5')
    .optional(),
  record: flagValue('the path of a cassette to write').optional(),
  cassette: flagValue('the path of a cassette').optional(),
  json: z.boolean(),
  color: z.boolean(),
  quiet: z.boolean(),
  input: z.boolean(),
});

export type GlobalOptions = z.infer<typeof globalSchema>;

/** The flags every session command has (design, pipeline, interview). */
export const sessionFlags = z.object({
  answers: flagValue('the path of an answers file').optional(),
  /** false with --no-save. */
  save: z.boolean().default(true),
});
export type SessionFlags = z.infer<typeof sessionFlags>;

/** A protocol with decisions: --accept-recommended fills the ones an answers file leaves out. */
export const decidingFlags = sessionFlags.extend({ acceptRecommended: z.boolean().optional() });

/** A design's records: --adr, and --adr-dir (checked against --out before the first question). */
export const adrFlags = {
  adr: z.boolean().optional(),
  adrDir: flagValue('a folder inside --out').optional(),
};

const kebab = (key: PropertyKey): string =>
  String(key).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Parses a command's flags; a bad value is a usage error in one line: "--level: expected ...". */
export function parseFlags<T>(schema: z.ZodType<T>, raw: Readonly<Record<string, unknown>>): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = issue?.path[0];
  throw usageError(`${flag === undefined ? 'flags' : `--${kebab(flag)}`}: ${issue?.message ?? 'invalid'}`);
}

export function parseGlobalOptions(raw: Record<string, unknown>): GlobalOptions {
  return parseFlags(globalSchema, { color: true, input: true, check: false, ...raw });
}
