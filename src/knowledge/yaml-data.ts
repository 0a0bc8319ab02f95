/**
 * A YAML file of the knowledge base validated by a zod schema: the dated tables under
 * references/numbers/ (each row with the date it was checked) and the interview problem bank.
 * Reading, validating and the one-line error wording live here once; each file adds its own
 * cross-field checks.
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

export function parseYamlData<S extends z.ZodType>(
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
