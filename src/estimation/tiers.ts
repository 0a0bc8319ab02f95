// 1x sizes of the stateful and connection tiers: connection gateways, stream brokers and
// partitions, partitioned stores, relational shards, search and vector indexes. Each count is
// rounded up and carries its calculation; capacities come from the dated throughput table, passed
// in by the caller. Pure: numbers in, numbers and text out.
import { calcBytes, calcNumber, calcRate } from './calc-text.js';
import { formatCount } from './format.js';
import { clean } from './numbers.js';
import {
  calcQuantity,
  copiesText,
  requireInputs,
  roundUpText,
  tierOf,
  tierProduct,
  unitsText,
  utilisationText,
  type Figure,
  type TierSize,
} from './tier-size.js';
import type { Bytes, BytesPerSecond, Fraction, PerSecond } from './units.js';

export interface ConnectionGatewayInput {
  readonly concurrentConnections: number;
  readonly connectionsPerHost: number;
  readonly utilisation: Fraction;
  /** Two by default: one host is a single point of failure for every connected client. */
  readonly minHosts?: number;
}

/** hosts = max(minHosts, ceil(connections / (per host x utilisation))). */
export function connectionGateway(input: ConnectionGatewayInput): TierSize {
  const { concurrentConnections: connections, connectionsPerHost: perHost, utilisation } = input;
  const minHosts = input.minHosts ?? 2;
  requireInputs('connectionGateway', {
    concurrentConnections: [connections, 'load'],
    connectionsPerHost: [perHost, 'capacity'],
    utilisation: [utilisation, 'fraction'],
    minHosts: [minHosts, 'count'],
  });
  return tierOf(
    `${calcQuantity(connections)} concurrent connections / (${calcQuantity(perHost)} per host x ${utilisationText(utilisation)})`,
    connections / clean(perHost * utilisation),
    minHosts,
    'host',
  );
}

export interface StreamBrokersInput {
  readonly peakMessagesPerSecond: PerSecond;
  readonly messageBytes: Bytes;
  /** Copies of each message (replication factor). */
  readonly replication: number;
  /** Replicated produce traffic one broker takes (leader and follower writes together). */
  readonly brokerBytesPerSecond: BytesPerSecond;
  readonly utilisation: Fraction;
  /** Messages one consumer of one partition processes a second. */
  readonly partitionMessagesPerSecond: PerSecond;
  /** Three by default: a replication factor of 3 needs three brokers. */
  readonly minBrokers?: number;
}

export interface StreamSize {
  /** Bytes per second written at peak, and replicated. */
  readonly replicatedBytesPerSecond: Figure;
  readonly brokers: TierSize;
  /** Partitions set the consumer parallelism: one partition has one consumer per group. */
  readonly partitions: TierSize;
}

export function streamBrokers(input: StreamBrokersInput): StreamSize {
  const { peakMessagesPerSecond: peak, messageBytes, replication, brokerBytesPerSecond: perBroker } = input;
  const { utilisation, partitionMessagesPerSecond: perPartition } = input;
  const minBrokers = input.minBrokers ?? 3;
  requireInputs('streamBrokers', {
    peakMessagesPerSecond: [peak, 'load'],
    messageBytes: [messageBytes, 'load'],
    replication: [replication, 'copies'],
    brokerBytesPerSecond: [perBroker, 'capacity'],
    utilisation: [utilisation, 'fraction'],
    partitionMessagesPerSecond: [perPartition, 'capacity'],
    minBrokers: [minBrokers, 'count'],
  });
  const written = clean(peak * messageBytes);
  const replicated = clean(written * replication);
  const bytesText = `${calcRate(peak)} peak x ${calcBytes(messageBytes)} = ${calcBytes(written)}/s written x ${calcNumber(replication)} replicas = ${calcBytes(replicated)}/s`;
  return {
    replicatedBytesPerSecond: {
      value: replicated,
      calculation: bytesText,
      result: `${calcBytes(replicated)}/s`,
    },
    brokers: tierOf(
      `${bytesText} replicated / (${calcBytes(perBroker)}/s per broker x ${utilisationText(utilisation)})`,
      replicated / clean(perBroker * utilisation),
      minBrokers,
      'broker',
    ),
    partitions: tierOf(
      `${calcRate(peak)} peak / ${calcRate(perPartition)} per partition consumer`,
      peak / perPartition,
      1,
      'partition',
    ),
  };
}

export interface PartitionedStoreInput {
  readonly peakWrites: PerSecond;
  readonly writesPerNode: PerSecond;
  /** Every copy of the data (replication included). */
  readonly bytesWithReplicas: Bytes;
  readonly bytesPerNode: Bytes;
  /** Three by default: a quorum of three replicas. */
  readonly minNodes?: number;
}

export interface StoreSize {
  /** ceil(peak writes / writes per node). */
  readonly byWrites: number;
  /** ceil(bytes / bytes per node). */
  readonly byBytes: number;
}

