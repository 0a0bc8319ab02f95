/**
 * Which bucket each workflow component belongs in: a pipeline, a deployed pipeline (an HTTP
 * endpoint), not a pipeline (with what to use instead), or deferred. Deterministic rules, checked
 * in order, each with an id and a reason that answers the four questions: batch or continuous?
 * repeatable? artifacts worth versioning? several steps?
 */
import { formatMilliseconds } from '../../estimation/index.js';
import { traitsOf, type Traits, type Trigger, type WorkflowComponent } from './components.js';

export const BUCKETS = ['pipeline', 'deployed', 'not-a-pipeline', 'defer'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const BUCKET_LABELS: Readonly<Record<Bucket, string>> = {
  pipeline: 'Pipeline',
  deployed: 'Deployed pipeline (HTTP endpoint)',
  'not-a-pipeline': 'Not a pipeline',
  defer: 'Defer',
};

/** Below this P99 a deployed pipeline's per-request overhead may not fit; a serving framework may. */
export const DEDICATED_SERVING_SECONDS = 0.01;

export interface Classification {
  readonly component: WorkflowComponent;
  readonly traits: Traits;
  readonly bucket: Bucket;
  /** The rule that decided, or "moved" when the user moved the component. */
  readonly rule: string;
  readonly reason: string;
  /** For "not a pipeline": what to use instead. */
  readonly instead?: string;
}

interface Context {
  /** The P99 the user gave for "real-time", in seconds. */
  readonly latency?: number;
}

interface Rule {
  readonly id: string;
  readonly bucket: Bucket;
  readonly fires: (traits: Traits, context: Context) => boolean;
  readonly reason: (traits: Traits, context: Context) => string;
  readonly instead?: string;
}

const batchLike = (traits: Traits): boolean =>
  traits.trigger.kind === 'schedule' || traits.trigger.kind === 'event' || traits.trigger.kind === 'manual';

export const CLASSIFICATION_RULES: readonly Rule[] = [
  {
    id: 'one-off',
    bucket: 'not-a-pipeline',
    fires: (t) => t.oneOff && t.trigger.kind !== 'schedule',
    reason: () => 'it runs once: nothing repeats, so there is no run history or artifact to compare',
    instead: 'a one-off script, kept in the repository',
  },
  {
    id: 'ci',
    bucket: 'not-a-pipeline',
    fires: (t) => t.ci,
    reason: () => 'it runs on code changes, not on data: a different lifecycle from training and scoring',
    instead: 'the CI system (GitHub Actions, GitLab CI)',
  },
  {
    id: 'dashboard',
    bucket: 'not-a-pipeline',
    fires: (t) => t.dashboard,
    reason: () => 'it is a user interface, not a computation that runs and finishes',
    instead:
      'a dashboard tool (Streamlit, Grafana) or the product frontend, reading what the pipelines publish',
  },
  {
    id: 'alerting',
    bucket: 'not-a-pipeline',
    fires: (t) => t.alerting && !batchLike(t),
    reason: () =>
      'it must watch all the time and react in minutes; a pipeline runs in batches and then stops',
    instead: 'an alerting service (Grafana alerting, PagerDuty) fed by the metrics the pipelines log',
  },
  {
    id: 'stream',
    bucket: 'not-a-pipeline',
    fires: (t) => t.trigger.kind === 'continuous',
    reason: () => 'it is continuous: a stream never finishes, and pipelines are batch runs that do',
    instead:
      'a stream processor (Kafka Streams, Flink, Spark Structured Streaming); a pipeline may run periodically on what it accumulates',
  },
  {
    id: 'defer',
    bucket: 'defer',
    fires: (t) => t.deferred,
    reason: () =>
      'it could be a pipeline, but not in the first version: start with a fixed configuration and add it once the MVP runs end to end',
  },
  {
    id: 'sub-10ms-serving',
    bucket: 'not-a-pipeline',
    fires: (t, c) => t.trigger.kind === 'request' && (c.latency ?? 1) < DEDICATED_SERVING_SECONDS,
    reason: (_t, c) =>
      `it must answer within ${formatMilliseconds(c.latency ?? 0)}, under the ${formatMilliseconds(DEDICATED_SERVING_SECONDS)} where a deployed pipeline's per-request overhead may not fit; benchmark one first, but plan for a dedicated server`,
    instead:
      'a dedicated serving framework (Triton, TorchServe or a plain FastAPI service) loading the production model from the registry',
  },
  {
    id: 'endpoint',
    bucket: 'deployed',
    fires: (t) => t.trigger.kind === 'request',
    reason: (_t, c) =>
      `it answers requests over HTTP${c.latency === undefined ? '' : ` within ${formatMilliseconds(c.latency)}`}: a deployed pipeline; benchmark it with realistic payloads (per-request artifact storage off) before ruling it out`,
  },
  {
    id: 'etl-without-ml',
    bucket: 'not-a-pipeline',
    fires: (t) => !t.ml && t.artifacts.length === 0,
    reason: () => 'it moves data but trains, scores or versions nothing: no ML artifact worth tracking',
    instead: "a scheduler or cron job (or the data team's Airflow or dbt)",
  },
  {
    id: 'batch-ml',
    bucket: 'pipeline',
    fires: () => true,
    reason: (t) => {
      const when =
        t.trigger.kind === 'unspecified'
          ? 'a batch run (trigger not stated yet)'
          : `batch (${t.trigger.text})`;
      const artifacts =
        t.artifacts.length > 0
          ? `versions ${t.artifacts.join(', ')}`
          : 'produces ML outputs worth versioning';
      const steps = t.steps.length > 1 ? `${t.steps.length} steps` : 'one step, grouped with its neighbours';
      return `${when}, repeatable, ${artifacts}, ${steps}`;
    },
  },
];

export function classify(component: WorkflowComponent, context: Context = {}): Classification {
  const traits = traitsOf(component);
  const rule = CLASSIFICATION_RULES.find((candidate) => candidate.fires(traits, context));
  if (!rule) throw new Error('the last classification rule always fires');
  return {
    component,
    traits,
    bucket: rule.bucket,
    rule: rule.id,
    reason: rule.reason(traits, context),
    ...(rule.instead ? { instead: rule.instead } : {}),
  };
}

/**
 * A user's move: "tuning: pipeline" puts the component named tuning in that bucket; words after the
 * bucket say when it runs ("ingest: pipeline, nightly").
 */
export interface Move {
  readonly name: string;
  readonly bucket: Bucket;
  readonly trigger?: Trigger;
}

/**
 * The trigger a moved component runs on: the one the move states, else one that fits its new
 * bucket (an endpoint runs per request; a pipeline made of a stream or an endpoint runs on a
 * trigger not stated yet, never "continuous", which a batch run cannot be).
 */
function movedTrigger(traits: Traits, move: Move): Trigger {
  if (move.bucket === 'deployed') return { kind: 'request', text: 'per request (HTTP)' };
  if (move.trigger && move.trigger.kind !== 'unspecified') return move.trigger;
  if (
    move.bucket === 'pipeline' &&
    (traits.trigger.kind === 'continuous' || traits.trigger.kind === 'request')
  )
    return { kind: 'unspecified', text: 'not stated' };
  return traits.trigger;
}

export function applyMoves(classified: readonly Classification[], moves: readonly Move[]): Classification[] {
  return classified.map((item) => {
    const move = moves.find(
      (candidate) => candidate.name.toLowerCase() === item.component.name.toLowerCase(),
    );
    if (!move) return item;
    const trigger = movedTrigger(item.traits, move);
    if (move.bucket === item.bucket && trigger === item.traits.trigger) return item;
    const runs = trigger === item.traits.trigger ? '' : `; runs ${trigger.text}`;
    return {
      component: item.component,
      traits: { ...item.traits, trigger },
      bucket: move.bucket,
      rule: 'moved',
      reason:
        move.bucket === item.bucket
          ? `kept as "${BUCKET_LABELS[item.bucket]}" by you${runs}`
          : `moved by you from "${BUCKET_LABELS[item.bucket]}"${runs} (the rules said: ${item.reason})`,
      ...(move.bucket === 'not-a-pipeline' ? { instead: 'what you use for it today' } : {}),
    };
  });
}
