// Network traffic at the service edge, shown in bytes (storage people) and bits (network people).
import { calcBytes, calcRate, metricOf } from './calc-text.js';
import { displayBandwidth } from './display.js';
import type { Metric, MetricId } from './estimate-types.js';
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
  return metricOf(
    id,
    label,
    bytesPerSecond,
    'bytes_per_second',
    `${calcRate(perSecond)} ${noun} x ${calcBytes(size)} = ${formatBytesPerSecond(bytesPerSecond, 4)} (x 8 bit/B = ${formatBitsPerSecond(bytesPerSecond, 4)})`,
    displayBandwidth(bytesPerSecond),
  );
}

/** Ingress needs writes and a write size, egress reads and a read size. */
export function ingressMetric(writesPerSecond: PerSecond, writeSize: Bytes): Metric {
  return bandwidthMetric('ingress_bandwidth', 'Bandwidth in', 'writes', writesPerSecond, writeSize);
}

export function egressMetric(readsPerSecond: PerSecond, readSize: Bytes): Metric {
  return bandwidthMetric('egress_bandwidth', 'Bandwidth out', 'reads', readsPerSecond, readSize);
}
