/**
 * The dated throughput-per-component table (references/numbers/throughput.yaml), validated with zod:
 * the planning capacity of each tier that the design co-pilot sizes designs with.
 */
import { z } from 'zod';
import { isoDate, parseYamlData } from './yaml-data.js';
import { fail, ok, type Result } from '../lib/result.js';

type Unit = 'per-second' | 'bytes' | 'bytes-per-second' | 'count';

/** Each row the co-pilot reads, with the unit it expects and the name it uses for it. */
const ROWS = {
  'relational-primary.writes': ['per-second', 'relationalPrimaryWritesPerSecond'],
  'relational-primary.storage': ['bytes', 'relationalPrimaryBytes'],
  'partitioned-node.writes': ['per-second', 'partitionedNodeWritesPerSecond'],
  'partitioned-node.storage': ['bytes', 'partitionedNodeBytes'],
  'app-server.requests': ['per-second', 'appServerRequestsPerSecond'],
  'model-server-cpu.requests': ['per-second', 'modelServerRequestsPerSecond'],
  'cache-node.ops': ['per-second', 'cacheNodeOpsPerSecond'],
  'cache-node.memory': ['bytes', 'cacheNodeBytes'],
  'log-partition.bytes': ['bytes-per-second', 'logPartitionBytesPerSecond'],
  'log-partition.events': ['per-second', 'logPartitionEventsPerSecond'],
  'batch-worker.records': ['per-second', 'batchWorkerRecordsPerSecond'],
  'object-storage-prefix.writes': ['per-second', 'objectPrefixWritesPerSecond'],
  'object-storage-prefix.reads': ['per-second', 'objectPrefixReadsPerSecond'],
  'connection-gateway.connections': ['count', 'gatewayConnectionsPerHost'],
  'stream-broker.bytes': ['bytes-per-second', 'streamBrokerBytesPerSecond'],
  'search-shard.storage': ['bytes', 'searchShardBytes'],
  'search-shard.queries': ['per-second', 'searchShardQueriesPerSecond'],
  'vector-node.memory': ['bytes', 'vectorNodeBytes'],
  'embedding-gpu.items': ['per-second', 'embeddingGpuItemsPerSecond'],
} as const satisfies Record<string, readonly [Unit, string]>;

type RowId = keyof typeof ROWS;
const ROW_IDS = Object.keys(ROWS) as [RowId, ...RowId[]];

/** Planning capacity of one node (or instance, shard, partition, prefix) of each component type. */
export type Capacity = { readonly [Id in RowId as (typeof ROWS)[Id][1]]: number };

const tableSchema = z.strictObject({
  updated: isoDate,
  rows: z.array(
    z.strictObject({
      id: z.enum(ROW_IDS),
      description: z.string().min(1),
      value: z.number().positive(),
      unit: z.enum(['per-second', 'bytes', 'bytes-per-second', 'count']),
      source: z.string().min(1),
      checked: isoDate,
    }),
  ),
});

export interface ThroughputRow {
  readonly id: string;
  readonly description: string;
  readonly value: number;
  readonly unit: Unit;
  readonly source: string;
  readonly checked: string;
}

export interface ThroughputTable {
  readonly updated: string;
  readonly rows: readonly ThroughputRow[];
  readonly capacity: Capacity;
}

export function parseThroughput(fileName: string, text: string): Result<ThroughputTable> {
  const parsed = parseYamlData(fileName, text, tableSchema);
  if (!parsed.ok) return parsed;
  const { rows } = parsed.value;
  const capacity: Record<string, number> = {};
  for (const row of rows) {
    const [unit, name] = ROWS[row.id];
    if (name in capacity) return fail(`${fileName}: row ${row.id} appears twice`);
    if (row.unit !== unit)
      return fail(`${fileName}: row ${row.id} has unit "${row.unit}", expected "${unit}"`);
    capacity[name] = row.value;
  }
  const missing = ROW_IDS.filter((id) => !(ROWS[id][1] in capacity));
  if (missing.length > 0) return fail(`${fileName}: missing throughput rows ${missing.join(', ')}`);
  return ok({ updated: parsed.value.updated, rows, capacity: capacity as Capacity });
}
