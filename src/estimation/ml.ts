// ML sizes: the training set, the online feature store, and the inference fleet that serves the peak.
import { calcBytes, calcCompact, calcMs, calcNumber, calcRate, metricOf } from './calc-text.js';
import { displayBytes, displayServers } from './display.js';
import type { Metric } from './estimate-types.js';
import { plural, targetUtilisation, utilisationText } from './fleet.js';
import { clean } from './numbers.js';
import type { EstimateSpec } from './spec-types.js';
import type { PerSecond } from './units.js';

export const DEFAULT_BATCH_SIZE = 1;

function trainingMetric(spec: EstimateSpec): Metric[] {
  const { trainingExamples: examples, exampleSize: size } = spec;
  if (examples === undefined || size === undefined) return [];
  const bytes = clean(examples * size);
  return [
    metricOf(
      'training_data_volume',
      'Training data volume',
      bytes,
      'bytes',
      `${calcCompact(examples)} examples x ${calcBytes(size)} = ${calcBytes(bytes)} (one copy, uncompressed)`,
      displayBytes(bytes),
    ),
  ];
}

function featureStoreMetric(spec: EstimateSpec): Metric[] {
  const { entities, features, bytesPerFeature: size } = spec;
  if (entities === undefined || features === undefined || size === undefined) return [];
  const bytes = clean(entities * features * size);
  return [
    metricOf(
      'feature_store_size',
      'Feature store size',
      bytes,
      'bytes',
      `${calcCompact(entities)} entities x ${calcCompact(features)} features x ${calcBytes(size)} = ${calcBytes(bytes)} (values only: no keys, timestamps or replicas)`,
      displayBytes(bytes),
    ),
  ];
}

/**
 * One model replica per server runs one batch at a time, so a server completes batch / latency
 * requests a second; the fleet is the peak over that, at the target utilisation, rounded up.
 */
function inferenceMetric(spec: EstimateSpec, peakPerSecond: PerSecond | undefined): Metric[] {
  const latency = spec.modelLatency;
  if (peakPerSecond === undefined || latency === undefined) return [];
  const batch = spec.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchText =
    spec.batchSize === undefined
      ? `batch size ${batch} (default: one request per forward pass)`
      : `batch size ${calcNumber(batch)}`;
  const perServer = clean(batch / latency);
  const usable = clean(perServer * targetUtilisation(spec));
  const exact = clean(peakPerSecond / usable);
  const count = Math.max(1, Math.ceil(exact));
  return [
    metricOf(
      'inference_servers',
      'Inference servers',
      count,
      'count',
      `${batchText} / ${calcMs(latency)} model latency = ${calcRate(perServer)} per server; ${calcRate(peakPerSecond)} peak / (${calcRate(perServer)} x ${utilisationText(spec)}) = ${calcNumber(exact)} -> ${count} ${plural(count)} (rounded up, one model replica each)`,
      displayServers(count),
    ),
  ];
}

export function mlMetrics(spec: EstimateSpec, peakPerSecond: PerSecond | undefined): Metric[] {
  return [...trainingMetric(spec), ...featureStoreMetric(spec), ...inferenceMetric(spec, peakPerSecond)];
}
