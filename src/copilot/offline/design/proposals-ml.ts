/** Proposals for ML systems: how predictions are served and where features are computed. */
import { formatDuration, formatRate, servers } from '../../../estimation/index.js';
import { option, staleness, type Builder } from './proposal-kit.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';
import { onlineNeeded } from '../../../protocols/design/facts.js';

export const serving: Builder = (s) => {
  const p99 = s.p99 ?? Number.POSITIVE_INFINITY;
  const freshness = s.answers.predictionFreshness;
  // Freshness decides, never the P99 alone: a slow P99 with real-time predictions is still online.
  const batchable = onlineNeeded(s.facts) === false;
  const generation = s.facts.interactiveGeneration === true;
  const edge = p99 < T.edgeServingP99 && !generation;
  const fleet = servers(s.peakQps, s.capacity.modelServerRequestsPerSecond, T.targetUtilisation);
  const online = generation
    ? option(
        'A',
        'online',
        'Online generation on GPUs (an LLM server with continuous batching)',
        'A GPU model server generates each answer as the user asks, streaming tokens back; requests share the GPUs through continuous batching.',
        [
          'answers use the question and the retrieved context of this request',
          'tokens stream as they are generated',
        ],
        [
          "the model is in the request path: its latency and failures are the API's",
          'GPUs are the largest cost: size them from tokens per second at peak, and keep a fallback answer',
        ],
      )
    : option(
        'A',
        'online',
        'Online inference service behind the API',
        `A model server scores each request: ${fleet.servers} CPU replica(s) at ${formatRate(s.peakQps)} peak (planning ${formatRate(s.capacity.modelServerRequestsPerSecond)} per replica).`,
        ['predictions use the freshest features', 'one model version serves every request'],
        [
          "the model is in the request path: its latency and failures are the API's",
          `needs autoscaling above ${formatRate(T.autoscaleRequestsPerSecond)} and a fallback prediction`,
        ],
      );
  const batch = option(
    'A',
    'batch',
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
      position: `Option A: when a prediction may be ${staleness(freshness)} old, scoring in batch and looking results up is simpler, cheaper and faster at request time than a model in the request path. Serve online once predictions must be fresher than ${formatDuration(T.batchFreshness)}.`,
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
            'optimised-online',
            'Optimised online inference (quantised or distilled model on CPU, or at the edge)',
            `A P99 under ${Math.round(T.edgeServingP99 * 1000)} ms leaves no room for a network hop plus a full model: optimise the model and serve it in-process or at the edge.`,
            ['fits a tight latency budget', 'no extra network hop'],
            ['accuracy cost of compression must be measured', 'model updates ship with the service'],
          )
        : online,
      option(
        'B',
        'batch',
        'Precompute predictions in batch and look them up',
        batch.summary,
        batch.pros,
        batch.cons,
      ),
    ],
    position: `Option A: ${generation ? 'a model answering users as they ask cannot be precomputed, whatever the P99' : `predictions are needed ${freshness?.realtime ? 'in real time' : `within ${staleness(freshness)}`}, under the batch period of ${formatDuration(T.batchFreshness)}, so they are computed per request whatever the P99 (${s.show.p99})`}. ${s.peakQps > T.autoscaleRequestsPerSecond ? `At ${s.show.peakQps} the model servers need autoscaling on concurrency, with a default prediction when they are saturated.` : 'Keep a default prediction for when the model server is unavailable.'}`,
    detail:
      'Budget the P99: network and API (about 10 ms), online feature reads (about 5 ms), model inference (the rest, minus slack). Batch requests dynamically only if the budget has room for the batching window (2-10 ms).',
  };
};

export const features: Builder = (s) => {
  const freshness = s.answers.featureFreshness;
  const streaming = freshness !== undefined && freshness.seconds <= T.streamingFeatureFreshness;
  const stream = option(
    'A',
    'streaming',
    'Streaming features into a feature store (online and offline stores)',
    'A stream processor updates aggregates within seconds into an online store read at serving time; the same definitions backfill the offline store for training.',
    ['fresh features (seconds)', 'one definition for training and serving avoids skew'],
    ['a stream processor and an online store to run', 'backfills and late events need care'],
  );
  const nightly = option(
    'A',
    'batch',
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
