// 1x sizes of the ML compute tiers: LLM serving (GPU memory and decode throughput), embedding,
// batch scoring sized from its deadline, and model servers sized on the requests that call the
// model. Capacities (tokens/s, items/s, records/s) come from the dated tables, passed in.
import { calcBytes, calcNumber, calcRate } from './calc-text.js';
import { formatCount, formatDuration, formatPercent } from './format.js';
import { clean } from './numbers.js';
import {
  bytesFigure,
  calcQuantity,
  calcRatio,
  requireInputs,
  roundUpText,
  tierOf,
  tierProduct,
  utilisationText,
  type Figure,
  type TierSize,
} from './tier-size.js';
import { SECONDS_PER_HOUR, type Bytes, type Fraction, type PerSecond, type Seconds } from './units.js';

/** peak / (per unit x utilisation), rounded up, at least `minimum`. */
function rateTier(
  peakText: string,
  peak: PerSecond,
  perUnit: PerSecond,
  utilisation: Fraction,
  minimum: number,
  unit: string,
): TierSize {
  return tierOf(
    `${peakText} / (${calcRate(perUnit)} per ${unit} x ${utilisationText(utilisation)})`,
    peak / clean(perUnit * utilisation),
    minimum,
    unit,
  );
}

export interface KvShape {
  readonly layers: number;
  /** Key/value heads: fewer than the attention heads under grouped-query attention. */
  readonly kvHeads: number;
  readonly headDim: number;
  /** 2 for an fp16 cache, 1 for fp8. */
  readonly bytesPerValue: Bytes;
}

/** KV cache per token = 2 (a key and a value) x layers x KV heads x head dim x bytes per value. */
export function kvBytesPerToken(shape: KvShape): Figure {
  const { layers, kvHeads, headDim, bytesPerValue } = shape;
  requireInputs('kvBytesPerToken', {
    layers: [layers, 'copies'],
    kvHeads: [kvHeads, 'copies'],
    headDim: [headDim, 'copies'],
    bytesPerValue: [bytesPerValue, 'capacity'],
  });
  const bytes = clean(2 * layers * kvHeads * headDim * bytesPerValue);
  const result = `${formatCount(bytes)} B/token`;
  return {
    value: bytes,
    calculation: `2 (key and value) x ${formatCount(layers)} layers x ${formatCount(kvHeads)} KV heads x ${formatCount(headDim)} head dim x ${calcNumber(bytesPerValue)} B = ${result}`,
    result,
  };
}

export interface LlmServingInput {
  readonly parameters: number;
  readonly bytesPerParameter: Bytes;
  /** The label of the precision the bytes per parameter belong to. */
  readonly precision: 'fp16' | 'int8' | 'int4';
  readonly kvBytesPerToken: Bytes;
  readonly contextTokens: number;
  /** Sequences one replica decodes at once (its continuous batch). */
  readonly concurrentSequences: number;
  readonly gpuMemoryBytes: Bytes;
  /** Share of GPU memory for weights and KV cache; the rest is activations and the CUDA context. */
  readonly gpuMemoryUsable: Fraction;
  readonly peakOutputTokensPerSecond: PerSecond;
  /** Aggregate output tokens/s of one replica at that batch. */
  readonly outputTokensPerSecondPerReplica: PerSecond;
  readonly utilisation: Fraction;
  /** 1 by default; 2 keeps serving through the loss of a replica. */
  readonly minReplicas?: number;
}

export interface LlmServingSize {
  readonly weights: Figure;
  /** KV cache of one replica at full context and batch. */
  readonly kvCache: Figure;
  readonly gpusPerReplica: TierSize;
  readonly replicas: TierSize;
  readonly gpus: TierSize;
}

function nextPowerOfTwo(count: number): number {
  let power = 1;
  while (power < count) power *= 2;
  return power;
}

/**
 * GPU memory is weights plus KV cache; GPUs per replica round up to a power of two, since tensor
 * parallelism splits attention heads evenly (1, 2, 4 or 8 GPUs). Replicas come from decode
 * throughput at peak; total GPUs = replicas x GPUs per replica.
 */
