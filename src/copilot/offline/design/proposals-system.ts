/**
 * Proposals for the decisions every design makes: how to deploy the code, where the data lives,
 * whether reads go through a cache, and whether writes go through a queue.
 */
import { formatBytes, formatRate } from '../../../estimation/index.js';
import { appServers, instancesText, option, type Builder } from './proposal-kit.js';
import { ratioText } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';

export const architecture: Builder = (s) => {
  const fleet = appServers(s);
  const big = s.peakQps > 20_000;
  return {
    explain:
      'How the code is split into deployable units decides how fast the team ships and what fails together. ' +
      'Service boundaries are expensive to move later, so they should follow a real boundary: a team, a scaling profile or a release cadence.',
    options: [
      option(
        'A',
        'modular-monolith',
        'Modular monolith, stateless and horizontally scaled',
        `One deployable with clear internal modules behind a load balancer: ${instancesText(fleet.servers)} at ${formatRate(s.peakQps)} peak (${fleet.calculation}).`,
        [
          'one deploy, one set of dashboards',
          'in-process calls: no network hop in the latency budget',
          'modules can be extracted later along proven seams',
        ],
        ['one bad release affects every feature', 'all modules share one scaling profile'],
      ),
      option(
        'B',
        'microservices',
        'Microservices from the start',
        'A service per business capability, each with its own datastore and deploy pipeline.',
        ['independent deploys per team', 'each service scales on its own'],
        [
          'network calls, retries and partial failures between every pair of services',
          'distributed tracing, service discovery and contract testing are needed on day one',
          'boundaries drawn before the domain is understood are usually wrong',
        ],
      ),
    ],
    position: big
      ? `Option A, with the read path deployed as its own scaling group: at ${s.show.peakQps} the read and write paths scale differently, but that is a deployment split of one codebase, not a reason for a service mesh.`
      : `Option A. At ${s.show.peakQps} this is ${instancesText(fleet.servers)} of one program; splitting it into services adds network hops and failure modes without removing a bottleneck.`,
    detail:
      'Extract a service only when one of three boundaries exists: a team boundary (another team owns and releases it), a scaling boundary ' +
      '(it needs 10x the instances of the rest, or a GPU), or a deployment boundary (it must release on a different cadence or with different risk). ' +
      'Until then keep modules behind interfaces inside one process so the later extraction is a move, not a rewrite.',
  };
};

