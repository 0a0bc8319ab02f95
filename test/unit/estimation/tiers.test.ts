// Tier sizing against figures computed by hand (each in the comment above its assertion), the
// minimums at zero load, very large loads, and calculation strings that hold their inputs and end
// with the result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectionGateway,
  partitionedStoreNodes,
  relationalPrimaries,
  searchIndex,
  streamBrokers,
  vectorIndex,
  type TierSize,
} from '../../../src/estimation/index.js';

/** Every count ends its calculation: "... = 667 hosts". */
function expectEndsWithResult(tier: TierSize): void {
  expect(tier.calculation.endsWith(`= ${tier.result}`), tier.calculation).toBe(true);
}

describe('connectionGateway', () => {
  it('divides connections by usable connections per host and rounds up', () => {
    // 40,000,000 / (100,000 x 0.6 = 60,000) = 666.67 -> 667 hosts
    const tier = connectionGateway({
      concurrentConnections: 40e6,
      connectionsPerHost: 100_000,
      utilisation: 0.6,
    });
    expect(tier).toEqual({
      count: 667,
      unit: 'host',
      calculation:
        '40M concurrent connections / (100,000 per host x 60% target utilisation) = 666.7, rounded up = 667 hosts',
      result: '667 hosts',
    });
  });

  it('keeps two hosts at no load and says so; an exact ratio is not "rounded up"', () => {
    // 0 / 60,000 = 0 -> at least 2
    expect(
      connectionGateway({ concurrentConnections: 0, connectionsPerHost: 100_000, utilisation: 0.6 }),
    ).toMatchObject({
      count: 2,
      calculation:
        '0 concurrent connections / (100,000 per host x 60% target utilisation) = 0, at least 2 = 2 hosts',
    });
    // 40 / 60,000 = 0.000667 -> 1 -> at least 2
    expect(
      connectionGateway({ concurrentConnections: 40, connectionsPerHost: 100_000, utilisation: 0.6 })
        .calculation,
    ).toBe(
      '40 concurrent connections / (100,000 per host x 60% target utilisation) = 0.0006667, rounded up = 1, at least 2 = 2 hosts',
    );
    // 300,000 / (100,000 x 1) = 3 exactly
    expect(
      connectionGateway({
        concurrentConnections: 300_000,
        connectionsPerHost: 100_000,
        utilisation: 1,
        minHosts: 1,
      }).calculation,
    ).toBe('300,000 concurrent connections / (100,000 per host x 100% target utilisation) = 3 hosts');
  });

  it('sizes a billion connections without losing a host to float noise', () => {
    // 1,000,000,000 / (100,000 x 0.5 = 50,000) = 20,000 exactly
    const tier = connectionGateway({
      concurrentConnections: 1e9,
      connectionsPerHost: 100_000,
      utilisation: 0.5,
    });
    expect(tier.count).toBe(20_000);
    expect(tier.result).toBe('20,000 hosts');
  });

  it('refuses a capacity of zero or a utilisation above 100% as a bug in the caller', () => {
    expect(() =>
      connectionGateway({ concurrentConnections: 1, connectionsPerHost: 0, utilisation: 0.6 }),
    ).toThrow('connectionGateway(): connectionsPerHost must be a finite number above 0, got 0');
    expect(() =>
      connectionGateway({ concurrentConnections: 1, connectionsPerHost: 10, utilisation: 1.5 }),
    ).toThrow(RangeError);
  });
});

/** 75 MB/s a broker at 60%, 5,000 messages/s a partition consumer, 3 replicas. */
const STREAM = {
  replication: 3,
  brokerBytesPerSecond: 75e6,
  utilisation: 0.6,
  partitionMessagesPerSecond: 5_000,
};

describe('streamBrokers', () => {
  it('sizes brokers from replicated bytes at peak and partitions from the consumer rate', () => {
    // 200,000/s x 1,000 B = 200 MB/s; x 3 replicas = 600 MB/s;
    // 600 / (75 x 0.6 = 45) = 13.33 -> 14 brokers. Partitions: 200,000 / 5,000 = 40.
    const size = streamBrokers({ ...STREAM, peakMessagesPerSecond: 200_000, messageBytes: 1_000 });
    expect(size.replicatedBytesPerSecond.value).toBe(600e6);
    expect(size.brokers.count).toBe(14);
    expect(size.brokers.calculation).toBe(
      '200,000/s peak x 1 KB = 200 MB/s written x 3 replicas = 600 MB/s replicated / (75 MB/s per broker x 60% target utilisation) = 13.33, rounded up = 14 brokers',
    );
    expect(size.partitions).toEqual({
      count: 40,
      unit: 'partition',
      calculation: '200,000/s peak / 5,000/s per partition consumer = 40 partitions',
      result: '40 partitions',
    });
  });

  it('keeps three brokers and one partition at no load', () => {
    const size = streamBrokers({ ...STREAM, peakMessagesPerSecond: 0, messageBytes: 500 });
    expect(size.brokers.count).toBe(3);
    expect(size.brokers.calculation).toMatch(/= 0, at least 3 = 3 brokers$/);
    expect(size.partitions.result).toBe('1 partition');
  });
});

