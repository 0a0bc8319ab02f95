// The traffic, storage, bandwidth and cache group, computed from whatever subset of its inputs is
// present. estimate() runs it on a complete input; estimateFromSpec() on whatever the spec gives.
import { egressMetric, ingressMetric } from './bandwidth.js';
import type { CoreInput, Metric } from './estimate-types.js';
import { cacheMetric, storageMetrics } from './storage.js';
import { partialTraffic } from './traffic.js';
import type { PerSecond } from './units.js';

export interface CoreResult {
  metrics: Metric[];
  writesPerSecond?: PerSecond;
  readsPerSecond?: PerSecond;
  totalPerSecond?: PerSecond;
  peakPerSecond?: PerSecond;
}

export function coreMetrics(input: CoreInput): CoreResult {
  const rates = partialTraffic(input);
  const { writesPerSecond: writes, readsPerSecond: reads } = rates;
  const { writeSizeBytes: writeSize, readSizeBytes: readSize } = input;
  const metrics = [...rates.metrics];
  if (writes !== undefined && writeSize !== undefined) {
    metrics.push(...storageMetrics(input, writes, writeSize), ingressMetric(writes, writeSize));
  }
  if (reads !== undefined && readSize !== undefined) {
    metrics.push(egressMetric(reads, readSize), cacheMetric(input, reads, readSize));
  }
  return { ...rates, metrics };
}
