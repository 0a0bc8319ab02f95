/** The estimation engine's reference data, taken from the dated tables under references/numbers/. */
import type { EngineTables } from '../estimation/spec-types.js';
import type { Knowledge } from './load.js';

export function engineTables(knowledge: Pick<Knowledge, 'prices' | 'latencies'>): EngineTables {
  const { prices } = knowledge.prices;
  return {
    latencies: knowledge.latencies.rows,
    prices: {
      // Object storage is the default home of bulk data in an estimate; block storage is priced in designs.
      storagePerGbMonth: prices['storage.object'].usd,
      egressPerGb: prices['network.egress'].usd,
      serverPerHour: prices['compute.general-4vcpu'].usd,
      gpuPerHour: prices['compute.gpu-a10g'].usd,
      source: `price table of ${knowledge.prices.updated}`,
    },
  };
}
