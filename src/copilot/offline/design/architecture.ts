/**
 * The high-level architecture follows from the decisions and the numbers: a component exists
 * because a decision or a threshold put it there, and its description says what it costs and how it
 * fails.
 */
import type { Archetype } from '../../../knowledge/archetypes.js';
import type { Capacity } from '../../../knowledge/throughput.js';
import { formatBytes, formatPercent, formatRate } from '../../../estimation/index.js';
import type { SessionState } from '../../../protocol/types.js';
import { CUSTOM } from '../../../protocol/types.js';
import {
  decisionLabel,
  designDecisions,
  type Architecture,
  type Component,
  type DesignDecisions,
  type Flow,
} from '../../../protocols/design/model.js';
import type { DatastoreValue } from '../../../protocols/design/decision-values.js';
import { chosenArchetypes } from '../../../protocols/design/archetype-choice.js';
import { cachedHotSet } from '../../../protocols/design/sizing.js';
import { quantitiesOf } from '../../../protocols/design/quantities.js';
import type { TierPlan } from '../../../protocols/design/tier-plan.js';
import { appServers, instancesText } from './proposal-kit.js';
import { archetypeComponents, coreOverride } from './compose.js';
import { signalsOf } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';

const DATASTORE_NAMES: Readonly<Record<DatastoreValue, string>> = {
  relational: 'PostgreSQL',
  'relational-sharded': 'PostgreSQL (sharded)',
  'distributed-sql': 'Distributed SQL database',
  'wide-column': 'Wide-column store',
  'key-value': 'Key-value store',
  document: 'Document store',
};

/** A short component name for the chosen datastore; a custom one is named in the user's words. */
export function datastoreName(value: DesignDecisions['datastore'], label: string | undefined): string {
  if (value === undefined) return 'Datastore';
  if (value === CUSTOM) return label ?? 'Datastore';
  return DATASTORE_NAMES[value];
}

/**
 * Whether the store is partitioned by design (wide-column, key-value, distributed SQL, sharded) rather
 * than a relational primary; undefined for a custom store, which no rule can classify.
 */
export function isPartitionedStore(value: DesignDecisions['datastore']): boolean | undefined {
  if (value === undefined || value === CUSTOM) return undefined;
  return value !== 'relational';
}

/** What composing a design reads besides the state: capacities, the catalogue and the tier plan. */
export interface ComposeKnowledge {
  readonly capacity: Capacity;
  readonly archetypes: readonly Archetype[];
  readonly plan: TierPlan;
}

/**
 * The design's components: the core every system has (entry point, application, system of record,
 * and the cache, write log and object storage its decisions chose), renamed and described for this
 * system by its archetypes, plus each archetype's own components, sized by the engine.
 */
