import { describe, expect, it } from 'vitest';
import {
  estimate,
  TRAFFIC_METRIC_IDS,
  metric,
  parseRate,
  scaleInput,
  type EstimateInput,
} from '../../../src/estimation/index.js';
import { get, run } from '../../support/results.js';

const TEN_M_PER_DAY = 10_000_000 / 86_400;
const FIVE_YEARS = 5 * 31_536_000;

function input(overrides: Partial<EstimateInput> = {}): EstimateInput {
  return {
    writes: { perSecond: TEN_M_PER_DAY, perUser: false, period: 'day' },
    reads: { ratio: 10 },
    writeSizeBytes: 1_000,
    retentionSeconds: FIVE_YEARS,
    ...overrides,
  };
}

describe('estimate: 10M writes/day, 10:1 reads, 1 KB, 5 years', () => {
  const result = run(input());

  it('returns every metric once, in a stable order', () => {
    expect(result.metrics.map((m) => m.id)).toEqual([...TRAFFIC_METRIC_IDS]);
  });

  it('computes traffic with its calculation', () => {
    expect(get(result, 'write_qps')).toEqual({
      id: 'write_qps',
      label: 'Average write QPS',
      value: 115.740_740_741,
      unit: 'per_second',
      calculation: '10M writes/day / 86,400 s/day = 115.7/s',
      result: '~116/s',
    });
    expect(get(result, 'read_qps').calculation).toBe('10 reads per write x 115.7/s writes = 1,157/s');
    expect(get(result, 'read_qps').result).toBe('~1,160/s');
    expect(get(result, 'total_qps').calculation).toBe('115.7/s writes + 1,157/s reads = 1,273/s');
    expect(get(result, 'peak_qps').calculation).toBe('1,273/s average x peak factor 2 (default) = 2,546/s');
    expect(get(result, 'peak_qps').result).toBe('~2,550/s');
    expect(get(result, 'peak_write_qps').value).toBeCloseTo(231.481_481, 5);
    expect(get(result, 'peak_read_qps').value).toBeCloseTo(2_314.814_81, 4);
  });

  it('computes storage per day, month and over retention', () => {
    expect(get(result, 'storage_per_day').value).toBe(10_000_000_000);
    expect(get(result, 'storage_per_day').calculation).toBe(
      '10M writes/day x 1 KB x replication 1 (default) = 10 GB/day',
    );
    expect(get(result, 'storage_per_month').value).toBe(300_000_000_000);
    expect(get(result, 'storage_per_month').calculation).toBe('10 GB/day x 30 days/month = 300 GB');
    expect(get(result, 'storage_total').value).toBe(18_250_000_000_000);
    expect(get(result, 'storage_total').calculation).toBe('10 GB/day x 1,825 days of retention = 18.25 TB');
    expect(get(result, 'storage_total').result).toBe('~18.3 TB');
    expect(get(result, 'storage_per_month').result).toBe('300 GB');
  });

  it('shows bandwidth in bytes and bits per second', () => {
    const bandwidthIn = get(result, 'ingress_bandwidth');
    expect(bandwidthIn.unit).toBe('bytes_per_second');
    expect(bandwidthIn.value).toBeCloseTo(115_740.74, 2);
    expect(bandwidthIn.result).toBe('~116 KB/s (~926 kbit/s)');
    expect(bandwidthIn.calculation).toBe('115.7/s writes x 1 KB = 115.7 KB/s (x 8 bit/B = 925.9 kbit/s)');
    expect(get(result, 'egress_bandwidth').result).toBe('~1.16 MB/s (~9.26 Mbit/s)');
  });

  it('sizes the cache by the 80/20 rule and says so', () => {
    const cache = get(result, 'cache_memory');
    expect(cache.value).toBe(20_000_000_000);
    expect(cache.result).toBe('20 GB');
    expect(cache.calculation).toContain('20% x (100M reads/day x 1 KB) = 20 GB');
    expect(cache.calculation).toContain('80/20 rule');
  });

  it('applies and flags defaults, and lists its assumptions', () => {
    expect(result.input.peakFactor).toBe(2);
    expect(result.input.replication).toBe(1);
    expect(result.input.readSizeBytes).toBe(1_000);
    expect(result.input.defaulted).toEqual(['readSizeBytes', 'peakFactor', 'replication']);
    expect(result.assumptions).toContain('a month is 30 days and a year is 365 days');
    expect(result.assumptions).toContain('1 KB = 1000 B (SI prefixes; KiB = 1024 B only when written so)');
    expect(result.assumptions).toContain('peak factor 2 (default): peak = average x peak factor');
    expect(result.assumptions).toContain('read size = write size (default)');
  });
});

describe('estimate: per-user rates', () => {
  const result = run(
    input({
      dailyActiveUsers: 10_000_000,
      writes: { perSecond: 2 / 86_400, perUser: true, period: 'day' },
      reads: { perSecond: 100 / 86_400, perUser: true, period: 'day' },
      readSizeBytes: 2_000,
      peakFactor: 3,
      replication: 3,
    }),
  );

  it('multiplies by daily active users and shows it', () => {
    expect(get(result, 'write_qps').calculation).toBe('10M users x 2/day = 20M/day / 86,400 s/day = 231.5/s');
    expect(get(result, 'read_qps').calculation).toBe(
      '10M users x 100/day = 1B/day / 86,400 s/day = 11,570/s',
    );
    expect(get(result, 'peak_qps').calculation).toBe('11,810/s average x peak factor 3 = 35,420/s');
  });

  it('replicates storage and uses the read size for reads', () => {
    expect(get(result, 'storage_per_day').value).toBe(60_000_000_000);
    expect(get(result, 'storage_per_day').calculation).toBe(
      '20M writes/day x 1 KB x replication 3 = 60 GB/day',
    );
    expect(get(result, 'cache_memory').value).toBe(400_000_000_000);
    expect(result.input.defaulted).toEqual([]);
    expect(result.assumptions).toContain('10,000,000 daily active users');
  });
});

