import { describe, expect, it } from 'vitest';
import {
  estimate,
  estimateFromSpec,
  METRIC_IDS,
  type EstimateSpec,
  type Metric,
  type SpecEstimate,
} from '../../../src/estimation/index.js';
import { TABLES } from './spec-tables.js';

const TEN_M_PER_DAY = { perSecond: 10_000_000 / 86_400, perUser: false, period: 'day' } as const;
const FIVE_YEARS = 5 * 31_536_000;

/** 10M writes/day, 10:1 reads, 1 KB, 5 years: the same system as engine.test.ts, and everything else. */
const FULL: EstimateSpec = {
  writes: TEN_M_PER_DAY,
  readWriteRatio: 10,
  writeSize: 1_000,
  retention: FIVE_YEARS,
  perServerQps: 1_000,
  targetUtilization: 0.7,
  connections: 1_000_000,
  connectionsPerServer: 50_000,
  availability: 0.999,
  trainingExamples: 500_000_000,
  exampleSize: 2_000,
  entities: 50_000_000,
  features: 200,
  bytesPerFeature: 8,
  modelLatency: 0.02,
  batchSize: 8,
  gpuHours: 500,
};

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

describe('estimateFromSpec: every metric of a full spec', () => {
  const result = run(FULL);

  it('returns every metric id once, in METRIC_IDS order', () => {
    expect(ids(result)).toEqual([...METRIC_IDS]);
    expect(result.warnings).toEqual([]);
    expect(result.growth).toEqual([]);
  });

  it('computes the traffic group exactly as estimate() does', () => {
    const classic = estimate({
      writes: TEN_M_PER_DAY,
      reads: { ratio: 10 },
      writeSizeBytes: 1_000,
      retentionSeconds: FIVE_YEARS,
    });
    if (!classic.ok) throw new Error(classic.error);
    for (const metric of classic.value.metrics) {
      expect(get(result, metric.id)).toEqual(metric);
    }
  });

  it.each<[string, number, string, string]>([
    [
      'servers',
      4,
      '2,546/s peak / (1,000/s per server x 70% target utilisation) = 3.638 -> 4 servers (rounded up, at least 1)',
      '4 servers',
    ],
    [
      'servers_pow2',
      4,
      '4 servers rounded up to the next power of two, for sharding by halves = 4',
      '4 servers',
    ],
    [
      'connection_servers',
      20,
      '1M concurrent connections / 50K per server = 20 -> 20 servers (rounded up, at least 1)',
      '20 servers',
    ],
    [
      'storage_cost_per_month',
      6.9,
      '300 GB written per month x $0.023/GB-month (price table of 2026-11-22) = $6.90/month',
      '$6.90/month',
    ],
    [
      'storage_cost_at_retention',
      419.75,
      '18,250 GB stored over retention x $0.023/GB-month (price table of 2026-11-22) = $419.75/month',
      '~$420/month',
    ],
    ['egress_cost_per_day', 9, '100 GB/day out x $0.09/GB (price table of 2026-11-22) = $9.00/day', '$9/day'],
    [
      'egress_cost_per_month',
      270,
      '100 GB/day x 30 days = 3,000 GB/month out x $0.09/GB (price table of 2026-11-22) = $270.00/month',
      '$270/month',
    ],
    [
      'compute_cost_per_month',
      580.608,
      '4 servers x $0.2016/hour (price table of 2026-11-22) x 720 hours/month = $580.61/month',
      '~$581/month',
    ],
    ['gpu_cost', 503, '500 GPU-hours x $1.006/GPU-hour (price table of 2026-11-22) = $503.00', '$503'],
    [
      'downtime_per_year',
      31_536,
      '(100% - 99.9%) x 31,536,000 s per year of 365 days = 8h 45m 36s',
      '8.76 h',
    ],
    [
      'downtime_per_quarter',
      7_884,
      '(100% - 99.9%) x 7,884,000 s per quarter of 91.25 days = 2h 11m 24s',
      '2.19 h',
    ],
    ['downtime_per_month', 2_592, '(100% - 99.9%) x 2,592,000 s per month of 30 days = 43m 12s', '43.2 min'],
    ['downtime_per_week', 604.8, '(100% - 99.9%) x 604,800 s per week = 10m 5s', '~10.1 min'],
    ['downtime_per_day', 86.4, '(100% - 99.9%) x 86,400 s per day = 1m 26s', '1.44 min'],
    [
      'error_budget_per_day',
      110_000,
      '(100% - 99.9%) x 110M requests/day = 110K failed requests/day',
      '110,000 requests/day',
    ],
    ['training_data_volume', 1e12, '500M examples x 2 KB = 1 TB (one copy, uncompressed)', '1 TB'],
    [
      'feature_store_size',
      80e9,
      '50M entities x 200 features x 8 B = 80 GB (values only: no keys, timestamps or replicas)',
      '80 GB',
    ],
    [
      'inference_servers',
      10,
      'batch size 8 / 20 ms model latency = 400/s per server; 2,546/s peak / (400/s x 70% target utilisation) = 9.094 -> 10 servers (rounded up, one model replica each)',
      '10 servers',
    ],
  ])('%s = %d', (id, value, calculation, display) => {
    const metric = get(result, id);
    expect(metric.value).toBe(value);
    expect(metric.calculation).toBe(calculation);
    expect(metric.result).toBe(display);
  });

  it('carries base units', () => {
    expect(get(result, 'servers').unit).toBe('count');
    expect(get(result, 'gpu_cost').unit).toBe('usd');
    expect(get(result, 'downtime_per_day').unit).toBe('seconds');
    expect(get(result, 'error_budget_per_day').unit).toBe('count');
    expect(get(result, 'feature_store_size').unit).toBe('bytes');
  });
});

