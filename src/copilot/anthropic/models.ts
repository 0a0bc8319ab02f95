/** The dated model table (references/numbers/anthropic.yaml): the default model and list prices. */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Result } from '../../lib/result.js';
import { sanitize } from '../../lib/sanitize.js';

const date = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
const tableSchema = z.strictObject({
  updated: date,
  default_model: z.string().min(1),
  deprecated: z.array(z.string()),
  prices: z.array(
    z.strictObject({
      model: z.string().min(1),
      input: z.number().nonnegative(),
      cache_write: z.number().nonnegative(),
      cache_read: z.number().nonnegative(),
      output: z.number().nonnegative(),
      source: z.string().min(1),
      checked: date,
    }),
  ),
});

export type ModelTable = z.infer<typeof tableSchema>;
export type ModelPrice = ModelTable['prices'][number];

export function parseModelTable(fileName: string, text: string): Result<ModelTable> {
  const parsed = tableSchema.safeParse(parseYaml(sanitize(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${fileName}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  if (parsed.data.deprecated.includes(parsed.data.default_model)) {
    return fail(`${fileName}: default_model ${parsed.data.default_model} is listed as deprecated`);
  }
  return ok(parsed.data);
}

export function priceOf(table: ModelTable, model: string): ModelPrice | undefined {
  return table.prices.find((row) => row.model === model);
}
