/**
 * The high-level architecture follows from the decisions and the numbers: a component exists
 * because a decision or a threshold put it there, and its description says what it costs and how it
 * fails.
 */
import type { Capacity } from '../../../knowledge/throughput.js';
import { formatBytes, formatRate } from '../../../estimation/index.js';
import type { SessionState } from '../../../protocol/types.js';
import type { Architecture, Component, Flow } from '../../../protocols/design/model.js';
import { appServers, instancesText } from './proposal-kit.js';
import { signalsOf, type Signals } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';

/** Option A, option B, or the user's own words, for one decision. */
export function chose(state: SessionState, id: string): 'A' | 'B' | 'other' | undefined {
  return state.decisions[id]?.choice;
}

/** A short component name for the chosen datastore, from the words of the choice. */
export function datastoreName(choice: string): string {
  if (/distributed sql|spanner|cockroach/i.test(choice)) return 'Distributed SQL database';
  if (/postgres/i.test(choice)) return /shard/i.test(choice) ? 'PostgreSQL (sharded)' : 'PostgreSQL';
  if (/mysql/i.test(choice)) return 'MySQL';
  if (/wide-column|cassandra|scylla/i.test(choice)) return 'Wide-column store';
  if (/key-value|dynamo/i.test(choice)) return 'Key-value store';
  if (/mongo|document/i.test(choice)) return 'Document store';
  return 'Datastore';
}

/** Whether the store is partitioned by design (wide-column, key-value, distributed SQL) rather than a relational primary. */
export function isPartitionedStore(choice: string): boolean {
  return (
    /wide-column|cassandra|scylla|key-value|dynamo|distributed sql|spanner|cockroach/i.test(choice) &&
    !/^postgres/i.test(choice)
  );
}

/** Whether the recorded choice is the option labelled "yes, add it" for decisions whose A/B flip with the numbers. */
export function chosenLabel(state: SessionState, id: string): string {
  return state.decisions[id]?.chosen ?? '';
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

  const microservices =
    chose(state, 'high-level.architecture') === 'B' ||
    /micro ?services?/i.test(chosenLabel(state, 'high-level.architecture'));
  const withCache =
    /cache-aside|redis|cache/i.test(chosenLabel(state, 'high-level.cache')) &&
    !/^no cache/i.test(chosenLabel(state, 'high-level.cache'));
  const withQueue =
    /queue|kafka|sqs/i.test(chosenLabel(state, 'high-level.write-path')) &&
    !/^write synchronously/i.test(chosenLabel(state, 'high-level.write-path'));
  const datastoreLabel = chosenLabel(state, 'high-level.datastore') || 'Datastore';
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
          purpose: `Stateless modular monolith holding the business logic; ${instancesText(fleet.servers)} at ${formatRate(s.capacity.appServerRequestsPerSecond)} each and ${Math.round(T.targetUtilisation * 100)}% target utilisation (${fleet.powerOfTwo} when rounded to a power of two).`,
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
    add({
      id: 'cache',
      name: 'Cache (Redis)',
      type: 'cache',
      purpose: `Holds the hot keys: ${formatBytes(s.cacheBytes)} covers the 20% of data that draws about 80% of ${formatRate(s.peakReads)} peak reads.`,
      api: `GET/SET/DEL by ${s.partitionKey}, TTL-bound.`,
      data: 'Copies only; never the system of record.',
      failureMode:
        'On failure every read falls through to the datastore: size the datastore to survive a cold cache for minutes, or shed load.',
    });
    flow(reader, 'cache', 'get / set');
  }
  if (withQueue) {
    add({
      id: 'queue',
      name: 'Write queue (replicated log)',
      type: 'queue',
      purpose: `Absorbs write bursts of ${formatRate(s.peakWrites)} so the datastore applies about ${formatRate(s.peakWrites / s.peakFactor)} steadily.`,
      api: `publish(event) partitioned by ${s.partitionKey}; consumer groups read in order per key.`,
      data: 'Pending writes for the retention window of the log (e.g. 7 days).',
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
    name: datastoreName(datastoreLabel),
    type: 'datastore',
    purpose: blobs
      ? `System of record for metadata (${datastoreLabel}): ${formatBytes(s.databaseBytes)} per copy over the retention period.`
      : `System of record (${datastoreLabel}): ${formatBytes(s.storagePerDay)} a day, ${formatBytes(s.storageRetention)} over the retention period including replicas.`,
    api: `Reads and writes by ${s.partitionKey}; secondary indexes only for named queries.`,
    data: blobs ? 'Metadata and object keys for every record.' : 'Every record for the retention period.',
    failureMode: isPartitionedStore(datastoreLabel)
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
  const batch = /batch scoring|precompute/i.test(chosenLabel(state, 'high-level.serving'));
  const streaming = /streaming/i.test(chosenLabel(state, 'high-level.features'));
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