describe('estimateFromSpec: prices from the table or given', () => {
  it('says "(given)" for a price in the spec and uses it', () => {
    const result = run({
      ...FULL,
      storagePrice: 0.01,
      egressPrice: 0.05,
      serverPrice: 0.5,
      gpuPrice: 2.5,
    });
    expect(get(result, 'storage_cost_per_month').calculation).toBe(
      '300 GB written per month x $0.01/GB-month (given) = $3.00/month',
    );
    expect(get(result, 'storage_cost_per_month').result).toBe('$3/month');
    expect(get(result, 'egress_cost_per_day').value).toBe(5);
    expect(get(result, 'egress_cost_per_day').calculation).toBe(
      '100 GB/day out x $0.05/GB (given) = $5.00/day',
    );
    expect(get(result, 'compute_cost_per_month').value).toBe(1_440);
    expect(get(result, 'compute_cost_per_month').result).toBe('$1,440/month');
    expect(get(result, 'gpu_cost').calculation).toBe('500 GPU-hours x $2.5/GPU-hour (given) = $1,250.00');
    expect(get(result, 'gpu_cost').result).toBe('$1,250');
  });

  it('mixes given and table prices', () => {
    const result = run({ ...FULL, egressPrice: 0.05 });
    expect(get(result, 'storage_cost_per_month').calculation).toContain('(price table of 2026-11-22)');
    expect(get(result, 'egress_cost_per_day').calculation).toContain('(given)');
  });

  it('a free price is a zero cost, not an error', () => {
    expect(get(run({ ...FULL, gpuPrice: 0 }), 'gpu_cost').result).toBe('$0');
  });
});

describe('estimateFromSpec: floating-point noise never reaches a string', () => {
  it('keeps 0.1 + 0.2 style noise out of calculations and results', () => {
    const result = run({
      ...FULL,
      writes: { perSecond: 0.1 + 0.2, perUser: false, period: 'second' },
      readWriteRatio: 3,
      availability: 0.9999,
      storagePrice: 0.1 + 0.2,
    });
    for (const metric of result.metrics) {
      expect(`${metric.calculation} ${metric.result}`).not.toMatch(/\d{7,}|e[+-]\d|NaN|Infinity/);
    }
  });
});
