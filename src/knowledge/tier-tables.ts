/**
 * The capacities and prices the tier plan sizes and bills with, read from the dated tables
 * (references/numbers/throughput.yaml, cloud-prices.yaml, llm-serving.yaml). A generative model is
 * sized on the reference model nearest in parameters, at fp16 on an 80 GB A100: the decode row of
 * that pair gives the tokens per second and the batch one replica serves.
 */
import type { TierTables } from '../protocols/design/tier-rules.js';
import { decodeRow, type LlmServingTable, type ModelRow } from './llm-serving.js';
import type { Knowledge } from './load.js';

const GPU = 'a100-80gb';
const PRECISION = 'fp16';

function nearestModel(table: LlmServingTable, parameters: number): ModelRow {
  const models = Object.values(table.models);
  const distance = (row: ModelRow): number => Math.abs(Math.log(row.parameters / Math.max(1, parameters)));
  return models.reduce((best, row) => (distance(row) < distance(best) ? row : best));
}

function decodeFor(table: LlmServingTable, parameters: number): { tokens: number; batch: number } {
  const model = nearestModel(table, parameters);
  const row = decodeRow(table, model.id, PRECISION, GPU);
  if (!row)
    throw new Error(`references/numbers/llm-serving.yaml has no decode row ${model.id}.${PRECISION}.${GPU}`);
  return { tokens: row.outputTokensPerSecond, batch: row.batch };
}

export function tierTables(knowledge: Pick<Knowledge, 'prices' | 'throughput' | 'llmServing'>): TierTables {
  const { prices } = knowledge.prices;
  const { capacity } = knowledge.throughput;
  const table = knowledge.llmServing;
  const gpu = table.gpus[GPU];
  return {
    capacity,
    prices: {
      instanceHour: prices['compute.general-4vcpu'].usd,
      cacheNodeHour: prices['cache.node'].usd,
      blockGbMonth: prices['storage.block-ssd'].usd,
      objectGbMonth: prices['storage.object'].usd,
      queuePerMillion: prices['queue.requests'].usd,
      dated: knowledge.prices.updated,
    },
    llm: {
      gpu: { name: 'A100 80 GB', memoryBytes: gpu.memoryBytes, usdPerHour: prices[gpu.price].usd },
      bytesPerParameter: table.precisions[PRECISION].bytesPerParameter,
      precision: PRECISION,
      kvBytesPerToken: (parameters) => {
        const model = nearestModel(table, parameters);
        return (
          2 * model.layers * model.kvHeads * model.headDim * table.precisions[PRECISION].bytesPerParameter
        );
      },
      tokensPerSecond: (parameters) => decodeFor(table, parameters).tokens,
      concurrentSequences: (parameters) => decodeFor(table, parameters).batch,
    },
  };
}
