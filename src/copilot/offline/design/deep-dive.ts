/**
 * Deep-dives: for each chosen component, its data model, how it works, what it looks like at 10x
 * and 100x (with the engine's numbers at those multiples), how it fails and its interface. The
 * matching reference guide supplies the principle and the failure modes it teaches.
 */
import type { Capacity } from '../../../knowledge/throughput.js';
import {
  estimate,
  formatBytes,
  formatCount,
  formatPercent,
  formatRate,
  scaleInput,
  servers,
  type Estimate,
} from '../../../estimation/index.js';
import type { Guide } from '../../../knowledge/guide.js';
import { guidesFor } from '../../../knowledge/select.js';
import { PICK, type SessionState } from '../../../protocol/types.js';
import { designDrafts, type Component, type DeepDive } from '../../../protocols/design/model.js';
import { isPartitionedStore } from './architecture.js';
import type { Archetype } from '../../../knowledge/archetypes.js';
import type { TierTables } from '../../../protocols/design/tier-plan.js';
import { archetypeDeepDive, hardProblems } from './deep-dive-archetype.js';
import { instancesText } from './proposal-kit.js';
import { deepDiveCandidates } from './focus.js';
import { metricValue, payloadPlacement, signalsOf, type Signals } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';

/**
 * What each loss costs in data. RPO 0 comes only from replication that completes before the
 * acknowledgement; backups and point-in-time recovery restore to minutes ago, never to the last write.
 */
function lossOfData(s: Signals): string[] {
  const regions = s.decisions.regions;
  const region =
    regions === 'active-passive' || regions === 'active-active'
      ? `Loss of a region: the other region's replica takes over; ${s.rpo === 0 ? 'RPO 0 across regions holds only if that replica confirms each commit before it is acknowledged (a cross-region round trip per write); replicated asynchronously it loses the last seconds of writes' : 'replicated asynchronously, it loses the writes of the last seconds of lag'}.`
      : `Loss of a region: restore from backups copied to another region, losing the writes since the last backup (RPO of minutes, the backup interval)${s.rpo === 0 ? '; RPO 0 through a region loss needs a replica in a second region that confirms each commit' : ''}.`;
  return [
    `Loss of a zone: ${s.rpo === 0 ? 'the synchronous replica in another zone already holds every acknowledged write (RPO 0)' : `replication to another zone loses at most its lag${s.rpo === undefined ? '' : ` (RPO ${s.rpo} s)`}`}.`,
    region,
    'A bad deploy that corrupts data: point-in-time recovery from continuous backups to just before the corruption (RPO of minutes: the archive interval), rehearsed by a restore drill every quarter.',
  ];
}

/** What deep-dives read besides the state: the guides, capacities and the archetypes' hard problems. */
export interface DeepDiveKnowledge {
  readonly guides: readonly Guide[];
  readonly capacity: Capacity;
  readonly archetypes: readonly Archetype[];
  readonly tables: TierTables;
}

export function deepDivesOf(state: SessionState, knowledge: DeepDiveKnowledge): DeepDive[] {
  const { guides, capacity } = knowledge;
  const s = signalsOf(state, capacity);
  const problems = hardProblems(state, knowledge.archetypes);
  const architecture = designDrafts(state).architecture;
  if (!architecture) throw new Error('deep-dives need the high-level architecture');
  const record = state.decisions['deep-dive.focus'];
  const candidates = deepDiveCandidates(s, state, problems);
  const byId = new Map(architecture.components.map((component) => [component.id, component]));
  const picked =
    record?.value === PICK
      ? (record.items ?? []).flatMap((id) => byId.get(id) ?? []).slice(0, 3)
      : (record?.value === 'next-ranked' ? candidates.slice(1, 4) : candidates.slice(0, 3)).map(
          (candidate) => candidate.component,
        );
  const chosen = picked.length > 0 ? picked : candidates.slice(0, 2).map((candidate) => candidate.component);
  const names = new Map(architecture.components.map((component) => [component.id, component.name]));
  const reasons = new Map(candidates.map((candidate) => [candidate.component.id, candidate.reason]));
  // A component with several hard problems gets a deep-dive for each, up to three in all.
  return chosen
    .flatMap((component) => {
      const why = reasons.get(component.id) ?? 'you chose it';
      const own = problems.get(component.id) ?? [];
      return own.length > 0
        ? own.map((problem) => archetypeDeepDive(component, problem, state, knowledge, why, names))
        : [deepDive(component, s, guides, why)];
    })
    .slice(0, 3);
}