export function architectureOf(state: SessionState, knowledge: ComposeKnowledge): Architecture {
  const s = signalsOf(state, knowledge.capacity);
  const choice = chosenArchetypes(state, knowledge.archetypes);
  const quantities = quantitiesOf(s.estimate, s.answers, choice.archetypes);
  const decided = designDecisions(state);
  const override = coreOverride(
    choice.archetypes,
    quantities,
    knowledge.plan,
    (component) => component.type === 'datastore' && decided.datastore === CUSTOM,
  );
  const components: Component[] = [];
  const flows: Flow[] = [];
  const add = (component: Component): void => {
    const renamed = override(component);
    components.push(renamed);
  };
  const flow = (from: string, to: string, label: string): void => {
    flows.push({ from, to, label });
  };

  const microservices = decided.architecture === 'microservices';
  const withCache = decided.cache === 'cache-aside' || decided.cache === 'write-through';
  const withQueue = decided.writePath === 'queue' || decided.writePath === 'stream';
  const log = decided.writePath === 'stream';
  const datastoreLabel = decisionLabel(state, 'high-level.datastore') ?? 'Datastore';
  const partitioned = isPartitionedStore(decided.datastore);
  const blobs = s.blobs;
  const fleet = appServers(s);

  add({
    id: 'client',
    name: 'Clients',
    type: 'client',
    purpose: 'Web, mobile or service callers of the public API.',
    api: 'HTTPS requests to the gateway.',
    data: 'None of record; may cache responses per HTTP caching headers.',
    failureMode:
      'Retries on timeout: the API must make retried writes idempotent (an idempotency key per request).',
  });
  add({
    id: 'gateway',
    name: 'Load balancer / API gateway',
    type: 'gateway',
    purpose: `Terminates TLS, authenticates and spreads ${formatRate(s.peakQps)} peak across ${instancesText(fleet.servers)}.`,
    api: 'Public HTTPS.',
    data: 'Routing rules.',
    failureMode: 'Managed and multi-zone; a routing change, not hardware, is the risk.',
  });
  flow('client', 'gateway', 'HTTPS');

  const services: Component[] = microservices
    ? [
        {
          id: 'write-service',
          name: 'Write service',
          type: 'service',
          purpose: 'Validates and accepts writes.',
          api: 'POST/PUT endpoints; emits events for other services.',
          data: 'Owns the system-of-record tables.',
          failureMode: 'Writes fail or queue; reads keep working from the read service.',
        },
        {
          id: 'read-service',
          name: 'Read service',
          type: 'service',
          purpose: 'Serves reads, scaled separately from writes.',
          api: 'GET endpoints.',
          data: 'Reads the datastore and cache; owns nothing.',
          failureMode: 'Reads fail; each extra network hop adds latency and a failure point.',
        },
      ]
    : [
        {
          id: 'app',
          name: 'Application service',
          type: 'service',
          purpose: `Stateless: ${instancesText(fleet.servers)} at ${formatRate(s.capacity.appServerRequestsPerSecond)} each and ${formatPercent(T.targetUtilisation)} target utilisation.`,
          api: 'The public API; modules call each other in-process.',
          data: 'None (stateless).',
          failureMode: 'A crash loses in-flight requests; idempotent ones are retried on another instance.',
        },
      ];
  for (const service of services) {
    add(service);
    flow('gateway', service.id, 'request');
  }
  const writer = services[0]?.id ?? 'app';
  const reader = services[services.length - 1]?.id ?? 'app';

  if (withCache) {
    const writeThrough = decided.cache === 'write-through';
    const hotSet = cachedHotSet(s.estimate);
    add({
      id: 'cache',
      name: writeThrough ? 'Write-through cache (Redis)' : 'Cache (Redis)',
      type: 'cache',
      purpose: `${
        hotSet.records
          ? `Holds the hot records and a short id list per ${s.partitionKey}, not whole responses: ${formatBytes(hotSet.bytes)} of records instead of ${formatBytes(s.cacheBytes)} of ${formatBytes(s.readSize)} responses`
          : `Holds the hot keys: ${formatBytes(s.cacheBytes)}`
      } covers the 20% of data that draws about 80% of ${formatRate(s.peakReads)} peak reads.${writeThrough ? ' Every write updates it after the datastore commits.' : ''}`,
      api: `GET/SET/DEL by ${s.partitionKey}, TTL-bound.`,
      data: 'Copies only.',
      failureMode: `A cold cache sends ${formatRate(s.peakReads)} to the store until it warms.`,
    });
    flow(reader, 'cache', 'get / set');
    if (writeThrough) flow(writer, 'cache', 'write through');
  }
  if (withQueue) {
    add({
      id: 'queue',
      name: log ? 'Write log (replicated stream)' : 'Write queue',
      type: log ? 'stream' : 'queue',
      purpose: `Takes ${formatRate(s.peakWrites)} of writes at peak and hands them to workers: it buys durability before the write is applied, retries, and decoupling from a slow datastore, not a lower peak (the workers and datastore must keep up with the peak, or lag grows).`,
      api: log
        ? `publish(event) partitioned by ${s.partitionKey}; consumer groups read in order per key.`
        : 'enqueue(write); workers receive, apply and delete; a message seen 5 times goes to a dead-letter queue.',
      data: log
        ? 'Pending writes for the retention window of the log (e.g. 7 days), replayable by new consumers.'
        : 'Pending writes until they are applied; no order across messages.',
      failureMode:
        'If consumers stall, lag grows and new writes are invisible until they catch up; alert on lag in seconds.',
    });
    add({
      id: 'workers',
      name: 'Write workers',
      type: 'worker',
      purpose: `Apply ${formatRate(s.peakWrites)} of writes at peak to the datastore, idempotently.`,
      api: 'None public.',
      data: 'Consumer offsets.',
      failureMode: 'Resumes from the last committed offset; idempotent writes absorb duplicates.',
    });
    flow(writer, 'queue', 'publish write');
    flow('queue', 'workers', 'consume');
  }
  add({
    id: 'datastore',
    name: datastoreName(decided.datastore, datastoreLabel),
    type: 'datastore',
    purpose: blobs
      ? `System of record for metadata (${datastoreLabel}): ${formatBytes(s.databaseBytes)} per copy over the retention period.`
      : `System of record (${datastoreLabel}): ${formatBytes(s.storagePerDay)} a day, ${formatBytes(s.storageRetention)} over the retention period including replicas.`,
    api: `Reads and writes by ${s.partitionKey}.`,
    data: blobs ? 'Metadata and object keys.' : 'Every record.',
    failureMode:
      partitioned === undefined
        ? `Not checked: "${datastoreLabel}" is your own choice, so its failover and quorum rules are yours to state here.`
        : partitioned
          ? 'Node failure: the other replicas of each partition keep serving; a quorum (2 of 3) must stay up for writes.'
          : 'Primary failure: writes stop until the standby is promoted (aim for under 60 s, automated); reads continue from replicas.',
  });
  flow(withQueue ? 'workers' : writer, 'datastore', 'write');
  if (!withCache || microservices) flow(reader, 'datastore', 'read');
  else flow('cache', 'datastore', 'miss: read');
  if (blobs) {
    add({
      id: 'blob-store',
      name: 'Object storage',
      type: 'blob-store',
      purpose: `Holds the payloads (${formatBytes(s.writeSize)} each, ${formatBytes(s.storagePerCopy)} over the retention period), which would make the database outgrow one machine.`,
      api: 'PUT/GET by object key; pre-signed URLs let clients upload and download directly.',
      data: 'Payload bytes, with lifecycle rules that expire them at the end of retention.',
      failureMode:
        'Regional service with high durability; an outage blocks payload reads while metadata stays available.',
    });
    flow(writer, 'blob-store', 'put payload');
  }

  const own = archetypeComponents(choice.archetypes, decided, quantities, knowledge.plan, {
    app: writer,
    reader,
  });
  for (const component of own.components) components.push(component);
  if (decided.features === 'streaming' && !components.some((c) => c.type === 'stream-processor')) {
    // Streaming features were decided and no archetype brought a stream processor: the core adds one.
    const store = components.find((c) => c.type === 'feature-store');
    components.push({
      id: 'stream-processor',
      name: 'Stream processor',
      type: 'stream-processor',
      purpose: `Computes features ${s.answers.featureFreshness?.text ?? 'within seconds'} from the event stream of ${formatRate(s.peakWrites)} peak writes.`,
      api: 'Consumes events; writes feature values keyed by entity.',
      data: 'Windowed aggregates and checkpoints.',
      failureMode:
        'Restarts from its checkpoint; features go stale meanwhile, so serving must tolerate missing or old values.',
    });
    flows.push({ from: withQueue ? 'queue' : writer, to: 'stream-processor', label: 'events' });
    if (store) flows.push({ from: 'stream-processor', to: store.id, label: 'feature updates' });
  }
  const present = new Set(components.map((component) => component.id));
  for (const f of own.flows) if (present.has(f.from) && present.has(f.to)) flows.push(f);

  const named = components.filter((component) => component.type !== 'client');
  return {
    components,
    flows,
    summary: `${named.length} components for ${formatRate(s.peakQps)} peak and ${formatBytes(s.storageRetention)} stored: ${named.map((component) => component.name).join(', ')}.`,
  };
}