describe('estimate: calculations echo the period the rate was written in', () => {
  it('10M/month / 2,592,000 s/month = 3.858/s', () => {
    const rate = parseRate('10M/month');
    if (!rate.ok) throw new Error(rate.error);
    const writes = get(run(input({ writes: rate.value })), 'write_qps');
    expect(writes.calculation).toBe('10M writes/month / 2,592,000 s/month = 3.858/s');
    expect(writes.result).toBe('~3.86/s');
  });

  it('a per-second rate is given as is', () => {
    const result = run(input({ writes: { perSecond: 1_160, perUser: false, period: 'second' } }));
    expect(get(result, 'write_qps').calculation).toBe('1,160 writes/s (given)');
  });

  it('a rate without a period is shown per day', () => {
    const result = run(input({ writes: { perSecond: TEN_M_PER_DAY, perUser: false } }));
    expect(get(result, 'write_qps').calculation).toBe('10M writes/day / 86,400 s/day = 115.7/s');
  });

  it('absolute reads are independent of writes', () => {
    const result = run(input({ reads: { perSecond: 500, perUser: false, period: 'second' } }));
    expect(get(result, 'read_qps').value).toBe(500);
    expect(get(result, 'read_qps').calculation).toBe('500 reads/s (given)');
  });

  it('write-only systems have no read traffic and no cache', () => {
    const result = run(input({ reads: { ratio: 0 } }));
    expect(get(result, 'peak_read_qps').value).toBe(0);
    expect(get(result, 'cache_memory').result).toBe('0 B');
  });
});

describe('estimate: refuses bad input with a message naming the field', () => {
  it.each<[string, Partial<EstimateInput>, string]>([
    [
      'per-user writes without users',
      { writes: { perSecond: 1, perUser: true } },
      'writes are per user, so dailyActiveUsers is needed: give the daily active users (e.g. "10M")',
    ],
    [
      'per-user reads without users',
      { reads: { perSecond: 1, perUser: true } },
      'reads are per user, so dailyActiveUsers is needed: give the daily active users (e.g. "10M")',
    ],
    [
      'zero writes',
      { writes: { perSecond: 0, perUser: false } },
      'writes.perSecond must be a finite number above 0, got 0',
    ],
    [
      'infinite writes',
      { writes: { perSecond: Number.POSITIVE_INFINITY, perUser: false } },
      'writes.perSecond must be a finite number above 0, got Infinity',
    ],
    ['negative ratio', { reads: { ratio: -1 } }, 'reads.ratio must be a finite number of 0 or more, got -1'],
    [
      'NaN read rate',
      { reads: { perSecond: Number.NaN, perUser: false } },
      'reads.perSecond must be a finite number of 0 or more, got NaN',
    ],
    ['zero write size', { writeSizeBytes: 0 }, 'writeSizeBytes must be a finite number above 0, got 0'],
    ['negative read size', { readSizeBytes: -5 }, 'readSizeBytes must be a finite number above 0, got -5'],
    ['zero retention', { retentionSeconds: 0 }, 'retentionSeconds must be a finite number above 0, got 0'],
    ['peak below 1', { peakFactor: 0.5 }, 'peakFactor must be a finite number of 1 or more, got 0.5'],
    ['replication 0', { replication: 0 }, 'replication must be a finite number of 1 or more, got 0'],
    ['zero users', { dailyActiveUsers: 0 }, 'dailyActiveUsers must be a finite number above 0, got 0'],
  ])('%s', (_name, overrides, message) => {
    expect(estimate(input(overrides))).toEqual({ ok: false, error: message });
  });
});

describe('scaleInput', () => {
  it('multiplies users and absolute rates, not per-user rates, ratios, sizes or retention', () => {
    const base = input({
      dailyActiveUsers: 1_000_000,
      writes: { perSecond: 2 / 86_400, perUser: true, period: 'day' },
      reads: { perSecond: 100, perUser: false, period: 'second' },
      readSizeBytes: 5_000,
    });
    const scaled = scaleInput(base, 10);
    expect(scaled.dailyActiveUsers).toBe(10_000_000);
    expect(scaled.writes).toEqual(base.writes);
    expect(scaled.reads).toEqual({ perSecond: 1_000, perUser: false, period: 'second' });
    expect(scaled.writeSizeBytes).toBe(1_000);
    expect(scaled.readSizeBytes).toBe(5_000);
    expect(scaled.retentionSeconds).toBe(FIVE_YEARS);
  });

  it('100x the load is 100x the QPS and storage', () => {
    const base = run(input());
    const scaled = run(scaleInput(input(), 100));
    expect(get(scaled, 'peak_qps').value).toBeCloseTo(get(base, 'peak_qps').value * 100, 6);
    expect(get(scaled, 'storage_total').value).toBe(get(base, 'storage_total').value * 100);
    expect(scaleInput(input(), 100).reads).toEqual({ ratio: 10 });
  });

  it('leaves an absent user count absent', () => {
    expect('dailyActiveUsers' in scaleInput(input(), 10)).toBe(false);
  });
});

describe('metric', () => {
  it('returns undefined for an unknown id', () => {
    expect(metric(run(input()), 'qps.p99')).toBeUndefined();
  });
});