function atScale(s: Signals, factor: number): Estimate {
  const scaled = estimate(scaleInput(s.estimate.input, factor));
  if (!scaled.ok) throw new Error(`scaling the estimate by ${factor} failed: ${scaled.error}`);
  return scaled.value;
}

function deepDive(component: Component, s: Signals, guides: readonly Guide[], why: string): DeepDive {
  const guide = guidesFor(guides, component.type, 'deep-dive')[0] ?? guidesFor(guides, component.type)[0];
  const body = BODIES[component.type]?.(component, s) ?? genericBody(component, s);
  const scaling = [10, 100].map((factor) => {
    const e = atScale(s, factor);
    const peak = metricValue(e, 'peak_qps');
    const stored = metricValue(e, 'storage_total');
    const peakWrites = metricValue(e, 'peak_write_qps');
    return {
      factor,
      numbers: `${formatRate(peak)} peak (${formatRate(peakWrites)} writes), ${formatBytes(stored)} stored, ${formatBytes(metricValue(e, 'cache_memory'))} hot set`,
      plan: body.scale(e, factor),
    };
  });
  const guideFailures = (guide?.failureModes ?? []).slice(0, 2).map((mode) => `${mode.name}: ${mode.text}`);
  return {
    componentId: component.id,
    title: component.name,
    why: `Chosen because ${why}.`,
    dataModel: body.dataModel,
    approach: body.approach,
    scaling,
    failureHandling: [...body.failures, ...guideFailures],
    interface: body.interface,
    ...(guide ? { guide: { id: guide.id, title: guide.title, principle: guide.principle } } : {}),
  };
}

interface Body {
  readonly dataModel: string[];
  readonly approach: string[];
  readonly failures: string[];
  readonly interface: string[];
  readonly scale: (e: Estimate, factor: number) => string;
}

