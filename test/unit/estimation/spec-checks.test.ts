import { describe, expect, it } from 'vitest';
import { checkSpec, estimateFromSpec, type EstimateSpec, type Rate } from '../../../src/estimation/index.js';
import { TABLES } from './spec-tables.js';

const PER_DAY = (count: number): Rate => ({ perSecond: count / 86_400, perUser: false, period: 'day' });
const PER_USER = { perSecond: 2 / 86_400, perUser: true, period: 'day' } as const;
const YEAR = 31_536_000;

describe('checkSpec: errors name the input by its spec-file name', () => {
  it.each<[string, EstimateSpec, string]>([
    ['peak factor below 1', { peakFactor: 0.5 }, 'peak_factor: must be at least 1, got 0.5'],
    ['zero per-server QPS', { perServerQps: 0 }, 'per_server_qps: must be above 0, got 0'],
    [
      'negative connections per server',
      { connectionsPerServer: -10 },
      'connections_per_server: must be above 0, got -10',
    ],
    ['zero write size', { writeSize: 0 }, 'write_size: must be above 0, got 0'],
    ['negative read size', { readSize: -1 }, 'read_size: must be above 0, got -1'],
    ['zero retention', { retention: 0 }, 'retention: must be above 0, got 0'],
    ['zero batch size', { batchSize: 0 }, 'batch_size: must be above 0, got 0'],
    ['negative model latency', { modelLatency: -0.02 }, 'model_latency: must be above 0, got -0.02'],
    ['zero dau', { dau: 0 }, 'dau: must be above 0, got 0'],
    ['zero example size', { exampleSize: 0 }, 'example_size: must be above 0, got 0'],
    ['zero bytes per feature', { bytesPerFeature: 0 }, 'bytes_per_feature: must be above 0, got 0'],
    ['negative ratio', { readWriteRatio: -1 }, 'read_write_ratio: must be 0 or more, got -1'],
    ['negative price', { storagePrice: -0.01 }, 'storage_price: must be 0 or more, got -0.01'],
    ['negative GPU hours', { gpuHours: -5 }, 'gpu_hours: must be 0 or more, got -5'],
    ['NaN connections', { connections: Number.NaN }, 'connections: must be a finite number, got NaN'],
    [
      'infinite write size',
      { writeSize: Number.POSITIVE_INFINITY },
      'write_size: must be a finite number, got Infinity',
    ],
    [
      'negative writes',
      { writes: { perSecond: -1, perUser: false } },
      'writes: must be a finite rate of 0 or more, got -1/s',
    ],
    [
      'availability of 100%',
      { availability: 1 },
      'availability: must be below 100% (100% allows no downtime and no change), got 100%',
    ],
    [
      'availability above 100%',
      { availability: 1.5 },
      'availability: must be below 100% (100% allows no downtime and no change), got 150%',
    ],
    ['negative availability', { availability: -0.05 }, 'availability: must be 0% or more, got -5%'],
    [
      'zero target utilisation',
      { targetUtilization: 0 },
      'target_utilization: must be above 0 and at most 1 (100%), got 0',
    ],
    [
      'target utilisation above 1',
      { targetUtilization: 1.2 },
      'target_utilization: must be above 0 and at most 1 (100%), got 1.2',
    ],
    [
      'zero cache fraction',
      { cacheFraction: 0 },
      'cache_fraction: must be above 0 and at most 1 (100%), got 0',
    ],
    [
      'cache fraction above 1',
      { cacheFraction: 2 },
      'cache_fraction: must be above 0 and at most 1 (100%), got 2',
    ],
    ['replication below 1', { replication: 0.5 }, 'replication: must be at least 1, got 0.5'],
    [
      'writes per user without dau',
      { writesPerUser: PER_USER },
      'writes_per_user: is per user, so dau is needed: give the daily active users (e.g. dau: 10M)',
    ],
    [
      'reads per user without dau',
      { writes: PER_DAY(1_000), readsPerUser: PER_USER },
      'reads_per_user: is per user, so dau is needed: give the daily active users (e.g. dau: 10M)',
    ],
    [
      'a per-user rate given as writes, without dau',
      { writes: PER_USER },
      'writes: is per user, so dau is needed: give the daily active users (e.g. dau: 10M)',
    ],
    [
      'writes and writes per user',
      { dau: 1_000, writes: PER_DAY(1_000), writesPerUser: PER_USER },
      'writes_per_user: ambiguous: writes is also given; give writes (the total) or writes_per_user (with dau), not both',
    ],
    [
      'reads and a read:write ratio',
      { writes: PER_DAY(1_000), reads: PER_DAY(10_000), readWriteRatio: 10 },
      'read_write_ratio: ambiguous: reads is also given; give only one of reads, reads_per_user or read_write_ratio',
    ],
    [
      'reads per user and a read:write ratio',
      { dau: 1_000, writes: PER_DAY(1_000), readsPerUser: PER_USER, readWriteRatio: 10 },
      'read_write_ratio: ambiguous: reads_per_user is also given; give only one of reads, reads_per_user or read_write_ratio',
    ],
    [
      'a latency budget without a path',
      { latencyBudget: 0.2 },
      'latency_budget: needs path, the components a request passes through (e.g. gateway,service,cache,db)',
    ],
    [
      'a path without a latency budget',
      { path: ['gateway', 'db'] },
      'path: needs latency_budget, the P99 budget to split across it (e.g. 200ms)',
    ],
    [
      'an empty path',
      { latencyBudget: 0.2, path: [] },
      'path: must name at least one component (e.g. gateway,service,cache,db)',
    ],
    ['an empty component', { latencyBudget: 0.2, path: ['gateway', ' '] }, 'path: component 2 is empty'],
    ['a zero latency budget', { latencyBudget: 0, path: ['db'] }, 'latency_budget: must be above 0, got 0'],
    ['a negative growth multiple', { growth: [10, -1] }, 'growth: every multiple must be above 0, got -1'],
  ])('%s', (_name, spec, message) => {
    expect(checkSpec(spec)).toEqual({ ok: false, error: message });
    expect(estimateFromSpec(spec, TABLES)).toEqual({ ok: false, error: message });
  });

  it('accepts the edges of each range', () => {
    expect(
      checkSpec({
        peakFactor: 1,
        replication: 1,
        targetUtilization: 1,
        cacheFraction: 1,
        availability: 0,
        connections: 0,
        readWriteRatio: 0,
        storagePrice: 0,
      }),
    ).toEqual({
      ok: true,
      value: [
        'read_write_ratio: 0 reads per write means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead',
        'target_utilization: 100% leaves no headroom for a failed server, a deploy or a spike; 60-80% is usual',
      ],
    });
    expect(checkSpec({})).toEqual({ ok: true, value: [] });
  });
});

