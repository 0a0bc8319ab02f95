/**
 * The shared shape of the dated tables under references/numbers/: YAML with an `updated` date and
 * rows that each carry the date they were last checked. Each table adds its own row schema and
 * cross-row checks; reading, validating and the error wording live here once.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';
import { firstIssue } from '../lib/zod-issue.js';

/** A YYYY-MM-DD date; YAML reads an unquoted date as a Date, which becomes the same string. */
export const isoDate = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

export function parseDatedTable<S extends z.ZodType>(
  fileName: string,
  text: string,
  schema: S,
): Result<z.output<S>> {
  let data: unknown;
  try {
    data = parseYaml(sanitize(text));
  } catch (error) {
    return fail(`${fileName}: not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? ok(parsed.data) : fail(`${fileName}: ${firstIssue(parsed.error)}`);
}
