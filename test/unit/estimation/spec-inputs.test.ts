import { describe, expect, it } from 'vitest';
import {
  estimateFromSpec,
  type EstimateSpec,
  type Metric,
  type SpecEstimate,
} from '../../../src/estimation/index.js';
import { TABLES } from './spec-tables.js';

const TEN_M_PER_DAY = { perSecond: 10_000_000 / 86_400, perUser: false, period: 'day' } as const;
const FIVE_YEARS = 5 * 31_536_000;

function run(spec: EstimateSpec): SpecEstimate {
  const result = estimateFromSpec(spec, TABLES);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function get(result: SpecEstimate, id: string): Metric {
  const found = result.metrics.find((metric) => metric.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

const ids = (result: SpecEstimate): string[] => result.metrics.map((metric) => metric.id);

describe('estimateFromSpec: metrics are present whenever their inputs are', () => {
  it('computes QPS without storage when there is no write size', () => {
    const result = run({ writes: TEN_M_PER_DAY, readWriteRatio: 10 });
    expect(ids(result)).toEqual([
      'write_qps',
      'read_qps',
      'total_qps',
      'peak_qps',
      'peak_write_qps',
      'peak_read_qps',
    ]);
  });

  it('computes storage per day and month without retention, and no total', () => {
    const result = run({ writes: TEN_M_PER_DAY, writeSize: 1_000 });
    // Writes alone still give the totals (one set of metric ids whatever was given, issue 14).
    expect(ids(result)).toEqual([
      'write_qps',
      'total_qps',
      'peak_qps',
      'peak_write_qps',
      'storage_per_day',
      'storage_per_month',
      'ingress_bandwidth',
      'storage_cost_per_month',
    ]);
  });

  it('reads alone give read QPS, egress, cache and egress cost, from a read size', () => {
    const result = run({ reads: { perSecond: 500, perUser: false, period: 'second' }, readSize: 2_000 });
    expect(ids(result)).toEqual([
      'read_qps',
      'total_qps',
      'peak_qps',
      'peak_read_qps',
      'egress_bandwidth',
      'cache_memory',
      'egress_cost_per_day',
      'egress_cost_per_month',
    ]);
    expect(get(result, 'read_qps').result).toBe('500/s');
    expect(get(result, 'egress_bandwidth').result).toBe('1 MB/s (8 Mbit/s)');
  });

  it('a ratio without writes gives nothing', () => {
    expect(run({ readWriteRatio: 10 }).metrics).toEqual([]);
  });

  it('availability alone gives the downtimes, and no error budget without traffic', () => {
    const result = run({ availability: 0.9999 });
    expect(ids(result)).toEqual([
      'downtime_per_year',
      'downtime_per_quarter',
      'downtime_per_month',
      'downtime_per_week',
      'downtime_per_day',
    ]);
    // The SRE book's table: 99.99% is 52.56 minutes a year.
    expect(get(result, 'downtime_per_year').result).toBe('~52.6 min');
    expect(get(result, 'downtime_per_day').result).toBe('8.64 s');
  });

  it('servers need the peak; connection servers and GPU cost stand alone', () => {
    const result = run({ perServerQps: 100, connections: 1_000, connectionsPerServer: 300, gpuHours: 10 });
    expect(ids(result)).toEqual(['connection_servers', 'gpu_cost']);
    expect(get(result, 'connection_servers').value).toBe(4);
    expect(get(result, 'gpu_cost').value).toBe(10.06);
    expect(get(result, 'gpu_cost').result).toBe('~$10.1');
  });

  it('an empty spec gives nothing and warns about nothing', () => {
    expect(run({})).toEqual({ metrics: [], warnings: [], growth: [] });
  });
});

describe('estimateFromSpec: traffic from DAU and per-user rates', () => {
  const result = run({
    dau: 10_000_000,
    writesPerUser: { perSecond: 2 / 86_400, perUser: false, period: 'day' },
    readsPerUser: { perSecond: 100 / 86_400, perUser: true, period: 'day' },
    writeSize: 1_000,
    retention: FIVE_YEARS,
  });

  it('multiplies each per-user rate by the daily active users', () => {
    expect(get(result, 'write_qps').calculation).toBe('10M users x 2/day = 20M/day / 86,400 s/day = 231.5/s');
    expect(get(result, 'read_qps').calculation).toBe(
      '10M users x 100/day = 1B/day / 86,400 s/day = 11,570/s',
    );
    expect(get(result, 'read_qps').result).toBe('~11,600/s');
  });

  it('reads at the write size when no read size is given', () => {
    expect(get(result, 'egress_bandwidth').calculation).toBe(
      '11,570/s reads x 1 KB = 11.57 MB/s (x 8 bit/B = 92.59 Mbit/s)',
    );
  });
});

describe('estimateFromSpec: defaults are applied and said', () => {
  it('cache fraction defaults to 20% by the 80/20 rule', () => {
    const result = run({ writes: TEN_M_PER_DAY, readWriteRatio: 10, writeSize: 1_000 });
    expect(get(result, 'cache_memory').calculation).toBe(
      "20% x (100M reads/day x 1 KB) = 20 GB (cache fraction 20%, the default: by the 80/20 rule the hottest 20% of a day's reads serve about 80% of requests)",
    );
  });

  it('a given cache fraction replaces it', () => {
    const result = run({ writes: TEN_M_PER_DAY, readWriteRatio: 10, writeSize: 1_000, cacheFraction: 0.3 });
    expect(get(result, 'cache_memory').value).toBe(30e9);
    expect(get(result, 'cache_memory').calculation).toBe(
      '30% x (100M reads/day x 1 KB) = 30 GB (cache fraction 30%, given)',
    );
    expect(get(result, 'cache_memory').result).toBe('30 GB');
  });

  it('target utilisation defaults to 100%, batch size to 1', () => {
    const result = run({
      writes: { perSecond: 100, perUser: false, period: 'second' },
      readWriteRatio: 2,
      perServerQps: 100,
      modelLatency: 0.05,
    });
    // Peak: (100 + 200) x 2 = 600/s.
    expect(get(result, 'servers').calculation).toBe(
      '600/s peak / (100/s per server x 100% target utilisation (default: no headroom)) = 6 -> 6 servers (rounded up, at least 1)',
    );
    expect(get(result, 'servers_pow2').value).toBe(8);
    expect(get(result, 'servers_pow2').result).toBe('8 servers');
    expect(get(result, 'inference_servers').calculation).toBe(
      'batch size 1 (default: one request per forward pass) / 50 ms model latency = 20/s per server; 600/s peak / (20/s x 100% target utilisation (default: no headroom)) = 30 -> 30 servers (rounded up, one model replica each)',
    );
  });

  it('a peak factor and replication given are used and not marked as defaults', () => {
    const result = run({ writes: TEN_M_PER_DAY, writeSize: 1_000, peakFactor: 3, replication: 3 });
    expect(get(result, 'peak_write_qps').calculation).toBe('115.7/s writes x peak factor 3 = 347.2/s');
    expect(get(result, 'storage_per_day').calculation).toBe(
      '10M writes/day x 1 KB x replication 3 = 30 GB/day',
    );
    expect(get(result, 'storage_per_day').result).toBe('30 GB');
  });
});