export function llmServing(input: LlmServingInput): LlmServingSize {
  const { parameters, bytesPerParameter, precision, contextTokens, concurrentSequences: sequences } = input;
  const { gpuMemoryBytes, gpuMemoryUsable, peakOutputTokensPerSecond: peak, utilisation } = input;
  const perReplica = input.outputTokensPerSecondPerReplica;
  const minReplicas = input.minReplicas ?? 1;
  requireInputs('llmServing', {
    parameters: [parameters, 'capacity'],
    bytesPerParameter: [bytesPerParameter, 'capacity'],
    kvBytesPerToken: [input.kvBytesPerToken, 'capacity'],
    contextTokens: [contextTokens, 'copies'],
    concurrentSequences: [sequences, 'copies'],
    gpuMemoryBytes: [gpuMemoryBytes, 'capacity'],
    gpuMemoryUsable: [gpuMemoryUsable, 'fraction'],
    peakOutputTokensPerSecond: [peak, 'load'],
    outputTokensPerSecondPerReplica: [perReplica, 'capacity'],
    utilisation: [utilisation, 'fraction'],
    minReplicas: [minReplicas, 'count'],
  });
  const weights = bytesFigure(
    clean(parameters * bytesPerParameter),
    `${calcQuantity(parameters)} parameters x ${calcNumber(bytesPerParameter)} B (${precision})`,
  );
  const kvCache = bytesFigure(
    clean(input.kvBytesPerToken * contextTokens * sequences),
    `${formatCount(input.kvBytesPerToken)} B/token x ${formatCount(contextTokens)} context tokens x ${formatCount(sequences)} concurrent sequences`,
  );
  const needed = clean(weights.value + kvCache.value);
  const memoryText = `(${weights.result} weights + ${kvCache.result} KV cache) / (${calcBytes(gpuMemoryBytes)} per GPU x ${formatPercent(gpuMemoryUsable)} usable)`;
  const byMemory = tierOf(memoryText, needed / clean(gpuMemoryBytes * gpuMemoryUsable), 1, 'GPU', needed);
  const perReplicaGpus = nextPowerOfTwo(byMemory.count);
  const gpusPerReplica =
    perReplicaGpus === byMemory.count
      ? byMemory
      : tierProduct(
          `${memoryText} = ${roundUpText(clean(needed / clean(gpuMemoryBytes * gpuMemoryUsable))).text}, next power of two for tensor parallelism`,
          perReplicaGpus,
          'GPU',
          needed,
        );
  const replicas = rateTier(
    `${calcRate(peak)} peak output tokens`,
    peak,
    perReplica,
    utilisation,
    minReplicas,
    'replica',
  );
  return {
    weights,
    kvCache,
    gpusPerReplica,
    replicas,
    gpus: tierProduct(
      `${replicas.result} x ${gpusPerReplica.result} per replica`,
      replicas.count * perReplicaGpus,
      'GPU',
      clean(needed * replicas.count),
    ),
  };
}

export interface EmbeddingInput {
  readonly peakItemsPerSecond: PerSecond;
  readonly itemsPerSecondPerUnit: PerSecond;
  readonly utilisation: Fraction;
  /** What one unit is: 'GPU', 'replica', 'worker'. */
  readonly unit: string;
  readonly minUnits?: number;
}

/** units = max(minUnits (1), ceil(peak items / (items per unit x utilisation))). */
export function embeddingThroughput(input: EmbeddingInput): TierSize {
  const { peakItemsPerSecond: peak, itemsPerSecondPerUnit: perUnit, utilisation, unit } = input;
  const minUnits = input.minUnits ?? 1;
  requireInputs('embeddingThroughput', {
    peakItemsPerSecond: [peak, 'load'],
    itemsPerSecondPerUnit: [perUnit, 'capacity'],
    utilisation: [utilisation, 'fraction'],
    minUnits: [minUnits, 'count'],
  });
  return rateTier(`${calcRate(peak)} peak items`, peak, perUnit, utilisation, minUnits, unit);
}

