/**
 * The high-level architecture follows from the decisions and the numbers: a component exists
 * because a decision or a threshold put it there, and its description says what it costs and how it
 * fails.
 */
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
import { appServers, instancesText } from './proposal-kit.js';
import { signalsOf, type Signals } from './signals.js';
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

export function architectureOf(state: SessionState, capacity: Capacity): Architecture {
  const s = signalsOf(state, capacity);
  const components: Component[] = [];
  const flows: Flow[] = [];
  const add = (component: Component): void => {
    components.push(component);
  };
  const flow = (from: string, to: string, label: string): void => {
    flows.push({ from, to, label });
  };

  const decided = designDecisions(state);
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
    purpose: `Terminates TLS, authenticates, rate-limits and spreads ${formatRate(s.peakQps)} peak across the application instances.`,
    api: 'Public HTTPS API; health checks to every instance.',
    data: 'Rate-limit counters and routing config only.',
    failureMode:
      'Runs as a managed, multi-zone service; if one zone fails it stops routing there. Misconfiguration is the real risk: changes go through review and canary.',
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
          purpose: `Stateless modular monolith holding the business logic; ${instancesText(fleet.servers)} at ${formatRate(s.capacity.appServerRequestsPerSecond)} each and ${formatPercent(T.targetUtilisation)} target utilisation (${fleet.powerOfTwo} when rounded to a power of two).`,
          api: 'The public API behind the gateway; internal modules call each other in-process.',
          data: 'None of its own: state lives in the datastore, so any instance can serve any request.',
          failureMode:
            'An instance crash loses only in-flight requests; the gateway retries idempotent ones elsewhere. Run at least 2 instances across zones.',
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
    add({
      id: 'cache',
      name: writeThrough ? 'Write-through cache (Redis)' : 'Cache (Redis)',
      type: 'cache',
      purpose: `Holds the hot keys: ${formatBytes(s.cacheBytes)} covers the 20% of data that draws about 80% of ${formatRate(s.peakReads)} peak reads.${writeThrough ? ' Every write updates it after the datastore commits.' : ''}`,
      api: `GET/SET/DEL by ${s.partitionKey}, TTL-bound.`,
      data: 'Copies only; never the system of record.',
      failureMode:
        'On failure every read falls through to the datastore: size the datastore to survive a cold cache for minutes, or shed load.',
    });
    flow(reader, 'cache', 'get / set');
    if (writeThrough) flow(writer, 'cache', 'write through');
  }
  if (withQueue) {
    add({
      id: 'queue',
      name: log ? 'Write log (replicated stream)' : 'Write queue',
      type: 'queue',
      purpose: `Absorbs write bursts of ${formatRate(s.peakWrites)} so the datastore applies about ${formatRate(s.peakWrites / s.peakFactor)} steadily.`,
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
      type: 'service',
      purpose: 'Consume the queue and apply writes to the datastore idempotently.',
      api: 'No public API; reads the queue, writes the datastore.',
      data: 'Consumer offsets only.',
      failureMode:
        'A crashed worker resumes from its last committed offset; duplicates are absorbed by idempotent writes.',
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
    api: `Reads and writes by ${s.partitionKey}; secondary indexes only for named queries.`,
    data: blobs ? 'Metadata and object keys for every record.' : 'Every record for the retention period.',
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

  if (s.ml) addMlComponents(state, s, add, flow, reader);

  return {
    components,
    flows,
    summary: `${components.filter((component) => component.type !== 'client').length} components for ${formatRate(s.peakQps)} peak and ${formatBytes(s.storageRetention)} stored: ${components
      .filter((component) => component.type !== 'client')
      .map((component) => component.name)
      .join(', ')}.`,
  };
}

function addMlComponents(
  state: SessionState,
  s: Signals,
  add: (component: Component) => void,
  flow: (from: string, to: string, label: string) => void,
  caller: string,
): void {
  const decided = designDecisions(state);
  const batch = decided.serving === 'batch';
  const streaming = decided.features === 'streaming';
  if (streaming) {
    add({
      id: 'stream-processor',
      name: 'Stream processor',
      type: 'stream-processor',
      purpose: `Computes features ${s.answers.featureFreshness?.text ?? 'within seconds'} from the event stream.`,
      api: 'Consumes events; writes feature values keyed by entity.',
      data: 'Windowed aggregates and checkpoints.',
      failureMode:
        'Restarts from its checkpoint; features go stale meanwhile, so serving must tolerate missing or old values.',
    });
  }
  add({
    id: 'feature-store',
    name: 'Feature store',
    type: 'feature-store',
    purpose:
      'One definition of each feature, served online for inference and offline (point-in-time) for training.',
    api: 'get_online_features(entity_ids) in single-digit ms; point-in-time joins offline.',
    data: 'Online: latest value per entity. Offline: full history for training.',
    failureMode:
      'Online store down: serve with default feature values and flag the predictions; never block the request.',
  });
  if (streaming) flow('stream-processor', 'feature-store', 'feature updates');
  if (batch) {
    add({
      id: 'batch-scoring',
      name: 'Batch scoring job',
      type: 'batch-scoring',
      purpose: 'Scores every entity on a schedule and writes predictions to the prediction store.',
      api: 'Scheduled job; reads features and the production model.',
      data: 'Predictions keyed by entity, with model version and time.',
      failureMode:
        "A failed run leaves yesterday's predictions in place; alert when they are older than twice the period.",
    });
    flow('feature-store', 'batch-scoring', 'features');
    flow('batch-scoring', 'datastore', 'predictions');
  } else {
    add({
      id: 'model-serving',
      name: 'Model serving',
      type: 'model-serving',
      purpose: `Scores requests online within the latency budget (${s.show.p99}).`,
      api: 'POST /predict {entity_id, context} -> {score, model_version}.',
      data: 'The loaded production model; no state of record.',
      failureMode:
        'Timeout or overload: return a default prediction (or rules-based score) and log it; autoscale on concurrency.',
    });
    flow(caller, 'model-serving', 'predict');
    flow('model-serving', 'feature-store', 'online features');
  }
  add({
    id: 'training',
    name: 'Training pipeline',
    type: 'training-pipeline',
    purpose: `Retrains the model ${s.answers.modelUpdate?.text ?? 'on a schedule'} from logged features and labels, and evaluates it against the production model.`,
    api: 'Scheduled or triggered run; outputs a model version with metrics.',
    data: 'Training sets, evaluation reports, model artifacts.',
    failureMode:
      'A failed run changes nothing in production; alert when the model is older than two update periods.',
  });
  add({
    id: 'registry',
    name: 'Model registry',
    type: 'model-registry',
    purpose: 'Versions models and promotes one to production after evaluation.',
    api: 'register(version, metrics); promote(version, stage); get(production).',
    data: 'Model versions, lineage, stages (staging, production, archived).',
    failureMode: 'Unavailable registry blocks promotions only; serving keeps the loaded model.',
  });
  add({
    id: 'monitoring',
    name: 'Model monitoring',
    type: 'monitoring',
    purpose: 'Tracks prediction and feature drift (PSI), data quality and, once labels arrive, accuracy.',
    api: 'Consumes prediction logs and outcomes; raises alerts and retraining triggers.',
    data: 'Prediction logs, reference distributions, metric history.',
    failureMode: 'If monitoring stops, the model degrades silently: alert on missing monitoring data itself.',
  });
  flow('feature-store', 'training', 'training sets');
  flow('training', 'registry', 'register version');
  flow('registry', batch ? 'batch-scoring' : 'model-serving', 'load production model');
  flow(batch ? 'batch-scoring' : 'model-serving', 'monitoring', 'prediction logs');
}
