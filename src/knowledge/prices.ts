/** The dated planning price table (references/numbers/cloud-prices.yaml), validated with zod. */
import { z } from 'zod';
import { isoDate, parseYamlData } from './yaml-data.js';
import { fail, ok, type Result } from '../lib/result.js';

export const PRICE_IDS = [
  'compute.general-4vcpu',
  'storage.block-ssd',
  'storage.object',
  'network.egress',
  'cache.node',
  'compute.gpu-a10g',
  'compute.gpu-l4',
  'compute.gpu-a100',
  'compute.gpu-h100',
  'queue.requests',
] as const;
export type PriceId = (typeof PRICE_IDS)[number];

const tableSchema = z.strictObject({
  updated: isoDate,
  rows: z.array(
    z.strictObject({
      id: z.enum(PRICE_IDS),
      description: z.string().min(1),
      usd: z.number().positive(),
      unit: z.string().min(1),
      source: z.string().min(1),
      checked: isoDate,
    }),
  ),
});

export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly description: string;
  readonly source: string;
  readonly checked: string;
}
export interface PriceTable {
  readonly updated: string;
  readonly prices: Readonly<Record<PriceId, Price>>;
}

export function parsePrices(fileName: string, text: string): Result<PriceTable> {
  const parsed = parseYamlData(fileName, text, tableSchema);
  if (!parsed.ok) return parsed;
  const prices = Object.fromEntries(parsed.value.rows.map((row) => [row.id, row]));
  const missing = PRICE_IDS.filter((id) => !(id in prices));
  if (missing.length > 0) return fail(`${fileName}: missing price rows ${missing.join(', ')}`);
  return ok({ updated: parsed.value.updated, prices: prices as unknown as Record<PriceId, Price> });
}
