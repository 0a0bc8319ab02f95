/** The dated model table (references/numbers/anthropic.yaml): the default model and list prices. */
import { z } from 'zod';
import { isoDate, parseYamlData } from '../../knowledge/yaml-data.js';
import { fail, ok, type Result } from '../../lib/result.js';

const tableSchema = z.strictObject({
  updated: isoDate,
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
      checked: isoDate,
    }),
  ),
});

export type ModelTable = z.infer<typeof tableSchema>;
export type ModelPrice = ModelTable['prices'][number];

export function parseModelTable(fileName: string, text: string): Result<ModelTable> {
  const parsed = parseYamlData(fileName, text, tableSchema);
  if (!parsed.ok) return parsed;
  if (parsed.value.deprecated.includes(parsed.value.default_model)) {
    return fail(`${fileName}: default_model ${parsed.value.default_model} is listed as deprecated`);
  }
  return ok(parsed.value);
}

export function priceOf(table: ModelTable, model: string): ModelPrice | undefined {
  return table.prices.find((row) => row.model === model);
}
