/** The dated planning price table (references/numbers/cloud-prices.yaml), validated with zod. */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';

const PRICE_IDS = [
  'compute.general-4vcpu',
  'storage.block-ssd',
  'storage.object',
  'network.egress',
  'cache.node',
  'compute.gpu-a10g',
] as const;
export type PriceId = (typeof PRICE_IDS)[number];

const date = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
const tableSchema = z.strictObject({
  updated: date,
  rows: z.array(
    z.strictObject({
      id: z.enum(PRICE_IDS),
      description: z.string().min(1),
      usd: z.number().positive(),
      unit: z.string().min(1),
      source: z.string().min(1),
      checked: date,
    }),
  ),
});

export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly description: string;
  readonly source: string;
}
export interface PriceTable {
  readonly updated: string;
  readonly prices: Readonly<Record<PriceId, Price>>;
}

export function parsePrices(fileName: string, text: string): Result<PriceTable> {
  const parsed = tableSchema.safeParse(parseYaml(sanitize(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${fileName}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const prices = Object.fromEntries(parsed.data.rows.map((row) => [row.id, row]));
  const missing = PRICE_IDS.filter((id) => !(id in prices));
  if (missing.length > 0) return fail(`${fileName}: missing price rows ${missing.join(', ')}`);
  return ok({ updated: parsed.data.updated, prices: prices as unknown as Record<PriceId, Price> });
}