export const datastore: Builder = (s) => {
  const bigWrites = s.peakWrites > s.capacity.relationalPrimaryWritesPerSecond;
  const bigData = s.databaseBytes > s.capacity.relationalPrimaryBytes;
  const blobNote = s.blobs
    ? ` Payloads (${formatBytes(s.writeSize)} each, ${s.show.storagePerCopy} over the retention period) go to object storage, which is built for that volume at a quarter of the price of database disks; the database keeps metadata and the object key (about ${formatBytes(T.metadataBytesPerRecord)} a record).`
    : '';
  const numbers = `${s.show.peakWrites} and ${s.show.databaseBytes} per copy over the retention period${s.blobs ? ' (metadata only)' : ''}`;
  if (!bigWrites && !bigData) {
    return {
      explain: `The system of record holds every write for the retention period: ${numbers}. The choice sets the consistency you can offer and the operational work for years.${blobNote}`,
      options: [
        option(
          'A',
          'relational',
          'PostgreSQL: one primary, a synchronous standby, read replicas as needed',
          `A single relational primary comfortably handles ${numbers}; a standby in another zone takes over on failure.`,
          [
            'transactions, constraints and secondary indexes',
            'one place of truth: strong consistency is free',
            'mature backups and point-in-time recovery',
          ],
          [
            'vertical scaling has a ceiling (roughly 5K writes/s and a few TB for a primary)',
            'failover takes 30-60 s unless automated carefully',
          ],
        ),
        option(
          'B',
          'key-value',
          'A managed key-value store (DynamoDB-style)',
          'Partitioned by key, scales writes horizontally, pay per request.',
          ['no capacity planning for writes', 'multi-zone replication built in'],
          [
            'queries beyond the key need secondary indexes planned up front',
            'no joins or multi-record transactions to lean on',
          ],
        ),
      ],
      position: `Option A. ${numbers[0]?.toUpperCase() ?? ''}${numbers.slice(1)} is well inside one PostgreSQL primary (planning limit ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)} writes, ${formatBytes(s.capacity.relationalPrimaryBytes)}); sharding now would buy capacity you will not use for years and cost you transactions.`,
      detail:
        'Put the primary and a synchronous standby in two zones; add asynchronous read replicas only when read load or analytics needs them. Index the access key, keep rows narrow, and plan schema changes as expand/contract so deploys never lock a hot table.',
    };
  }
  const why = bigWrites
    ? `${s.show.peakWrites} exceeds what one primary sustains (about ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)})`
    : `${s.show.databaseBytes} per copy exceeds what one primary should hold (about ${formatBytes(s.capacity.relationalPrimaryBytes)})`;
  if (s.strong) {
    return {
      explain: `The system of record must take ${numbers}, and reads must be strongly consistent. One node cannot hold it.${blobNote}`,
      options: [
        option(
          'A',
          'relational-sharded',
          `PostgreSQL sharded by ${s.partitionKey}`,
          'Many primaries, each owning a range or hash of keys, each with a synchronous standby.',
          ['strong consistency and transactions within a key', 'familiar tooling per shard'],
          ['cross-shard queries and transactions need application work', 'resharding is a planned project'],
        ),
        option(
          'B',
          'distributed-sql',
          'A distributed SQL database (Spanner, CockroachDB style)',
          'Automatic sharding with consensus replication and serialisable transactions across keys.',
          ['cross-key transactions', 'rebalancing is automatic'],
          [
            'every write pays a consensus round trip (several ms within a region)',
            'cost and operational novelty',
          ],
        ),
      ],
      position: `Option A: ${why}, and strong consistency is needed per ${s.partitionKey}, which sharding by that key preserves without paying consensus latency on every write.`,
      detail:
        'Hash the access key into many more logical shards than machines (e.g. 4,096 logical on 16 physical) so moving load means moving logical shards, not re-hashing data. Route with a small shard map cached in every app instance.',
    };
  }
  return {
    explain: `The system of record must take ${numbers}. That is past a single primary, and the requirements tolerate eventual consistency.${blobNote}`,
    options: [
      option(
        'A',
        'wide-column',
        `A wide-column or key-value store partitioned by ${s.partitionKey} (Cassandra, ScyllaDB or DynamoDB)`,
        'Leaderless or per-partition replication; writes scale by adding nodes.',
        [
          'linear write scaling',
          'multi-zone replication with tunable consistency',
          'no single primary to fail over',
        ],
        [
          'queries must be designed per access pattern',
          'no multi-key transactions; idempotent writes required',
        ],
      ),
      option(
        'B',
        'relational-sharded',
        `PostgreSQL sharded by ${s.partitionKey}`,
        'Application-level or Citus-style sharding of a relational store.',
        ['SQL and transactions within a shard', 'familiar operations'],
        ['resharding and cross-shard queries are manual work', 'each shard still needs its own failover'],
      ),
    ],
    position: `Option A: ${why}, and with eventual consistency allowed a partitioned store spreads that load across nodes without a primary bottleneck.`,
    detail: `Design the table around the read: partition by ${s.partitionKey}, cluster by time if reads are "newest first". Replication factor 3 with quorum writes (2 of 3) survives a node loss without losing acknowledged writes.`,
  };
};

/**
 * A hot set over a terabyte of whole responses usually means the cached unit is too big: responses
 * assembled from many records (a feed page) repeat the same records across users. Caching the
 * records and the per-key id lists instead shrinks it to about records x their own size.
 */
function itemCacheNote(s: Parameters<Builder>[0]): string {
  if (s.cacheBytes < 1e12 || s.readSize < s.writeSize * 5) return '';
  const itemHotSet = s.cacheBytes * (s.writeSize / s.readSize);
  return ` That is a lot of memory for copies of ${formatBytes(s.readSize)} responses that repeat the same ${formatBytes(s.writeSize)} records: cache the records and a short id list per ${s.partitionKey} instead, and assemble responses from them; the same 80/20 estimate then needs about ${formatBytes(itemHotSet)} plus the id lists.`;
}

