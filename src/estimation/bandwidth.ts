// Network traffic at the service edge, shown in bytes (storage people) and bits (network people).
import { calcBytes, calcRate, metricOf } from './calc-text.js';
import type { Metric, MetricId, NormalisedInput } from './estimate-types.js';
import { formatBitsPerSecond, formatBytesPerSecond } from './format.js';
import { clean } from './numbers.js';
import type { Bytes, PerSecond } from './units.js';

function bandwidthMetric(
  id: MetricId,
  label: string,
  noun: string,
  perSecond: PerSecond,
  size: Bytes,
): Metric {
  const bytesPerSecond = clean(perSecond * size);
  const both = `${formatBytesPerSecond(bytesPerSecond)} (${formatBitsPerSecond(bytesPerSecond)})`;
  return metricOf(
    id,
    label,
    bytesPerSecond,
    'bytes_per_second',
    `${calcRate(perSecond)} ${noun} x ${calcBytes(size)} = ${formatBytesPerSecond(bytesPerSecond, 4)} (x 8 bit/B = ${formatBitsPerSecond(bytesPerSecond, 4)})`,
    both,
  );
}

export function bandwidthMetrics(
  input: NormalisedInput,
  writesPerSecond: PerSecond,
  readsPerSecond: PerSecond,
): Metric[] {
  return [
    bandwidthMetric('ingress_bandwidth', 'Bandwidth in', 'writes', writesPerSecond, input.writeSizeBytes),
    bandwidthMetric('egress_bandwidth', 'Bandwidth out', 'reads', readsPerSecond, input.readSizeBytes),
  ];
}
