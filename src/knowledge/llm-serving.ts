/**
 * The dated LLM-serving table (references/numbers/llm-serving.yaml), validated with zod: GPU
 * classes, precisions, reference model shapes and decode throughput, which the estimation engine's
 * llmServing() sizes GPU memory and replicas with. Prices stay in cloud-prices.yaml; a GPU row
 * names its price row.
 */
import { z } from 'zod';
import { isoDate, parseYamlData } from './yaml-data.js';
import { PRICE_IDS } from './prices.js';
import { fail, ok, type Result } from '../lib/result.js';

const GPU_IDS = ['a10g', 'l4', 'a100-80gb', 'h100-80gb'] as const;
const PRECISION_IDS = ['fp16', 'int8', 'int4'] as const;
const MODEL_IDS = ['llama-2-13b', 'llama-3-8b', 'llama-3-70b'] as const;
export type GpuId = (typeof GPU_IDS)[number];
export type PrecisionId = (typeof PRECISION_IDS)[number];
export type ModelId = (typeof MODEL_IDS)[number];

const dated = { source: z.string().min(1), checked: isoDate };
const whole = z.number().int().positive();

const tableSchema = z.strictObject({
  updated: isoDate,
  gpus: z.array(
    z.strictObject({
      id: z.enum(GPU_IDS),
      description: z.string().min(1),
      memoryBytes: z.number().positive(),
      price: z.enum(PRICE_IDS),
      ...dated,
    }),
  ),
  precisions: z.array(
    z.strictObject({ id: z.enum(PRECISION_IDS), bytesPerParameter: z.number().positive(), ...dated }),
  ),
  models: z.array(
    z.strictObject({
      id: z.enum(MODEL_IDS),
      description: z.string().min(1),
      parameters: z.number().positive(),
      layers: whole,
      kvHeads: whole,
      headDim: whole,
      ...dated,
    }),
  ),
  decode: z.array(
    z.strictObject({
      id: z.string().min(1),
      model: z.enum(MODEL_IDS),
      precision: z.enum(PRECISION_IDS),
      gpu: z.enum(GPU_IDS),
      gpusPerReplica: whole,
      batch: whole,
      outputTokensPerSecond: z.number().positive(),
      ...dated,
    }),
  ),
});

type Parsed = z.output<typeof tableSchema>;
/** A GPU class; `price` names its row in cloud-prices.yaml. */
export type GpuRow = Parsed['gpus'][number];
export type PrecisionRow = Parsed['precisions'][number];
export type ModelRow = Parsed['models'][number];
export type DecodeRow = Parsed['decode'][number];

export interface LlmServingTable {
  readonly updated: string;
  readonly gpus: Readonly<Record<GpuId, GpuRow>>;
  readonly precisions: Readonly<Record<PrecisionId, PrecisionRow>>;
  readonly models: Readonly<Record<ModelId, ModelRow>>;
  /** Aggregate output tokens/s of one replica, keyed "model.precision.gpu". */
  readonly decode: readonly DecodeRow[];
}

/** Rows keyed by id, each known id exactly once. */
function byId<Id extends string, Row extends { readonly id: Id }>(
  fileName: string,
  section: string,
  ids: readonly Id[],
  rows: readonly Row[],
): Result<Record<Id, Row>> {
  const found: Partial<Record<Id, Row>> = {};
  for (const row of rows) {
    if (found[row.id] !== undefined) return fail(`${fileName}: ${section} row ${row.id} appears twice`);
    found[row.id] = row;
  }
  const missing = ids.filter((id) => found[id] === undefined);
  if (missing.length > 0) return fail(`${fileName}: missing ${section} rows ${missing.join(', ')}`);
  return ok(found as Record<Id, Row>);
}

export function parseLlmServing(fileName: string, text: string): Result<LlmServingTable> {
  const parsed = parseYamlData(fileName, text, tableSchema);
  if (!parsed.ok) return parsed;
  const { updated, decode } = parsed.value;
  const gpus = byId(fileName, 'gpus', GPU_IDS, parsed.value.gpus);
  if (!gpus.ok) return gpus;
  const precisions = byId(fileName, 'precisions', PRECISION_IDS, parsed.value.precisions);
  if (!precisions.ok) return precisions;
  const models = byId(fileName, 'models', MODEL_IDS, parsed.value.models);
  if (!models.ok) return models;
  const seen = new Set<string>();
  for (const row of decode) {
    const expected = `${row.model}.${row.precision}.${row.gpu}`;
    if (row.id !== expected)
      return fail(`${fileName}: decode row ${row.id} should have the id ${expected} (model.precision.gpu)`);
    if (seen.has(row.id)) return fail(`${fileName}: decode row ${row.id} appears twice`);
    seen.add(row.id);
  }
  return ok({ updated, gpus: gpus.value, precisions: precisions.value, models: models.value, decode });
}

/** The decode row for a model at a precision on a GPU class, if the table has one. */
export function decodeRow(
  table: LlmServingTable,
  model: ModelId,
  precision: PrecisionId,
  gpu: GpuId,
): DecodeRow | undefined {
  return table.decode.find((row) => row.id === `${model}.${precision}.${gpu}`);
}
