/** The dated reference-latency table (references/numbers/latency.yaml), validated with zod. */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ReferenceLatency } from '../estimation/spec-types.js';
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';

const date = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
const tableSchema = z.strictObject({
  updated: date,
  rows: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        description: z.string().min(1),
        ms: z.number().positive(),
        aliases: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).min(1),
        source: z.string().min(1),
        checked: date,
      }),
    )
    .min(1),
});

export interface LatencyTable {
  readonly updated: string;
  readonly rows: readonly ReferenceLatency[];
}

export function parseLatencies(fileName: string, text: string): Result<LatencyTable> {
  const parsed = tableSchema.safeParse(parseYaml(sanitize(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${fileName}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Map<string, string>();
  for (const row of parsed.data.rows) {
    for (const alias of row.aliases) {
      const other = seen.get(alias);
      if (other)
        return fail(
          `${fileName}: alias "${alias}" is in both ${other} and ${row.id}; each alias names one row`,
        );
      seen.set(alias, row.id);
    }
  }
  return ok({
    updated: parsed.data.updated,
    rows: parsed.data.rows.map(({ ms, ...row }) => ({ ...row, seconds: ms / 1000 })),
  });
}
