/**
 * What to watch on each component of this design, what pages, and how each degrades: written per
 * component type with the design's own numbers, so a design without a queue is not told about queue
 * lag and a batch job is watched against its deadline, not its request rate.
 */
import { formatBytes, formatCount, formatRate } from '../../../estimation/index.js';
import type { Component } from '../../../protocols/design/model.js';
import type { Signals } from './signals.js';

/** Seconds of consumer lag that page when no staleness was stated. */
const DEFAULT_LAG_SECONDS = 60;

/** The lag a log or queue may reach before readers see data older than the requirements allow. */
export function lagBudgetSeconds(s: Signals): number {
  return s.answers.consistency?.stalenessSeconds ?? DEFAULT_LAG_SECONDS;
}

const ms = (seconds: number): string => `${Math.round(seconds * 1000)} ms`;

/** The signal that tells whether this component is healthy, in this design's numbers. */
export function signalOf(component: Component, s: Signals): string | undefined {
  const name = component.name;
  switch (component.type) {
    case 'gateway':
      return `${name}: requests per second against ${s.show.peakQps}, 5xx and timeouts per endpoint as users see them.`;
    case 'service':
      return `${name}: P99 per endpoint against ${s.show.p99}, CPU and the connection pool to the store.`;
    case 'connection-gateway':
      return `${name}: open sockets per host against the sizing, reconnect rate per minute (a spike means a host or a zone dropped its clients) and messages waiting per socket.`;
    case 'cache':
      return `${name}: hit rate (the store behind it is sized for the misses of ${s.show.peakReads}), memory used against ${s.show.cacheBytes} and evictions per second.`;
    case 'datastore':
      return `${name}: write latency, replication lag and storage against the ${s.show.storageRetention} planned for the retention period.`;
    case 'queue':
      return `${name}: age of the oldest message in seconds, not the message count, and the dead-letter count.`;
    case 'stream':
      return `${name}: consumer lag in seconds per consumer group and under-replicated partitions.`;
    case 'worker':
      return `${name}: messages applied per second against ${s.show.peakWrites}, retries and poison messages.`;
    case 'blob-store':
      return `${name}: PUT and GET errors, time from upload to metadata commit, and bytes stored against ${s.show.storagePerCopy} per copy.`;
    case 'llm-serving':
      return `${name}: time to first token and tokens per second per sequence, GPU memory (weights plus KV cache) and sequences waiting for a slot.`;
    case 'embedding':
      return `${name}: documents embedded per second and the backlog waiting to be embedded.`;
    case 'vector-index':
      return `${name}: recall on a fixed probe set of queries, query latency and the age of the newest indexed vector.`;
    case 'search-index':
      return `${name}: time from a write to being searchable, query P99 and shard size.`;
    case 'geo-index':
      return `${name}: location updates per second, the age of the newest position per cell and query P99.`;
    case 'analytics-store':
      return `${name}: load lag behind its source, dashboard query P99 and hot-tier size.`;
    case 'presence':
      return `${name}: heartbeats per second, share of users shown online and how late an expired session is cleared.`;
    case 'notification':
      return `${name}: deliveries per second and delivery latency per provider, rejected device tokens and retries.`;
    case 'id-generator':
      return `${name}: ranges leased per minute and the share of the identifier space used.`;
    case 'rate-limiter':
      return `${name}: share of requests rejected per client tier and the latency the check adds to each request.`;
    case 'scheduler':
      return `${name}: each job's finish time against its deadline, runs missed and runs retried.`;
    case 'batch-scoring':
      return `${name}: finish time of each run against its deadline, records scored per second against the rate the deadline needs, and records that failed.`;
    case 'stream-processor':
      return `${name}: processing lag behind its input and the age of the last checkpoint.`;
    case 'model-serving':
      return `${name}: prediction P99 against ${s.show.p99}, the share of fallback predictions, and the score distribution against the training baseline (PSI over 0.2 investigate, over 0.25 retrain).`;
    case 'feature-store':
      return `${name}: feature age against the agreed freshness, lookup P99 and the share of default values served.`;
    case 'model-registry':
      return `${name}: age of the serving model against the update period, promotions and rollbacks.`;
    case 'training-pipeline':
      return `${name}: last successful run, its duration, and the candidate's evaluation against the serving model before promotion (accuracy 5% down investigate, 10% down retrain).`;
    case 'cdn':
      return `${name}: edge hit ratio and origin requests per second.`;
    case 'client':
    case 'monitoring':
      return undefined;
  }
}

/** An alert whose threshold follows from this design's numbers; undefined where none does. */
export function alertOf(component: Component, s: Signals): string | undefined {
  const name = component.name;
  const lag = lagBudgetSeconds(s);
  switch (component.type) {
    case 'cache':
      return `${name}: page when the hit rate falls under 80%: at ${formatRate(s.peakReads)} peak reads that sends over ${formatRate(s.peakReads * 0.2)} to the store.`;
    case 'queue':
    case 'stream':
      return `${name}: page when the lag passes ${formatCount(lag)} s, about ${formatCount(Math.round(s.peakWrites * lag))} messages behind at the peak.`;
    case 'datastore':
      return `${name}: page when replication lag passes ${formatCount(lag)} s or storage passes 80% of ${formatBytes(s.storagePerCopy)} per copy.`;
    case 'llm-serving':
      return s.p99 === undefined
        ? undefined
        : `${name}: page when time to first token passes ${ms(s.p99 / 2)} for 10 minutes, half the ${ms(s.p99)} budget.`;
    case 'batch-scoring':
    case 'scheduler':
      return `${name}: page when a run is not finished by its deadline minus the time of one rerun.`;
    case 'connection-gateway':
      return `${name}: page when reconnects pass 3x their usual rate for 5 minutes.`;
    default:
      return undefined;
  }
}

/** How this kind of component degrades, where it degrades in a way a user can see. */
export function degradationOf(component: Component, s: Signals): string | undefined {
  switch (component.type) {
    case 'cache':
      return `Reads fall through to the store, which must carry ${formatRate(s.peakReads)} at the peak while the cache warms; shed low-priority reads if it cannot.`;
    case 'queue':
    case 'stream':
      return `Producers buffer briefly, then return 503 with Retry-After; nothing acknowledged is lost, and readers see writes late by the lag.`;
    case 'feature-store':
      return 'Serve default feature values and mark those predictions as degraded.';
    case 'batch-scoring':
      return 'Keep serving the last good run; alert when it is older than twice the period.';
    case 'blob-store':
      return 'Metadata stays readable; payload reads fail with a clear message and a retry.';
    case 'connection-gateway':
      return 'Clients reconnect to another host with jittered backoff and fetch what they missed from the store.';
    case 'vector-index':
    case 'search-index':
      return 'Answer from the last good index snapshot; new documents become findable once it catches up.';
    default:
      return undefined;
  }
}