describe('partitionedStoreNodes and relationalPrimaries', () => {
  it('a partitioned store: the largest of writes, bytes and quorum', () => {
    // writes 34,700 / 10,000 = 3.47 -> 4; bytes 3.285 PB / 2 TB = 1,642.5 -> 1,643; quorum 3
    const size = partitionedStoreNodes({
      peakWrites: 34_700,
      writesPerNode: 10_000,
      bytesWithReplicas: 3.285e15,
      bytesPerNode: 2e12,
    });
    expect([size.byWrites, size.byBytes, size.nodes.count]).toEqual([4, 1_643, 1_643]);
    expect(size.nodes.calculation).toBe(
      'by writes: 34,700/s / 10,000/s per node = 3.47, rounded up = 4; by storage: 3.285 PB with replicas / 2 TB per node = 1,642.5, rounded up = 1,643; for quorum: 3; max(4, 1,643, 3) = 1,643 nodes',
    );
    expect(size.nodes.bytes).toBe(3.285e15);
  });

  it('a relational database: shards from writes or bytes per copy, two instances a shard', () => {
    // writes 34,700 / 5,000 = 6.94 -> 7; bytes 913 GB / 5 TB = 0.1826 -> 1; shards 7, instances 14
    const size = relationalPrimaries({
      peakWrites: 34_700,
      writesPerPrimary: 5_000,
      bytesPerCopy: 913e9,
      bytesPerPrimary: 5e12,
    });
    expect(size.shards.count).toBe(7);
    expect(size.shards.calculation).toBe(
      'by writes: 34,700/s / 5,000/s per primary = 6.94, rounded up = 7; by storage: 913 GB per copy / 5 TB per primary = 0.1826, rounded up = 1; at least 1; max(7, 1, 1) = 7 shards',
    );
    expect(size.instances).toMatchObject({
      count: 14,
      calculation: '7 shards x 2 (primary + synchronous standby) = 14 instances',
      bytes: 1.826e12,
    });
    // No load still runs one primary and its standby.
    const idle = relationalPrimaries({
      peakWrites: 0,
      writesPerPrimary: 5_000,
      bytesPerCopy: 0,
      bytesPerPrimary: 5e12,
    });
    expect([idle.shards.count, idle.instances.count]).toEqual([1, 2]);
  });

  // The datastore deep-dive's 10x and 100x rows (test/e2e/__snapshots__), which it computes inline
  // today: these functions give the same counts, so it can call them.
  it.each([
    // [writes/s, bytes with replicas, by writes, by bytes, nodes]
    [9_260, 876e12, 1, 438, 438],
    [34_700, 3.285e15, 4, 1_643, 1_643],
    [92_600, 8.76e15, 10, 4_380, 4_380],
    [347_000, 32.85e15, 35, 16_425, 16_425],
  ])(
    'partitioned: %d writes/s, %d B -> %d, %d, %d nodes (deep-dive figures)',
    (writes, bytes, w, b, nodes) => {
      const size = partitionedStoreNodes({
        peakWrites: writes,
        writesPerNode: 10_000,
        bytesWithReplicas: bytes,
        bytesPerNode: 2e12,
      });
      expect([size.byWrites, size.byBytes, size.nodes.count]).toEqual([w, b, nodes]);
    },
  );

  it.each([
    // [writes/s, bytes per copy, by writes, by bytes, shards]
    [133, 2.1e12, 1, 1, 1],
    [347, 9.13e12, 1, 2, 2],
    [1_330, 21e12, 1, 5, 5],
    [3_470, 91.3e12, 1, 19, 19],
  ])(
    'relational: %d writes/s, %d B -> %d, %d, %d shards (deep-dive figures)',
    (writes, bytes, w, b, shards) => {
      const size = relationalPrimaries({
        peakWrites: writes,
        writesPerPrimary: 5_000,
        bytesPerCopy: bytes,
        bytesPerPrimary: 5e12,
      });
      expect([size.byWrites, size.byBytes, size.shards.count]).toEqual([w, b, shards]);
    },
  );

  it('matches the deep-dive rule max(3, ceil(writes / per node), ceil(bytes / per node)) on integer loads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1e15 }),
        (writes, bytes) => {
          const size = partitionedStoreNodes({
            peakWrites: writes,
            writesPerNode: 10_000,
            bytesWithReplicas: bytes,
            bytesPerNode: 2e12,
          });
          const inline = Math.max(3, Math.ceil(writes / 10_000), Math.ceil(bytes / 2e12));
          expect(size.nodes.count).toBe(inline);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('searchIndex', () => {
  it('sizes shards by bytes, copies by redundancy or query rate, and nodes from both', () => {
    // 100M x 2,000 B x 1.3 = 260 GB; / 30 GB = 8.67 -> 9 shards;
    // copies: max(1 + 1, 3,000 / 300 = 10) = 10; 9 x 10 = 90 shard copies, one per node = 90 nodes
    const size = searchIndex({
      documents: 100e6,
      bytesPerDocument: 2_000,
      indexOverhead: 1.3,
      shardBytes: 30e9,
      replicas: 1,
      peakQueries: 3_000,
      queriesPerReplicaShard: 300,
    });
    expect(size.indexBytes.value).toBe(260e9);
    expect(size.shards.calculation).toBe(
      '100M documents x 2 KB x 1.3 index overhead = 260 GB / 30 GB per shard = 8.667, rounded up = 9 shards',
    );
    expect(size.copiesPerShard.value).toBe(10);
    expect(size.nodes.count).toBe(90);
    expect(size.nodes.calculation).toBe(
      'copies of each shard: max(1 primary + 1 replica = 2, 3,000/s peak queries / 300/s per shard copy = 10) = 10; 9 shards x 10 copies = 90 shard copies / 1 per node = 90 nodes',
    );
  });

  it('a small, quiet index is one shard with its replica on two nodes; packed shards share nodes', () => {
    // 10,000 x 1 KB x 1.5 = 15 MB -> 1 shard; copies max(2, 10 / 300 -> 1) = 2 -> 2 nodes
    const small = searchIndex({
      documents: 10_000,
      bytesPerDocument: 1_000,
      indexOverhead: 1.5,
      shardBytes: 30e9,
      replicas: 1,
      peakQueries: 10,
      queriesPerReplicaShard: 300,
    });
    expect([small.shards.count, small.copiesPerShard.value, small.nodes.count]).toEqual([1, 2, 2]);
    // 9 shards x 2 copies = 18 shard copies / 4 per node = 4.5 -> 5 nodes
    const packed = searchIndex({
      documents: 100e6,
      bytesPerDocument: 2_000,
      indexOverhead: 1.3,
      shardBytes: 30e9,
      replicas: 1,
      peakQueries: 100,
      queriesPerReplicaShard: 300,
      shardsPerNode: 4,
    });
    expect(packed.nodes.count).toBe(5);
    expect(packed.nodes.calculation).toMatch(/= 18 shard copies \/ 4 per node = 4\.5, rounded up = 5 nodes$/);
  });
});

describe('vectorIndex', () => {
  it('holds vectors x dimensions x bytes x graph overhead in memory, in shards, times replicas', () => {
    // 10M x 768 x 4 B x 1.5 = 46.08 GB; / (64 GB x 0.7 = 44.8 GB) = 1.029 -> 2 shards; x 2 = 4 nodes
    const size = vectorIndex({
      vectors: 10e6,
      dimensions: 768,
      bytesPerDimension: 4,
      graphOverhead: 1.5,
      nodeMemoryBytes: 64e9,
      replicas: 2,
      utilisation: 0.7,
    });
    expect(size.indexBytes.value).toBe(46.08e9);
    expect(size.shards.calculation).toBe(
      '10M vectors x 768 dimensions x 4 B x 1.5 graph overhead = 46.08 GB / (64 GB per node x 70% target utilisation) = 1.029, rounded up = 2 shards',
    );
    expect(size.nodes).toMatchObject({
      count: 4,
      calculation: '2 shards x 2 copies = 4 nodes',
      bytes: 92.16e9,
    });
  });

  it('a billion vectors: 1e9 x 1,024 x 4 B x 1.5 = 6.144 TB / 44.8 GB = 137.14 -> 138 shards, x 3 = 414 nodes', () => {
    const size = vectorIndex({
      vectors: 1e9,
      dimensions: 1_024,
      bytesPerDimension: 4,
      graphOverhead: 1.5,
      nodeMemoryBytes: 64e9,
      replicas: 3,
      utilisation: 0.7,
    });
    expect([size.shards.count, size.nodes.count]).toEqual([138, 414]);
    expectEndsWithResult(size.nodes);
    expect(() => vectorIndex({ ...sizeInput(), replicas: 0 })).toThrow(
      /replicas must be a whole number of 1 or more/,
    );
  });
});

function sizeInput() {
  return {
    vectors: 1,
    dimensions: 1,
    bytesPerDimension: 4,
    graphOverhead: 1.5,
    nodeMemoryBytes: 64e9,
    replicas: 1,
    utilisation: 0.7,
  };
}

describe('every tier ends its calculation with its result', () => {
  it('across the functions in this file', () => {
    const tiers: TierSize[] = [
      connectionGateway({ concurrentConnections: 12_345, connectionsPerHost: 1_000, utilisation: 0.7 }),
      streamBrokers({ ...STREAM, peakMessagesPerSecond: 1e6, messageBytes: 250 }).brokers,
      relationalPrimaries({
        peakWrites: 1,
        writesPerPrimary: 5_000,
        bytesPerCopy: 1e9,
        bytesPerPrimary: 5e12,
      }).shards,
    ];
    for (const tier of tiers) expectEndsWithResult(tier);
  });
});
