/**
 * The capacities and prices the tier plan sizes and bills with, read from the dated tables
 * (references/numbers/throughput.yaml, cloud-prices.yaml, llm-serving.yaml).
 */
import type { TierTables } from '../protocols/design/tier-rules.js';
import type { Knowledge } from './load.js';

export function tierTables(knowledge: Pick<Knowledge, 'prices' | 'throughput'>): TierTables {
  const { prices } = knowledge.prices;
  // PENDING-TABLE: these rows move to the dated tables when the sizing branch lands.
  const pending = {
    connectionsPerHost: 100_000,
    brokerBytesPerSecond: 75e6,
    searchShardBytes: 30e9,
    searchQueriesPerShard: 200,
    vectorNodeMemoryBytes: 26e9,
    embeddingItemsPerGpu: 500,
  };
  return {
    capacity: { ...knowledge.throughput.capacity, ...pending },
    prices: {
      instanceHour: prices['compute.general-4vcpu'].usd,
      cacheNodeHour: prices['cache.node'].usd,
      blockGbMonth: prices['storage.block-ssd'].usd,
      objectGbMonth: prices['storage.object'].usd,
      queuePerMillion: 0.4,
      dated: knowledge.prices.updated,
    },
    llm: {
      gpu: { name: 'A100 80 GB', memoryBytes: 80e9, usdPerHour: 4.1 },
      bytesPerParameter: 2,
      precision: 'fp16',
      kvBytesPerToken: (parameters) => (parameters > 30e9 ? 327_680 : parameters > 10e9 ? 819_200 : 131_072),
      tokensPerSecond: (parameters) => (parameters > 30e9 ? 1_500 : parameters > 10e9 ? 2_500 : 4_000),
      concurrentSequences: 16,
    },
  };
}