const BODIES: Partial<Record<Component['type'], (component: Component, s: Signals) => Body>> = {
  datastore: (component, s) => ({
    dataModel: [
      `Primary table keyed by \`${s.partitionKey}\`: one row per record, ${formatBytes(s.writeSize)} on average, written ${formatRate(s.peakWrites)} at peak.`,
      `Retention: rows older than the retention period are deleted by partition (drop a time partition), never row by row.`,
    ],
    approach: [
      isPartitionedStore(s.decisions.datastore)
        ? "Writes go to a quorum of the key's replicas (2 of 3); reads at quorum where read-your-writes matters, at one replica elsewhere."
        : 'Writes go to the primary (one per shard once sharded), which replicates to a synchronous standby in another zone before acknowledging; reads that tolerate lag go to replicas.',
      ...(s.blobs
        ? [
            'The payload is written to object storage first, then the metadata row with its object key, so a row never points at a missing object; orphaned objects are swept by a daily job.',
          ]
        : []),
      `The partition key \`${s.partitionKey}\` spreads load only if no single key is hot: a key drawing more than ~1% of traffic gets its own handling (cache it, or split it with a suffix).`,
    ],
    failures: [
      ...(isPartitionedStore(s.decisions.datastore) === undefined
        ? [
            `Not checked: "${component.name}" is your own choice, so the quorum and failover rules below assume a single primary with a standby; replace them with your store's own.`,
          ]
        : []),
      `Loss of a node: ${isPartitionedStore(s.decisions.datastore) ? 'the other replicas keep serving; hinted handoff or repair brings the node back in sync.' : 'the standby is promoted automatically (target under 60 s); writes in flight are retried by clients with idempotency keys.'}`,
      ...lossOfData(s),
    ],
    interface: [
      `get(${s.partitionKey}) -> record | not found`,
      `put(${s.partitionKey}, record, idempotency_key) -> version`,
      'scan by time range for retention and backfills (internal only)',
    ],
    scale: (e) => {
      const writes = metricValue(e, 'peak_write_qps');
      if (isPartitionedStore(s.decisions.datastore)) {
        const allCopies = payloadPlacement(e, s.capacity).databaseBytes * e.input.replication;
        const byWrites = Math.ceil(writes / s.capacity.partitionedNodeWritesPerSecond);
        const byBytes = Math.ceil(allCopies / s.capacity.partitionedNodeBytes);
        const nodes = Math.max(3, byWrites, byBytes);
        return `${nodes} nodes (max of ${byWrites} for ${formatRate(writes)} writes at ${formatRate(s.capacity.partitionedNodeWritesPerSecond)} each, ${byBytes} for ${formatBytes(allCopies)} with replicas at ${formatBytes(s.capacity.partitionedNodeBytes)} each, and 3 for quorum); add nodes, the ring rebalances.`;
      }
      const stored = payloadPlacement(e, s.capacity).databaseBytes;
      const byWrites = Math.ceil(writes / s.capacity.relationalPrimaryWritesPerSecond);
      const byBytes = Math.ceil(stored / s.capacity.relationalPrimaryBytes);
      const shards = Math.max(byWrites, byBytes);
      return shards <= 1
        ? `Still one primary (${formatRate(writes)} writes, ${formatBytes(stored)}); add read replicas before anything else.`
        : `${shards} shards by \`${s.partitionKey}\` (max of ${byWrites} for ${formatRate(writes)} writes at ${formatRate(s.capacity.relationalPrimaryWritesPerSecond)} each and ${byBytes} for ${formatBytes(stored)} per copy at ${formatBytes(s.capacity.relationalPrimaryBytes)} each); plan ${nextPowerOfTwo(shards)} so shards split in halves.`;
    },
  }),
  cache: (_component, s) => ({
    dataModel: [
      `Key \`${s.partitionKey}\` -> serialised read response (${formatBytes(s.readSize)}), with a TTL.`,
      `Hot set: ${formatBytes(s.cacheBytes)} (20% of a day's reads).`,
    ],
    approach: [
      'Cache-aside: read the cache, on a miss read the datastore and set the entry; on a write, update the datastore then delete the entry (delete, not set, so a race cannot leave an old value behind).',
      'Stampede control: when a hot key expires, one request recomputes it while the others get the stale value for a few seconds (request coalescing).',
      'Evict with LRU under memory pressure; alert when the hit rate drops below 80%.',
    ],
    failures: [
      'Cache node loss: its keys miss until refilled; the datastore must absorb the miss rate for minutes, so shed low-priority reads if it cannot.',
      'Cold start after a full flush: warm the top keys from logs before taking traffic.',
    ],
    interface: [
      `get(${s.partitionKey}) -> value | miss`,
      `set(${s.partitionKey}, value, ttl)`,
      `delete(${s.partitionKey}) on every write to the key`,
    ],
    scale: (e) => {
      const memory = metricValue(e, 'cache_memory');
      const reads = metricValue(e, 'peak_read_qps');
      const { cacheNodeBytes, cacheNodeOpsPerSecond } = s.capacity;
      const nodes = Math.max(Math.ceil(memory / cacheNodeBytes), Math.ceil(reads / cacheNodeOpsPerSecond));
      return `${formatBytes(memory)} hot set and ${formatRate(reads)} reads: ${nodes} Redis shard(s) (planning ${formatBytes(cacheNodeBytes)} and ${formatCount(cacheNodeOpsPerSecond)} operations/s each), consistent hashing on \`${s.partitionKey}\`, a replica per shard.`;
    },
  }),
  queue: (_component, s) => ({
    dataModel: [
      `Event: {${s.partitionKey}, operation, payload, idempotency_key, produced_at}, keyed by \`${s.partitionKey}\` so one key's writes stay ordered.`,
    ],
    approach: [
      'At-least-once delivery: a worker commits its offset after the write is applied, so a crash replays, and the write is idempotent (upsert by idempotency key).',
      'Poison messages go to a dead-letter queue after 5 attempts with backoff, with an alert and a replay tool.',
    ],
    failures: [
      'Consumer lag: alert when lag in seconds exceeds the staleness the requirements allow; scale consumers up to the partition count.',
      'Broker loss: replication factor 3 with acks from all in-sync replicas keeps acknowledged writes.',
    ],
    interface: ['publish(event) -> offset, after replication', 'consume(group) -> events in order per key'],
    scale: (e) => {
      const bytesIn = metricValue(e, 'ingress_bandwidth');
      const { logPartitionBytesPerSecond, logPartitionEventsPerSecond } = s.capacity;
      const partitions = Math.max(
        6,
        Math.ceil(bytesIn / logPartitionBytesPerSecond),
        Math.ceil(metricValue(e, 'peak_write_qps') / logPartitionEventsPerSecond),
      );
      return `${formatRate(metricValue(e, 'peak_write_qps'))} writes and ${formatBytes(bytesIn)}/s in: at least ${partitions} partitions (planning ${formatBytes(logPartitionBytesPerSecond)}/s and ${formatCount(logPartitionEventsPerSecond)} events/s each), as many workers as partitions at most.`;
    },
  }),
  'feature-store': (_component, s) => ({
    dataModel: [
      `Entity key \`${s.partitionKey}\`; each feature has one definition (source, transformation, freshness) shared by training and serving.`,
      'Online store: the latest value of each feature per entity, in a key-value store read in one batched call per prediction.',
      'Offline store: the full history of feature values with their event times, partitioned by date, for point-in-time training sets.',
    ],
    approach: [
      `Materialise features into the online store at the agreed freshness (${s.answers.featureFreshness?.text ?? 'as required'}), and backfill the offline store from the same definitions.`,
      'Build training sets with point-in-time joins: each label row sees feature values as they were at its event time, never later ones.',
      'Log the feature vector served with every prediction; comparing it with the offline value is how training/serving skew is caught.',
    ],
    failures: [
      'Online store unavailable or slow: serve with default feature values, mark the predictions as degraded, and alert; never block the request.',
      'Stale features (a materialisation job or stream stopped): alert when the newest value is older than twice the agreed freshness.',
    ],
    interface: [
      `get_online_features(${s.partitionKey}[], features[]) -> values, in single-digit ms`,
      'get_historical_features(entity_df with event times, features[]) -> training set',
    ],
    scale: (e) => {
      const reads = metricValue(e, 'peak_qps');
      const shards = Math.max(1, Math.ceil(reads / s.capacity.cacheNodeOpsPerSecond));
      return `${formatRate(reads)} online reads at peak (one batched read per prediction): ${shards} online-store shard(s) at ${formatCount(s.capacity.cacheNodeOpsPerSecond)} reads/s each; the offline store grows by about ${formatBytes(metricValue(e, 'storage_per_day'))} of logged vectors a day.`;
    },
  }),
  'batch-scoring': (_component, s) => ({
    dataModel: [
      `Prediction table keyed by \`${s.partitionKey}\`: {score, model_version, scored_at}, one row per entity per run.`,
    ],
    approach: [
      'Each run reads a snapshot of features and the production model from the registry, scores entities in parallel partitions, and validates the output (row count, score distribution against the last run) before publishing.',
      'Publishing is an atomic switch to the new table, so readers never see a half-written batch; the previous batch is kept for rollback.',
    ],
    failures: [
      "A failed or invalid run publishes nothing: yesterday's predictions stay in place; alert when they are older than twice the schedule.",
      'An entity with no prediction (new since the last run) gets a default score, logged so its volume is visible.',
    ],
    interface: [
      `get_prediction(${s.partitionKey}) -> {score, model_version, scored_at}`,
      'run(date) -> published table version',
    ],
    scale: (e) => {
      const recordsPerDay = metricValue(e, 'write_qps') * 86_400;
      const perWorker = s.capacity.batchWorkerRecordsPerSecond;
      const workerHours = recordsPerDay / perWorker / 3_600;
      return `About ${formatRate(metricValue(e, 'peak_read_qps'))} lookups at peak, from a key-value store; scoring ${formatCount(Math.round(recordsPerDay))} records a day at a planning ${formatCount(perWorker)} predictions/s per worker is ${workerHours < 1 ? 'under one worker-hour' : `${Math.ceil(workerHours)} worker-hours`} per run.`;
    },
  }),
  'model-serving': (_component, s) => ({
    dataModel: [
      'Request: {entity_id, context}; response: {score, model_version, fallback: bool}.',
      'Every prediction is logged with its feature vector and model version: the evidence for monitoring and the training data of the next model.',
    ],
    approach: [
      `Latency budget ${s.show.p99}: about 10 ms network and API, about 5 ms online features, the rest inference minus 20% slack.`,
      'Load the production model from the registry at start-up and on promotion; serve the old version until the new one passes a warm-up.',
      'Roll out new models as shadow (score, do not act), then canary 1% -> 10% -> 100% with the prediction distribution compared to the old model.',
    ],
    failures: [
      'Model server timeout or overload: return the default (or rules-based) prediction, mark it as a fallback, and alert when fallbacks exceed 1%.',
      'A bad model promoted: roll back by promoting the previous version in the registry; keep the last 3 versions warm.',
    ],
    interface: [
      'POST /predict {entity_id, context} -> {score, model_version, fallback}',
      'GET /healthz (model loaded, version)',
    ],
    scale: (e) => {
      const peak = metricValue(e, 'peak_qps');
      const fleet = servers(peak, s.capacity.modelServerRequestsPerSecond, T.targetUtilisation);
      return `${formatRate(peak)} predictions: ${fleet.servers} replicas at ${formatRate(s.capacity.modelServerRequestsPerSecond)} each and ${formatPercent(T.targetUtilisation)} utilisation${peak > T.autoscaleRequestsPerSecond ? ', autoscaled on concurrency' : ''}; past this, dynamic batching or a GPU pool.`;
    },
  }),
};

/** Components that serve requests scale by instances; the rest with the data or the jobs they run. */
function genericBody(component: Component, s: Signals): Body {
  const servesRequests = component.type === 'service' || component.type === 'gateway';
  return {
    dataModel: [component.data],
    approach: [
      component.purpose,
      servesRequests
        ? `Stateless, so any instance can serve any \`${s.partitionKey}\`.`
        : `Owned by one team, with its own dashboard and alert.`,
    ],
    failures: [component.failureMode],
    interface: [component.api],
    scale: (e) => {
      const peak = metricValue(e, 'peak_qps');
      if (!servesRequests) {
        return `Grows with the data: ${formatBytes(metricValue(e, 'storage_per_day'))} a day and ${formatRate(metricValue(e, 'write_qps'))} writes on average; capacity follows that, not request traffic.`;
      }
      const fleet = servers(peak, s.capacity.appServerRequestsPerSecond, T.targetUtilisation);
      return `${formatRate(peak)} peak: ${instancesText(fleet.servers)} (${fleet.powerOfTwo} rounded to a power of two), scaled horizontally behind the load balancer.`;
    },
  };
}

function nextPowerOfTwo(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}
