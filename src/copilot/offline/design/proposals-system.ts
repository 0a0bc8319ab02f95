/**
 * Proposals for the decisions every design makes: how to deploy the code, where the data lives,
 * whether reads go through a cache, and whether writes go through a queue.
 */
import { formatBytes, formatRate } from '../../../estimation/index.js';
import { appServers, instancesText, option, type Builder } from './proposal-kit.js';
import { ratioText } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';
import { conditionHolds, ruledOutBy } from '../../../protocols/design/conditions.js';
import { cachePays, queuePays, writeMustBeVisible } from '../../../protocols/design/facts.js';

export const architecture: Builder = (s) => {
  const fleet = appServers(s);
  const big = s.peakQps > 20_000;
  const team = s.facts.teamSize;
  const monolith = option(
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
  );
  const explain =
    'How the code is split into deployable units decides how fast the team ships and what fails together. ' +
    'Service boundaries are expensive to move later, so they should follow a real boundary: a team, a scaling profile or a release cadence.';
  const detail =
    'Extract a service only when one of three boundaries exists: a team boundary (another team owns and releases it), a scaling boundary ' +
    '(it needs 10x the instances of the rest, or a GPU), or a deployment boundary (it must release on a different cadence or with different risk). ' +
    'Until then keep modules behind interfaces inside one process so the later extraction is a move, not a rewrite.';
  if (team !== undefined && conditionHolds('high-level.architecture', 'microservices', s.facts) === true) {
    const most = Math.max(2, Math.floor(team / T.engineersPerService));
    return {
      explain,
      options: [
        option(
          'A',
          'microservices',
          'A few services along the team boundaries',
          `One service per team-owned part of the product (at most ${most} for ${team} engineers), each with its own deploy pipeline and pager, behind one load balancer: ${instancesText(fleet.servers)} in all at ${formatRate(s.peakQps)} peak.`,
          ['each team releases on its own cadence', 'each part scales on its own'],
          [
            'network calls, retries and partial failures between services',
            'tracing and contract tests between the teams from day one',
          ],
        ),
        { ...monolith, key: 'B' },
      ],
      position: `Option A: ${team} engineers is more than one team (a service needs owners, and ${T.microservicesMinEngineers} engineers is two teams of five), so split along the teams' boundaries: a few services, not one per capability. Keep each team's part a modular monolith inside.`,
      detail,
    };
  }
  const change = `Split off a service when a second team owns part of it (about ${T.microservicesMinEngineers} engineers in all), or when one part needs 10x the instances or a GPU.`;
  return {
    explain,
    options: [
      monolith,
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
      ? `Option A, with the read path deployed as its own scaling group: at ${s.show.peakQps} the read and write paths scale differently, but that is a deployment split of one codebase, not a reason for a service mesh. ${change}`
      : `Option A. At ${s.show.peakQps} this is ${instancesText(fleet.servers)} of one program; splitting it into services adds network hops and failure modes without removing a bottleneck. ${change}`,
    detail,
  };
};

export const datastore: Builder = (s) => {
  const bigWrites = s.peakWrites > s.capacity.relationalPrimaryWritesPerSecond;
  const bigData = s.databaseBytes > s.capacity.relationalPrimaryBytes;
  const invariant = s.facts.invariant;
  const blobNote = s.blobs
    ? ` Payloads (${formatBytes(s.writeSize)} each, ${s.show.storagePerCopy} over the retention period) go to object storage, which is built for that volume at a quarter of the price of database disks; the database keeps metadata and the object key (about ${formatBytes(T.metadataBytesPerRecord)} a record).`
    : '';
  const numbers = `${s.show.peakWrites} and ${s.show.databaseBytes} per copy over the retention period${s.blobs ? ' (metadata only)' : ''}`;
  const limits = `past ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)} peak writes or ${formatBytes(s.capacity.relationalPrimaryBytes)} per copy`;
  if (!bigWrites && !bigData) {
    return {
      explain: `The system of record holds every write for the retention period: ${numbers}. The choice sets the consistency you can offer and the operational work for years.${blobNote}`,
      options: [
        option(
          'A',
          'relational',
          'PostgreSQL: one primary, a synchronous standby, read replicas as needed',
          `A single relational primary comfortably handles ${numbers}; a standby in another zone takes over on failure${s.rpo === 0 ? ', and confirms every commit before it is acknowledged (synchronous replication: RPO 0)' : ''}.`,
          [
            'transactions, constraints and secondary indexes',
            'one place of truth: strong consistency is free',
            'backups and point-in-time recovery for mistakes and corruption (RPO of minutes)',
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
      position: `Option A. ${numbers[0]?.toUpperCase() ?? ''}${numbers.slice(1)} is well inside one PostgreSQL primary (planning limit ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)} writes, ${formatBytes(s.capacity.relationalPrimaryBytes)}); sharding now would buy capacity you will not use for years and cost you transactions.${invariant ? ` "${invariant.phrase}" holds because every record it spans commits in one transaction on the one primary.` : ''} Shard or move to a partitioned store only ${limits}.`,
      detail:
        'Put the primary and a synchronous standby in two zones; add asynchronous read replicas only when read load or analytics needs them. Index the access key, keep rows narrow, and plan schema changes as expand/contract so deploys never lock a hot table.',
    };
  }
  const why = bigWrites
    ? `${s.show.peakWrites} exceeds what one primary sustains (about ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)})`
    : `${s.show.databaseBytes} per copy exceeds what one primary should hold (about ${formatBytes(s.capacity.relationalPrimaryBytes)})`;
  const sharded = option(
    'A',
    'relational-sharded',
    `PostgreSQL sharded by ${s.partitionKey}`,
    'Many primaries, each owning a range or hash of keys, each with a synchronous standby.',
    ['strong consistency and transactions within a key', 'familiar tooling per shard'],
    ['cross-shard queries and transactions need application work', 'resharding is a planned project'],
  );
  const distributed = option(
    'B',
    'distributed-sql',
    'A distributed SQL database (Spanner, CockroachDB style)',
    'Automatic sharding with consensus replication and serialisable transactions across keys.',
    ['cross-key transactions', 'rebalancing is automatic'],
    ['every write pays a consensus round trip (several ms within a region)', 'cost and operational novelty'],
  );
  if (invariant?.multiRecord) {
    return {
      explain: `The system of record must take ${numbers}, and "${invariant.phrase}" spans several records. One node cannot hold it.${blobNote}`,
      options: [
        { ...distributed, key: 'A' },
        {
          ...sharded,
          key: 'B',
          cons: [
            ...sharded.cons,
            `sharded by ${s.partitionKey}, the records "${invariant.phrase}" spans can land on different shards, where no single transaction reaches them all`,
          ],
        },
      ],
      position: `Option A: ${why}, and "${invariant.phrase}" must hold across records that no single shard key keeps together. A distributed SQL store commits them in one serialisable transaction across shards; the consensus round trip (several ms) is the price of that invariant.`,
      detail:
        'Keep the records of one operation close: choose primary keys so the records of one transaction usually share a range, and the cross-range commit is the exception. If you shard PostgreSQL instead, the invariant needs a design of its own: co-locate every record it spans under one shard key, or run the operation as a saga with reservations and compensations, and say which.',
    };
  }
  if (s.strong || invariant) {
    return {
      explain: `The system of record must take ${numbers}, and ${invariant ? `"${invariant.phrase}" must hold` : 'reads must be strongly consistent'}. One node cannot hold it.${blobNote}`,
      options: [sharded, distributed],
      position: `Option A: ${why}, and ${invariant ? `"${invariant.phrase}" holds` : 'strong consistency is needed'} per ${s.partitionKey}, which sharding by that key preserves without paying consensus latency on every write.`,
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
  const pays = cachePays(s.facts) === true;
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
  const floors = `Add a cache when peak reads pass ${formatRate(T.cacheMinReadsPerSecond)} and either ${T.cacheReadRatio} per write or ${formatRate(T.cacheReadsPerSecond)}.`;
  if (s.facts.freshReads === 'all') {
    return {
      explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. Every read must see the latest write, and a cache serves copies that lag it.`,
      options: [
        {
          ...noCache,
          key: 'A',
          summary:
            'Every read goes to the primary (or a synchronous standby), the one place that holds the latest write.',
        },
        { ...useCache, key: 'B' },
      ],
      position: `Option A: the requirement is that reads are never stale, so no cache may be their source. ${pays ? `At ${s.show.peakReads} the primary needs read capacity: scale it up, or cache only reads you name as non-critical (reference data, profiles) and record that choice.` : `At ${s.show.peakReads} the primary serves them from memory anyway.`}`,
      detail: `Reads that must be current go to the primary. If a named read may be stale (a catalogue, a profile), a cache for that read alone is fine: write it down with its TTL. ${floors}`,
    };
  }
  if (pays) {
    const own =
      s.facts.freshReads === 'own'
        ? "Writers read their own writes at once: delete the entry on write and read a writer's own records from the datastore, not the cache, for a few seconds after each write, so only other readers see the TTL's staleness."
        : '';
    return {
      explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache keeps the hot keys in memory so the datastore sees only misses.`,
      options: [useCache, { ...noCache, key: 'B' }],
      position:
        `Option A: at ${ratioText(s.readRatio)} reads per write and ${s.show.peakReads} a cache hit rate of 80-90% removes most of the datastore's load. ${itemCacheNote(s) ? `Cache records, not whole responses: ${s.show.cacheBytes} of responses shrinks to about ${formatBytes(s.cacheBytes * (s.writeSize / s.readSize))} of records (C for the detail). ` : ''}${own}`.trim(),
      detail: `Size: ${memory}; at about 70% memory utilisation that is ${formatBytes(s.cacheBytes / 0.7)} of Redis.${itemCacheNote(s)} Protect the datastore from a stampede when a hot key expires: one request refreshes while others serve the stale value (request coalescing).`,
    };
  }
  const floor = s.peakReads < T.cacheMinReadsPerSecond;
  return {
    explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache only pays when the same data is read many times before it changes, at a rate the datastore feels.`,
    options: [
      { ...noCache, key: 'A' },
      { ...useCache, key: 'B' },
    ],
    position: `Option A: ${floor ? `${s.show.peakReads} is under ${formatRate(T.cacheMinReadsPerSecond)}, which one primary serves from its own memory whatever the ratio (${ratioText(s.readRatio)})` : `at ${s.show.peakReads} and ${ratioText(s.readRatio)} the datastore serves reads from its own memory`}; a cache would add an invalidation problem without removing a bottleneck. ${floors}`,
    detail:
      'Measure first: if the datastore buffer hit rate stays above 99% and read P99 is inside the budget, a cache adds nothing. When you add one, add it for a named hot path, with a TTL and an invalidation rule written down.',
  };
};

export const writePath: Builder = (s) => {
  const pays = queuePays(s.facts) === true;
  const visible = writeMustBeVisible(s.facts);
  const lossless =
    s.rpo === 0
      ? ' The queue must replicate before acknowledging (acks from all in-sync replicas) to keep RPO 0.'
      : '';
  const queue = option(
    'A',
    'stream',
    'Accept writes into a replicated log (Kafka or Kinesis), apply them with workers',
    `The API acknowledges once the write is in the replicated log; workers apply it to the datastore.${lossless}`,
    [
      'absorbs bursts: the datastore is sized for what workers apply, and a datastore hiccup delays writes instead of failing them',
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
  const explain = `Writes reach ${formatRate(s.peakWrites)} at peak (peak factor ${s.peakFactor}).`;
  if (pays && !visible) {
    return {
      explain: `${explain} A queue decouples accepting a write from applying it.`,
      options: [queue, sync],
      position: `Option A: at ${s.show.peakWrites} a log takes the burst durably and lets the datastore be sized for what the workers apply rather than for every spike. Size the log and the workers for the peak too: drained at the average, a peak hour becomes a backlog, so consumer lag must stay inside the staleness you allow.`,
      detail:
        'Partition the log by the access key so writes for one key stay ordered. Alert on consumer lag in seconds, not messages: lag above the staleness you allow is the user-visible symptom. Send poison messages to a dead-letter queue after 5 attempts.',
    };
  }
  const sideEffects =
    'Use a queue for slow side effects (fan-out, notifications, emails, webhooks), not for the write itself.';
  const reason = ruledOutBy('high-level.write-path', 'queue', s.facts);
  const position = reason
    ? `Option A: ${reason}, so the write commits before the API answers.${pays ? ` At ${s.show.peakWrites} size the datastore for the peak.` : ''} ${sideEffects}`
    : s.peakWrites < T.queueMinWritesPerSecond
      ? `Option A: ${s.show.peakWrites} is under ${formatRate(T.queueMinWritesPerSecond)}, a burst one primary absorbs at a tenth of its capacity, so a queue would add a broker, consumer lag and eventual visibility for no gain. ${sideEffects}`
      : `Option A: ${s.show.peakWrites} is well within one datastore's capacity, so a queue would add a moving part and eventual visibility for no gain. ${sideEffects}`;
  return {
    explain: `${explain} The question is whether a queue earns its operational cost.`,
    options: [
      { ...sync, key: 'A' },
      { ...queue, key: 'B' },
    ],
    position,
    detail: `Keep side effects out of the request with an outbox table written in the same transaction and relayed by a background job; that gives at-least-once delivery without a queue in the write path. ${reason ? 'The requirement rules out acknowledging from a queue whatever the rate.' : `A queue pays when peak writes pass ${formatRate(T.queueWritesPerSecond)}, or ${T.queuePeakFactor}x the average above ${formatRate(T.queueMinWritesPerSecond)}.`}`,
  };
};