function byRatio(
  label: string,
  load: string,
  capacity: string,
  exact: number,
): { value: number; text: string } {
  const up = roundUpText(clean(exact));
  return { value: up.value, text: `by ${label}: ${load} / ${capacity} = ${up.text}` };
}

/**
 * nodes = max(minNodes, ceil(writes / per node), ceil(bytes with replicas / per node)): the same
 * figures as the datastore deep-dive's "max of 4 for ... writes, 1643 for ... with replicas, and 3
 * for quorum".
 */
export function partitionedStoreNodes(
  input: PartitionedStoreInput,
): StoreSize & { readonly nodes: TierSize } {
  const { peakWrites, writesPerNode, bytesWithReplicas, bytesPerNode } = input;
  const minNodes = input.minNodes ?? 3;
  requireInputs('partitionedStoreNodes', {
    peakWrites: [peakWrites, 'load'],
    writesPerNode: [writesPerNode, 'capacity'],
    bytesWithReplicas: [bytesWithReplicas, 'load'],
    bytesPerNode: [bytesPerNode, 'capacity'],
    minNodes: [minNodes, 'count'],
  });
  const writes = byRatio(
    'writes',
    calcRate(peakWrites),
    `${calcRate(writesPerNode)} per node`,
    peakWrites / writesPerNode,
  );
  const bytes = byRatio(
    'storage',
    `${calcBytes(bytesWithReplicas)} with replicas`,
    `${calcBytes(bytesPerNode)} per node`,
    bytesWithReplicas / bytesPerNode,
  );
  const nodes = Math.max(minNodes, writes.value, bytes.value);
  return {
    byWrites: writes.value,
    byBytes: bytes.value,
    nodes: tierProduct(
      `${writes.text}; ${bytes.text}; for quorum: ${formatCount(minNodes)}; max(${[writes.value, bytes.value, minNodes].map(formatCount).join(', ')})`,
      nodes,
      'node',
      bytesWithReplicas,
    ),
  };
}

export interface RelationalPrimariesInput {
  readonly peakWrites: PerSecond;
  readonly writesPerPrimary: PerSecond;
  /** One copy of the data, indexes included. */
  readonly bytesPerCopy: Bytes;
  readonly bytesPerPrimary: Bytes;
}

export interface RelationalSize extends StoreSize {
  readonly shards: TierSize;
  /** Each shard is a primary and a synchronous standby. */
  readonly instances: TierSize;
}

/** shards = max(1, ceil(writes / per primary), ceil(bytes per copy / per primary)); instances = 2 x shards. */
export function relationalPrimaries(input: RelationalPrimariesInput): RelationalSize {
  const { peakWrites, writesPerPrimary, bytesPerCopy, bytesPerPrimary } = input;
  requireInputs('relationalPrimaries', {
    peakWrites: [peakWrites, 'load'],
    writesPerPrimary: [writesPerPrimary, 'capacity'],
    bytesPerCopy: [bytesPerCopy, 'load'],
    bytesPerPrimary: [bytesPerPrimary, 'capacity'],
  });
  const writes = byRatio(
    'writes',
    calcRate(peakWrites),
    `${calcRate(writesPerPrimary)} per primary`,
    peakWrites / writesPerPrimary,
  );
  const bytes = byRatio(
    'storage',
    `${calcBytes(bytesPerCopy)} per copy`,
    `${calcBytes(bytesPerPrimary)} per primary`,
    bytesPerCopy / bytesPerPrimary,
  );
  const shards = Math.max(1, writes.value, bytes.value);
  return {
    byWrites: writes.value,
    byBytes: bytes.value,
    shards: tierProduct(
      `${writes.text}; ${bytes.text}; at least 1; max(${[writes.value, bytes.value, 1].map(formatCount).join(', ')})`,
      shards,
      'shard',
      bytesPerCopy,
    ),
    instances: tierProduct(
      `${unitsText(shards, 'shard')} x 2 (primary + synchronous standby)`,
      shards * 2,
      'instance',
      clean(bytesPerCopy * 2),
    ),
  };
}

export interface SearchIndexInput {
  readonly documents: number;
  readonly bytesPerDocument: Bytes;
  /** Index size over raw document size (inverted index, doc values, stored fields). */
  readonly indexOverhead: number;
  readonly shardBytes: Bytes;
  /** Replicas of each primary shard (1 = two copies). */
  readonly replicas: number;
  readonly peakQueries: PerSecond;
  readonly queriesPerReplicaShard: PerSecond;
  /** Shard copies one node holds; 1 by default, so a shard stays in the node's page cache. */
  readonly shardsPerNode?: number;
}

export interface SearchIndexSize {
  readonly indexBytes: Figure;
  readonly shards: TierSize;
  /** Copies of each shard: for redundancy (1 + replicas), or for the query rate, whichever is more. */
  readonly copiesPerShard: Figure;
  readonly nodes: TierSize;
}