export const cache: Builder = (s) => {
  const worth = s.readRatio >= T.cacheReadRatio || s.peakReads >= T.cacheReadsPerSecond;
  const memory = `${s.show.cacheBytes} (20% of a day's reads, the 80/20 rule)`;
  const ttl = s.answers.consistency?.stalenessSeconds;
  const ttlText =
    ttl === undefined
      ? 'a TTL matched to the staleness you allow'
      : `a TTL of at most ${ttl} s, the staleness you allow`;
  const useCache = option(
    'A',
    'cache-aside',
    'Cache-aside with Redis in front of the datastore',
    `Reads check the cache first; misses read the datastore and fill it, with ${ttlText}. Memory: ${memory}.`,
    ['absorbs the hot 20% of keys that draw most reads', 'cuts read latency to about 1 ms for hits'],
    [
      'invalidation: a write must delete the cached entry',
      'a cold or failed cache sends the full read load to the datastore',
    ],
  );
  const noCache = option(
    'B',
    'none',
    'No cache: serve reads from the datastore (and replicas)',
    'Every read goes to the system of record or a read replica.',
    ['no invalidation bugs; reads are always as fresh as the datastore', 'one less system to run'],
    ['read load and latency grow with traffic'],
  );
  if (worth) {
    return {
      explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache keeps the hot keys in memory so the datastore sees only misses.`,
      options: [useCache, { ...noCache, key: 'B' }],
      position:
        `Option A: at ${ratioText(s.readRatio)} reads per write and ${s.show.peakReads} a cache hit rate of 80-90% removes most of the datastore's load. ${itemCacheNote(s) ? `Cache records, not whole responses: ${s.show.cacheBytes} of responses shrinks to about ${formatBytes(s.cacheBytes * (s.writeSize / s.readSize))} of records (C for the detail). ` : ''}${s.strong ? 'Because reads must be strongly consistent, invalidate on write and keep the TTL short; serve reads that must be current from the primary.' : ''}`.trim(),
      detail: `Size: ${memory}; at about 70% memory utilisation that is ${formatBytes(s.cacheBytes / 0.7)} of Redis.${itemCacheNote(s)} Protect the datastore from a stampede when a hot key expires: one request refreshes while others serve the stale value (request coalescing).`,
    };
  }
  return {
    explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache only pays when the same data is read many times before it changes.`,
    options: [
      { ...noCache, key: 'A' },
      { ...useCache, key: 'B' },
    ],
    position: `Option A: at ${s.show.peakReads} and ${ratioText(s.readRatio)} the datastore serves reads from its own memory; a cache would add an invalidation problem without removing a bottleneck. Revisit past ${formatRate(T.cacheReadsPerSecond)} peak reads.`,
    detail:
      'Measure first: if the datastore buffer hit rate stays above 99% and read P99 is inside the budget, a cache adds nothing. When you add one, add it for a named hot path, with a TTL and an invalidation rule written down.',
  };
};

export const writePath: Builder = (s) => {
  const bursty = s.peakWrites >= T.queueWritesPerSecond || s.peakFactor >= T.queuePeakFactor;
  const lossless =
    s.rpo === 0
      ? ' The queue must replicate before acknowledging (acks from all in-sync replicas) to keep RPO 0.'
      : '';
  const queue = option(
    'A',
    'stream',
    'Accept writes into a replicated log (Kafka or Kinesis), apply them with workers',
    `The API acknowledges once the write is in the replicated log; workers apply it to the datastore at a steady rate.${lossless}`,
    [
      'absorbs bursts: the datastore sees the average, not the peak',
      'workers retry without the user waiting',
    ],
    [
      'reads may not see a write for a moment (read-your-writes needs care)',
      'consumers must be idempotent: delivery is at least once',
    ],
  );
  const sync = option(
    'B',
    'synchronous',
    'Write synchronously to the datastore in the request',
    'The API returns after the datastore commits.',
    ['the simplest path: a write is visible as soon as it returns', 'no queue to run or monitor'],
    ['the datastore must be sized for the peak', 'a slow datastore is a slow API'],
  );
  if (bursty) {
    return {
      explain: `Writes reach ${formatRate(s.peakWrites)} at peak (peak factor ${s.peakFactor}). A queue decouples accepting a write from applying it.`,
      options: [queue, sync],
      position: `Option A: with ${s.show.peakWrites} a queue lets the datastore be sized for the average (${formatRate(s.peakWrites / s.peakFactor)}) instead of the peak, and a datastore hiccup delays writes instead of failing them.`,
      detail:
        'Partition the log by the access key so writes for one key stay ordered. Alert on consumer lag in seconds, not messages: lag above the staleness you allow is the user-visible symptom. Send poison messages to a dead-letter queue after 5 attempts.',
    };
  }
  return {
    explain: `Writes reach ${formatRate(s.peakWrites)} at peak (peak factor ${s.peakFactor}). The question is whether a queue earns its operational cost.`,
    options: [
      { ...sync, key: 'A' },
      { ...queue, key: 'B' },
    ],
    position: `Option A: ${s.show.peakWrites} is well within one datastore's capacity, so a queue would add a moving part and eventual visibility for no gain. Use a queue for slow side effects (emails, webhooks), not for the write itself.`,
    detail:
      'Keep side effects out of the request with an outbox table written in the same transaction and relayed by a background job; that gives at-least-once delivery without a queue in the write path.',
  };
};
