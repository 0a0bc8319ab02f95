/** The dated reference-latency table (references/numbers/latency.yaml), validated with zod. */
import { z } from 'zod';
import { isoDate, parseYamlData } from './yaml-data.js';
import type { ReferenceLatency } from '../estimation/spec-types.js';
import { fail, ok, type Result } from '../lib/result.js';

const tableSchema = z.strictObject({
  updated: isoDate,
  rows: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        description: z.string().min(1),
        ms: z.number().positive(),
        aliases: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).min(1),
        source: z.string().min(1),
        checked: isoDate,
      }),
    )
    .min(1),
});

export interface LatencyTable {
  readonly updated: string;
  readonly rows: readonly ReferenceLatency[];
}

export function parseLatencies(fileName: string, text: string): Result<LatencyTable> {
  const parsed = parseYamlData(fileName, text, tableSchema);
  if (!parsed.ok) return parsed;
  const seen = new Map<string, string>();
  for (const row of parsed.value.rows) {
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
    updated: parsed.value.updated,
    rows: parsed.value.rows.map(({ ms, ...row }) => ({ ...row, seconds: ms / 1000 })),
  });
}