/**
 * Every query fans out to one copy of every shard, so each shard needs enough copies for the whole
 * query rate; nodes = shards x copies per shard / shard copies per node.
 */
export function searchIndex(input: SearchIndexInput): SearchIndexSize {
  const { documents, bytesPerDocument, indexOverhead, shardBytes, replicas } = input;
  const { peakQueries, queriesPerReplicaShard: perCopy } = input;
  const shardsPerNode = input.shardsPerNode ?? 1;
  requireInputs('searchIndex', {
    documents: [documents, 'load'],
    bytesPerDocument: [bytesPerDocument, 'load'],
    indexOverhead: [indexOverhead, 'capacity'],
    shardBytes: [shardBytes, 'capacity'],
    replicas: [replicas, 'count'],
    peakQueries: [peakQueries, 'load'],
    queriesPerReplicaShard: [perCopy, 'capacity'],
    shardsPerNode: [shardsPerNode, 'capacity'],
  });
  const bytes = clean(documents * bytesPerDocument * indexOverhead);
  const indexText = `${calcQuantity(documents)} documents x ${calcBytes(bytesPerDocument)} x ${calcNumber(indexOverhead)} index overhead = ${calcBytes(bytes)}`;
  const shards = tierOf(
    `${indexText} / ${calcBytes(shardBytes)} per shard`,
    bytes / shardBytes,
    1,
    'shard',
    bytes,
  );
  const forLoad = roundUpText(clean(peakQueries / perCopy));
  const copies = Math.max(1 + replicas, forLoad.value);
  const copiesRule = `copies of each shard: max(1 primary + ${unitsText(replicas, 'replica')} = ${formatCount(1 + replicas)}, ${calcRate(peakQueries)} peak queries / ${calcRate(perCopy)} per shard copy = ${forLoad.text}) = ${formatCount(copies)}`;
  const total = shards.count * copies;
  return {
    indexBytes: { value: bytes, calculation: indexText, result: calcBytes(bytes) },
    shards,
    copiesPerShard: { value: copies, calculation: copiesRule, result: formatCount(copies) },
    nodes: tierOf(
      `${copiesRule}; ${unitsText(shards.count, 'shard')} x ${copiesText(copies)} = ${formatCount(total)} shard copies / ${calcNumber(shardsPerNode)} per node`,
      total / shardsPerNode,
      1,
      'node',
      clean(bytes * copies),
    ),
  };
}

export interface VectorIndexInput {
  readonly vectors: number;
  readonly dimensions: number;
  /** 4 for float32, 2 for float16, 1 for int8 quantisation. */
  readonly bytesPerDimension: Bytes;
  /** HNSW graph links and bookkeeping over the raw vectors; about 1.5. */
  readonly graphOverhead: number;
  readonly nodeMemoryBytes: Bytes;
  /** Copies of each shard of the index. */
  readonly replicas: number;
  /** Share of node memory the index may fill. */
  readonly utilisation: Fraction;
}

export interface VectorIndexSize {
  readonly indexBytes: Figure;
  /** Shards the index is split into so each fits one node's memory. */
  readonly shards: TierSize;
  readonly nodes: TierSize;
}

/** bytes = vectors x dimensions x bytes x overhead; nodes = ceil(bytes / (memory x utilisation)) x replicas. */
export function vectorIndex(input: VectorIndexInput): VectorIndexSize {
  const { vectors, dimensions, bytesPerDimension, graphOverhead, nodeMemoryBytes, replicas, utilisation } =
    input;
  requireInputs('vectorIndex', {
    vectors: [vectors, 'load'],
    dimensions: [dimensions, 'capacity'],
    bytesPerDimension: [bytesPerDimension, 'capacity'],
    graphOverhead: [graphOverhead, 'capacity'],
    nodeMemoryBytes: [nodeMemoryBytes, 'capacity'],
    replicas: [replicas, 'copies'],
    utilisation: [utilisation, 'fraction'],
  });
  const bytes = clean(vectors * dimensions * bytesPerDimension * graphOverhead);
  const indexText = `${calcQuantity(vectors)} vectors x ${calcQuantity(dimensions)} dimensions x ${calcBytes(bytesPerDimension)} x ${calcNumber(graphOverhead)} graph overhead = ${calcBytes(bytes)}`;
  const shards = tierOf(
    `${indexText} / (${calcBytes(nodeMemoryBytes)} per node x ${utilisationText(utilisation)})`,
    bytes / clean(nodeMemoryBytes * utilisation),
    1,
    'shard',
    bytes,
  );
  return {
    indexBytes: { value: bytes, calculation: indexText, result: calcBytes(bytes) },
    shards,
    nodes: tierProduct(
      `${unitsText(shards.count, 'shard')} x ${copiesText(replicas)}`,
      shards.count * replicas,
      'node',
      clean(bytes * replicas),
    ),
  };
}
