/**
 * Sizing facts read from the estimate that both the design's computed results (the cost) and the
 * offline co-pilot's drafts use, so a design is never sized one way and billed another.
 */
import type { Estimate, MetricId } from '../../estimation/index.js';
import type { Capacity } from '../../knowledge/throughput.js';
import { THRESHOLDS as T } from './thresholds.js';

export function metricValue(estimate: Estimate, id: MetricId): number {
  return estimate.metrics.find((metric) => metric.id === id)?.value ?? 0;
}

/**
 * Where payloads live: large payloads always go to object storage; smaller ones too when they would
 * make the database outgrow one primary. Used at 1x and at the 10x/100x deep-dive multiples.
 */
export function payloadPlacement(
  estimate: Estimate,
  capacity: Capacity,
): { blobs: boolean; databaseBytes: number } {
  const perCopy = metricValue(estimate, 'storage_total') / estimate.input.replication;
  const size = estimate.input.writeSizeBytes;
  const blobs =
    size >= T.blobBytes || (perCopy > capacity.relationalPrimaryBytes && size >= T.blobBytesWhenLarge);
  const records = metricValue(estimate, 'write_qps') * estimate.input.retentionSeconds;
  return { blobs, databaseBytes: blobs ? records * T.metadataBytesPerRecord : perCopy };
}

/**
 * The cache's hot set as the design caches it. A hot set of whole responses over a terabyte, where a
 * response is at least 5 times the record it is built from (a feed page, a conversation page), means
 * the cached unit is too big: the design caches the records and short id lists instead, which is
 * the same 80/20 estimate at the records' size.
 */
export function cachedHotSet(estimate: Estimate): { bytes: number; records: boolean } {
  const responses = metricValue(estimate, 'cache_memory');
  const { writeSizeBytes: record, readSizeBytes: response } = estimate.input;
  const records = responses >= 1e12 && response >= record * 5;
  return { bytes: records ? responses * (record / response) : responses, records };
}