describe('checkSpec: warnings for suspicious but usable input', () => {
  it.each<[string, EstimateSpec, string]>([
    [
      'reads below writes',
      { readWriteRatio: 0.5 },
      'read_write_ratio: 0.5 reads per write means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead',
    ],
    [
      'absolute reads below writes',
      { writes: { perSecond: 1_000, perUser: false }, reads: { perSecond: 250, perUser: false } },
      'reads: fewer reads than writes (0.25 per write) means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead',
    ],
    [
      'per-user reads below per-user writes',
      {
        dau: 1_000,
        writesPerUser: { perSecond: 10 / 86_400, perUser: true },
        readsPerUser: { perSecond: 5 / 86_400, perUser: true },
      },
      'reads_per_user: fewer reads than writes (0.5 per write) means writes dominate: a read cache will not help much; size the write path (partitioning, batching, a queue) instead',
    ],
    [
      'a peak factor above 10',
      { peakFactor: 12 },
      'peak_factor: 12 is above 10: check it; bursts that sharp are usually absorbed by a queue or autoscaling, not a fleet sized for the peak',
    ],
    [
      'a target utilisation above 80%',
      { targetUtilization: 0.9 },
      'target_utilization: 90% leaves no headroom for a failed server, a deploy or a spike; 60-80% is usual',
    ],
    [
      'availability above 99.999%',
      { availability: 0.999_999 },
      'availability: 99.9999% allows 31.5 s of downtime a year; above 99.999% few systems (and few of their dependencies) deliver: check it is a real requirement',
    ],
    [
      'retention above 10 years',
      { retention: 20 * YEAR },
      'retention: 20 years is above 10 years: check it; storage_total and its cost grow with every year kept',
    ],
  ])('%s', (_name, spec, warning) => {
    expect(checkSpec(spec)).toEqual({ ok: true, value: [warning] });
    const result = estimateFromSpec(spec, TABLES);
    expect(result.ok && result.value.warnings).toEqual([warning]);
  });

  it('does not warn at the thresholds', () => {
    expect(
      checkSpec({
        readWriteRatio: 1,
        peakFactor: 10,
        targetUtilization: 0.8,
        availability: 0.999_99,
        retention: 10 * YEAR,
      }),
    ).toEqual({ ok: true, value: [] });
  });
});
