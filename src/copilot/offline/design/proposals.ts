/**
 * EPCE proposals for the design protocol's decisions. Each one explains what is at stake, offers a
 * recommended option A and an alternative B with their costs, and takes a position that quotes the
 * numbers it rests on. The recommendation changes with the numbers: 40 QPS and 100K QPS get
 * different advice.
 */
import { formatBytes, formatDuration, formatRate, servers } from '../../../estimation/index.js';
import type { Proposal, ProposalOption, SessionState } from '../../../protocol/types.js';
import { ratioText, signalsOf, type Signals } from './signals.js';
import { THRESHOLDS as T } from './thresholds.js';
import { deepDiveCandidates } from './focus.js';

type Builder = (s: Signals, state: SessionState) => Proposal;

/** A freshness as a duration: "1 s" reads as "real time". */
const staleness = (freshness: { seconds: number } | undefined): string =>
  freshness === undefined
    ? 'no stated limit'
    : freshness.seconds <= 1
      ? 'real time'
      : formatDuration(freshness.seconds);

const option = (
  key: 'A' | 'B',
  label: string,
  summary: string,
  pros: readonly string[],
  cons: readonly string[],
): ProposalOption => ({
  key,
  label,
  summary,
  pros,
  cons,
});

/** At least two instances, in different zones: one is never enough for availability. */
export function instancesText(byLoad: number): string {
  return byLoad >= 2 ? `${byLoad} instances` : `2 instances (${byLoad} by load, a second for redundancy)`;
}

export function appServers(s: Signals): ReturnType<typeof servers> {
  return servers(s.peakQps, T.appServerRequestsPerSecond, T.targetUtilisation);
}

