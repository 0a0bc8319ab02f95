/** The estimation engine's reference data, taken from the dated tables under references/numbers/. */
import type { DefaultPrices, EngineTables } from '../estimation/spec-types.js';
import type { Knowledge } from './load.js';
import type { PriceTable } from './prices.js';

/** The engine's default prices; `storage` picks object storage (bulk data) or block storage (databases). */
export function defaultPrices(table: PriceTable, storage: 'object' | 'block' = 'object'): DefaultPrices {
  const { prices } = table;
  return {
    storagePerGbMonth: prices[storage === 'object' ? 'storage.object' : 'storage.block-ssd'].usd,
    egressPerGb: prices['network.egress'].usd,
    serverPerHour: prices['compute.general-4vcpu'].usd,
    gpuPerHour: prices['compute.gpu-a10g'].usd,
    source: `price table of ${table.updated}`,
  };
}

export function engineTables(knowledge: Pick<Knowledge, 'prices' | 'latencies'>): EngineTables {
  return { latencies: knowledge.latencies.rows, prices: defaultPrices(knowledge.prices) };
}