export interface BatchDeadlineInput {
  readonly records: number;
  /** The window the run must finish in. */
  readonly windowSeconds: Seconds;
  readonly recordsPerSecondPerWorker: PerSecond;
  readonly runsPerMonth: number;
  readonly minWorkers?: number;
}

export interface BatchSize {
  /** records / window. */
  readonly requiredRate: Figure;
  readonly workers: TierSize;
  /** How long a run takes with that many workers (at most the window). */
  readonly runSeconds: Figure;
  /** Workers are billed for the run, not the whole window: they start for the job and stop after it. */
  readonly workerHoursPerRun: Figure;
  readonly workerHoursPerMonth: Figure;
}

/** workers = ceil(records / window / records per worker); worker-hours from the actual run time. */
export function batchDeadline(input: BatchDeadlineInput): BatchSize {
  const { records, windowSeconds: window, recordsPerSecondPerWorker: perWorker, runsPerMonth } = input;
  const minWorkers = input.minWorkers ?? 1;
  requireInputs('batchDeadline', {
    records: [records, 'load'],
    windowSeconds: [window, 'capacity'],
    recordsPerSecondPerWorker: [perWorker, 'capacity'],
    runsPerMonth: [runsPerMonth, 'load'],
    minWorkers: [minWorkers, 'copies'],
  });
  const rate = clean(records / window);
  const windowText = `${formatDuration(window)} window (${formatCount(window)} s)`;
  const requiredRate: Figure = {
    value: rate,
    calculation: `${calcQuantity(records)} records / ${windowText} = ${calcRate(rate)}`,
    result: calcRate(rate),
  };
  const workers = tierOf(
    `${calcRate(rate)} required / ${calcRate(perWorker)} per worker`,
    rate / perWorker,
    minWorkers,
    'worker',
  );
  const seconds = clean(records / (workers.count * perWorker));
  const runText = `${calcRatio(seconds)} s (${formatDuration(seconds)})`;
  const hours = clean(seconds / SECONDS_PER_HOUR);
  const perRun = clean(workers.count * hours);
  const perMonth = clean(perRun * runsPerMonth);
  return {
    requiredRate,
    workers,
    runSeconds: {
      value: seconds,
      calculation: `${calcQuantity(records)} records / (${workers.result} x ${calcRate(perWorker)}) = ${runText}`,
      result: runText,
    },
    workerHoursPerRun: {
      value: perRun,
      calculation: `${workers.result} x ${calcNumber(hours)} h per run = ${calcNumber(perRun)} worker-hours`,
      result: `${calcNumber(perRun)} worker-hours`,
    },
    workerHoursPerMonth: {
      value: perMonth,
      calculation: `${calcNumber(perRun)} worker-hours x ${calcNumber(runsPerMonth)} runs/month = ${calcNumber(perMonth)} worker-hours/month`,
      result: `${calcNumber(perMonth)} worker-hours/month`,
    },
  };
}

export interface ModelServingInput {
  readonly peakRequests: PerSecond;
  /** Share of requests that call the model (not writes plus reads). */
  readonly shareCallingModel: Fraction;
  readonly predictionsPerReplica: PerSecond;
  readonly utilisation: Fraction;
  /** Two by default: a model server is on the request path. */
  readonly minReplicas?: number;
}

/** model QPS = peak requests x share calling the model; replicas = ceil(model QPS / (per replica x utilisation)). */
export function modelServingReplicas(input: ModelServingInput): TierSize {
  const { peakRequests, shareCallingModel: share, predictionsPerReplica: perReplica, utilisation } = input;
  const minReplicas = input.minReplicas ?? 2;
  requireInputs('modelServingReplicas', {
    peakRequests: [peakRequests, 'load'],
    shareCallingModel: [share, 'share'],
    predictionsPerReplica: [perReplica, 'capacity'],
    utilisation: [utilisation, 'fraction'],
    minReplicas: [minReplicas, 'count'],
  });
  const predictions = clean(peakRequests * share);
  return rateTier(
    `${calcRate(peakRequests)} peak requests x ${formatPercent(share)} calling the model = ${calcRate(predictions)} predictions`,
    predictions,
    perReplica,
    utilisation,
    minReplicas,
    'replica',
  );
}