const architecture: Builder = (s) => {
  const fleet = appServers(s);
  const big = s.peakQps > 20_000;
  return {
    explain:
      'How the code is split into deployable units decides how fast the team ships and what fails together. ' +
      'Service boundaries are expensive to move later, so they should follow a real boundary: a team, a scaling profile or a release cadence.',
    options: [
      option(
        'A',
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

const datastore: Builder = (s) => {
  const bigWrites = s.peakWrites > T.relationalPrimaryWritesPerSecond;
  const bigData = s.databaseBytes > T.relationalPrimaryBytes;
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
          'A managed key-value store (DynamoDB-style)',
          'Partitioned by key, scales writes horizontally, pay per request.',
          ['no capacity planning for writes', 'multi-zone replication built in'],
          [
            'queries beyond the key need secondary indexes planned up front',
            'no joins or multi-record transactions to lean on',
          ],
        ),
      ],
      position: `Option A. ${numbers[0]?.toUpperCase() ?? ''}${numbers.slice(1)} is well inside one PostgreSQL primary (planning limit ${formatRate(T.relationalPrimaryWritesPerSecond)} writes, ${formatBytes(T.relationalPrimaryBytes)}); sharding now would buy capacity you will not use for years and cost you transactions.`,
      detail:
        'Put the primary and a synchronous standby in two zones; add asynchronous read replicas only when read load or analytics needs them. Index the access key, keep rows narrow, and plan schema changes as expand/contract so deploys never lock a hot table.',
    };
  }
  const why = bigWrites
    ? `${s.show.peakWrites} exceeds what one primary sustains (about ${formatRate(T.relationalPrimaryWritesPerSecond)})`
    : `${s.show.databaseBytes} per copy exceeds what one primary should hold (about ${formatBytes(T.relationalPrimaryBytes)})`;
  if (s.strong) {
    return {
      explain: `The system of record must take ${numbers}, and reads must be strongly consistent. One node cannot hold it.${blobNote}`,
      options: [
        option(
          'A',
          `PostgreSQL sharded by ${s.partitionKey}`,
          'Many primaries, each owning a range or hash of keys, each with a synchronous standby.',
          ['strong consistency and transactions within a key', 'familiar tooling per shard'],
          ['cross-shard queries and transactions need application work', 'resharding is a planned project'],
        ),
        option(
          'B',
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

const cache: Builder = (s) => {
  const worth = s.readRatio >= T.cacheReadRatio || s.peakReads >= T.cacheReadsPerSecond;
  const memory = `${s.show.cacheBytes} (20% of a day's reads, the 80/20 rule)`;
  const ttl = s.answers.consistency?.stalenessSeconds;
  const ttlText =
    ttl === undefined
      ? 'a TTL matched to the staleness you allow'
      : `a TTL of at most ${ttl} s, the staleness you allow`;
  const useCache = option(
    'A',
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
    'No cache: serve reads from the datastore (and replicas)',
    'Every read goes to the system of record or a read replica.',
    ['no invalidation bugs; reads are always as fresh as the datastore', 'one less system to run'],
    ['read load and latency grow with traffic'],
  );
  if (worth) {
    return {
      explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache keeps the hot keys in memory so the datastore sees only misses.`,
      options: [useCache, option('B', noCache.label, noCache.summary, noCache.pros, noCache.cons)],
      position:
        `Option A: at ${ratioText(s.readRatio)} reads per write and ${s.show.peakReads} a cache hit rate of 80-90% removes most of the datastore's load. ${s.strong ? 'Because reads must be strongly consistent, invalidate on write and keep the TTL short; serve reads that must be current from the primary.' : ''}`.trim(),
      detail: `Size: ${memory}; at about 70% memory utilisation that is ${formatBytes(s.cacheBytes / 0.7)} of Redis. Protect the datastore from a stampede when a hot key expires: one request refreshes while others serve the stale value (request coalescing).`,
    };
  }
  return {
    explain: `Reads per write: ${ratioText(s.readRatio)}, ${s.show.peakReads}. A cache only pays when the same data is read many times before it changes.`,
    options: [
      option('A', noCache.label, noCache.summary, noCache.pros, noCache.cons),
      option('B', useCache.label, useCache.summary, useCache.pros, useCache.cons),
    ],
    position: `Option A: at ${s.show.peakReads} and ${ratioText(s.readRatio)} the datastore serves reads from its own memory; a cache would add an invalidation problem without removing a bottleneck. Revisit past ${formatRate(T.cacheReadsPerSecond)} peak reads.`,
    detail:
      'Measure first: if the datastore buffer hit rate stays above 99% and read P99 is inside the budget, a cache adds nothing. When you add one, add it for a named hot path, with a TTL and an invalidation rule written down.',
  };
};

const writePath: Builder = (s) => {
  const bursty = s.peakWrites >= T.queueWritesPerSecond || s.peakFactor >= T.queuePeakFactor;
  const lossless =
    s.rpo === 0
      ? ' The queue must replicate before acknowledging (acks from all in-sync replicas) to keep RPO 0.'
      : '';
  const queue = option(
    'A',
    'Accept writes into a durable queue (Kafka or SQS), apply them with workers',
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
      option('A', sync.label, sync.summary, sync.pros, sync.cons),
      option('B', queue.label, queue.summary, queue.pros, queue.cons),
    ],
    position: `Option A: ${s.show.peakWrites} is well within one datastore's capacity, so a queue would add a moving part and eventual visibility for no gain. Use a queue for slow side effects (emails, webhooks), not for the write itself.`,
    detail:
      'Keep side effects out of the request with an outbox table written in the same transaction and relayed by a background job; that gives at-least-once delivery without a queue in the write path.',
  };
};

const serving: Builder = (s) => {
  const p99 = s.p99 ?? Number.POSITIVE_INFINITY;
  const freshness = s.answers.predictionFreshness;
  const batchable = (freshness && freshness.seconds >= T.batchFreshness) || p99 >= T.batchServingP99;
  const edge = p99 < T.edgeServingP99;
  const fleet = servers(s.peakQps, T.modelServerRequestsPerSecond, T.targetUtilisation);
  const online = option(
    'A',
    'Online inference service behind the API',
    `A model server scores each request: ${fleet.servers} CPU replica(s) at ${formatRate(s.peakQps)} peak (planning ${formatRate(T.modelServerRequestsPerSecond)} per replica).`,
    ['predictions use the freshest features', 'one model version serves every request'],
    [
      "the model is in the request path: its latency and failures are the API's",
      `needs autoscaling above ${formatRate(T.autoscaleRequestsPerSecond)} and a fallback prediction`,
    ],
  );
  const batch = option(
    'A',
    'Batch scoring into a key-value store',
    'A scheduled job scores every entity and writes predictions to a key-value store; the API looks them up.',
    [
      'serving is a 1-2 ms key lookup; the model never sits in the request path',
      'cheap: scoring runs once per period on spot capacity',
    ],
    [
      'predictions are as old as the last batch',
      'new entities have no prediction until the next run (need a default)',
    ],
  );
  if (batchable) {
    return {
      explain: `Prediction freshness: "${freshness?.text ?? 'not stated'}" (${staleness(freshness)}); latency target ${s.show.p99}. Serving mode is the largest cost and complexity lever in an ML system.`,
      options: [batch, { ...online, key: 'B' }],
      position: `Option A: when a prediction may be ${staleness(freshness)} old, scoring in batch and looking results up is simpler, cheaper and faster at request time than a model in the request path.`,
      detail:
        'Size the batch: entities x model time per entity / parallelism must finish well inside the period. Keep the previous batch until the new one is validated (row counts, score distribution) and then switch atomically.',
    };
  }
  return {
    explain: `Prediction freshness: "${freshness?.text ?? 'not stated'}"; latency target ${s.show.p99}. The model sits in the request path, so its latency and failures are the API's.`,
    options: [
      edge
        ? option(
            'A',
            'Optimised online inference (quantised or distilled model on CPU, or at the edge)',
            `A P99 under ${Math.round(T.edgeServingP99 * 1000)} ms leaves no room for a network hop plus a full model: optimise the model and serve it in-process or at the edge.`,
            ['fits a tight latency budget', 'no extra network hop'],
            ['accuracy cost of compression must be measured', 'model updates ship with the service'],
          )
        : online,
      option('B', 'Precompute predictions in batch and look them up', batch.summary, batch.pros, batch.cons),
    ],
    position: `Option A: a ${s.show.p99} and predictions computed per request rule out precomputation. ${s.peakQps > T.autoscaleRequestsPerSecond ? `At ${s.show.peakQps} the model servers need autoscaling on concurrency, with a default prediction when they are saturated.` : 'Keep a default prediction for when the model server is unavailable.'}`,
    detail:
      'Budget the P99: network and API (about 10 ms), online feature reads (about 5 ms), model inference (the rest, minus slack). Batch requests dynamically only if the budget has room for the batching window (2-10 ms).',
  };
};

const features: Builder = (s) => {
  const freshness = s.answers.featureFreshness;
  const streaming = freshness !== undefined && freshness.seconds <= 300;
  const stream = option(
    'A',
    'Streaming features into a feature store (online and offline stores)',
    'A stream processor updates aggregates within seconds into an online store read at serving time; the same definitions backfill the offline store for training.',
    ['fresh features (seconds)', 'one definition for training and serving avoids skew'],
    ['a stream processor and an online store to run', 'backfills and late events need care'],
  );
  const nightly = option(
    'A',
    'Batch features computed on a schedule, loaded into an online key-value store',
    'A nightly job computes features from the warehouse and loads the online store; training reads the same tables with point-in-time joins.',
    ['simple and cheap', 'easy to backfill and audit'],
    ['features are up to a day old'],
  );
  if (streaming) {
    return {
      explain: `Feature freshness: "${freshness.text}" (${staleness(freshness)} at the tightest). Training/serving skew (features computed differently in each) is the most common silent ML failure, so where features are computed matters as much as how fast.`,
      options: [stream, { ...nightly, key: 'B' }],
      position: `Option A: features needed within ${staleness(freshness)} cannot come from a nightly batch, and defining them once for both the stream and the backfill is what keeps training and serving consistent.`,
      detail:
        'Read features from the online store in one batched call per request (single-digit ms). Log the feature vector used for every prediction: it is the training data of the next model and the evidence when drift is suspected.',
    };
  }
  return {
    explain: `Feature freshness: "${freshness?.text ?? 'not stated'}" (${staleness(freshness)}). The simplest pipeline that meets that freshness wins.`,
    options: [nightly, { ...stream, key: 'B' }],
    position: `Option A: with features allowed to be ${staleness(freshness)} old, a scheduled batch job is enough; a streaming pipeline would cost more than the model it feeds.`,
    detail:
      'Use point-in-time-correct joins when building training sets, so a training row never sees a feature value from after its label time.',
  };
};

const focus: Builder = (s, state) => {
  const candidates = deepDiveCandidates(s, state);
  const picked = candidates.slice(0, 3);
  const alternative = candidates.slice(1, 4);
  const names = (list: typeof candidates): string =>
    list.map((candidate) => candidate.component.name).join(', ');
  return {
    explain:
      'A deep-dive goes into the components where the design is most likely to be wrong: the ones carrying the most load, data or risk.',
    options: [
      option(
        'A',
        names(picked),
        picked.map((c) => `${c.component.name}: ${c.reason}`).join(' '),
        ['covers the highest load and the highest risk'],
        ['other components get only their high-level description'],
      ),
      option(
        'B',
        names(alternative),
        alternative.map((c) => `${c.component.name}: ${c.reason}`).join(' '),
        ['a different emphasis'],
        ['leaves out the top-ranked risk'],
      ),
    ],
    position: `Option A. ${picked.map((c) => `${c.component.name}, because ${c.reason}`).join('; ')}.`,
    detail: `Ranked by risk: ${candidates.map((c, index) => `${index + 1}. ${c.component.name} (${c.reason})`).join(' ')} Answer with other component names, comma-separated, to choose your own.`,
  };
};

const consistency: Builder = (s) => {
  const cp = option(
    'A',
    'Consistency first (CP): refuse or delay requests that cannot reach the owner of the data',
    'During a partition, writes and strongly consistent reads fail for the minority side rather than diverge.',
    ['no conflicting versions to reconcile', 'what the user reads is what was committed'],
    ['some requests fail during a partition or failover'],
  );
  const ap = option(
    'A',
    'Availability first (AP): keep serving, possibly stale, reconcile later',
    'During a partition, every side keeps answering; replicas converge after it heals.',
    ['requests keep succeeding during failures', 'lower latency: reads from the nearest replica'],
    ['readers may see stale data', 'concurrent writes need a merge rule (last-writer-wins loses updates)'],
  );
  const staleness = s.answers.consistency?.stalenessSeconds;
  if (s.strong) {
    return {
      explain:
        'When the network splits, a system must either refuse some requests or risk serving stale or conflicting data (CAP). The requirement says reads must be current.',
      options: [cp, { ...ap, key: 'B' }],
      position:
        'Option A: the requirement is strong consistency, so a failed request is better than a wrong answer. Keep the window short with automated failover.',
      detail:
        'Strong consistency is per record: choose it for the data that needs it (balances, ownership) and let the rest (counters, feeds) be eventual.',
    };
  }
  return {
    explain: `When the network splits, a system must either refuse some requests or risk serving stale data (CAP). The requirement allows ${staleness === undefined ? 'eventual consistency' : `up to ${staleness} s of staleness`}.`,
    options: [ap, { ...cp, key: 'B' }],
    position:
      `Option A: staleness is allowed, so serving a slightly old answer beats an error. ${s.availability >= 0.9999 ? `At ${(s.availability * 100).toString()}% availability, refusing requests during every failover would spend the error budget.` : ''}`.trim(),
    detail:
      'Keep writes for one key on one leader (or use conditional writes) so concurrent updates to the same record cannot silently overwrite each other, even in an AP design.',
  };
};

const deployment: Builder = (s) => {
  const canary = option(
    'A',
    'Canary releases: 1%, then 10%, then 50%, then 100%',
    'Each stage runs long enough to compare error rate and latency with the baseline; a regression rolls back automatically.',
    ['a bad release reaches 1% of traffic, not everyone', 'rollback is a traffic shift, seconds'],
    [
      'needs metrics per version and a gate that reads them',
      'two versions run at once: schema changes must be backward compatible',
    ],
  );
  const blueGreen = option(
    'B',
    'Blue-green: deploy beside the old version, switch all traffic at once',
    'The new version is warmed up on a parallel fleet; a load-balancer switch moves traffic, and back.',
    ['instant rollback by switching back', 'simple to reason about'],
    ['everyone gets the new version at once', 'doubles capacity during the switch'],
  );
  const rolling = option(
    'B',
    'Rolling update, a few instances at a time',
    'Instances are replaced in batches behind the load balancer.',
    ['no extra capacity', 'built into every orchestrator'],
    ['a bad release spreads batch by batch; rollback is another rollout'],
  );
  const errorBudgetMinutes = ((1 - s.availability) * 30 * 86_400) / 60;
  if (s.peakQps >= 100 || s.availability >= 0.9995) {
    return {
      explain: `Most outages start with a change. At ${s.show.peakQps} and ${(s.availability * 100).toString()}% availability the monthly error budget is ${errorBudgetMinutes.toFixed(1)} minutes, so a release must be able to fail small.`,
      options: [canary, blueGreen],
      position: `Option A: with ${errorBudgetMinutes.toFixed(1)} minutes of budget a month, a release that breaks everyone for the 5 minutes it takes to notice spends most of it; a 1% canary spends 1% of that.`,
      detail:
        'Gate each stage on the golden signals of the new version against the old: error rate not more than 0.1 percentage points higher and P99 not more than 10% higher over 10 minutes, else roll back. Database migrations go out before the code that needs them (expand), and the cleanup after (contract).',
    };
  }
  return {
    explain: `Most outages start with a change. At ${s.show.peakQps} a few instances serve everything.`,
    options: [{ ...rolling, key: 'A' }, blueGreen],
    position:
      'Option A: at this scale per-version metrics are too thin for a canary to judge, so a rolling update with health checks and a one-command rollback is the proportionate choice.',
    detail:
      'Make rollback boring: keep the previous build deployable, and make every schema change backward compatible so the old code still runs against the new schema.',
  };
};

const BUILDERS: Readonly<Record<string, Builder>> = {
  'high-level.architecture': architecture,
  'high-level.datastore': datastore,
  'high-level.cache': cache,
  'high-level.write-path': writePath,
  'high-level.serving': serving,
  'high-level.features': features,
  'deep-dive.focus': focus,
  'tradeoffs.consistency': consistency,
  'operations.deployment': deployment,
};

export function propose(slotId: string, state: SessionState): Proposal {
  const builder = BUILDERS[slotId];
  if (!builder) throw new Error(`the offline design advisor has no proposal for ${slotId}`);
  return builder(signalsOf(state), state);
}

export const PROPOSAL_IDS: readonly string[] = Object.keys(BUILDERS);
