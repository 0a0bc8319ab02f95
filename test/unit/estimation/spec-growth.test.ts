import { describe, expect, it } from 'vitest';
import {
  estimateFromSpec,
  scaleSpec,
  type EstimateSpec,
  type Metric,
} from '../../../src/estimation/index.js';
import { TABLES } from './spec-tables.js';

const PER_USER_DAY = (count: number): NonNullable<EstimateSpec['writesPerUser']> => ({
  perSecond: count / 86_400,
  perUser: true,
  period: 'day',
});

const SPEC: EstimateSpec = {
  dau: 1_000_000,
  writesPerUser: PER_USER_DAY(2),
  readWriteRatio: 10,
  writeSize: 1_000,
  readSize: 5_000,
  retention: 31_536_000,
  perServerQps: 500,
  connections: 100_000,
  connectionsPerServer: 10_000,
  availability: 0.999,
  modelLatency: 0.01,
  entities: 1_000_000,
  features: 100,
  bytesPerFeature: 4,
  latencyBudget: 0.2,
  path: ['gateway', 'db'],
  growth: [10, 100],
};

function values(metrics: readonly Metric[]): Map<string, number> {
  return new Map(metrics.map((metric) => [metric.id, metric.value]));
}

describe('growth: every metric recomputed at each multiple', () => {
  const result = estimateFromSpec(SPEC, TABLES);
  if (!result.ok) throw new Error(result.error);
  const base = values(result.value.metrics);
  const [ten, hundred] = result.value.growth;

  it('has one entry per multiple, with the same metrics', () => {
    expect(result.value.growth.map((step) => step.factor)).toEqual([10, 100]);
    expect(ten?.metrics.map((metric) => metric.id)).toEqual(result.value.metrics.map((metric) => metric.id));
  });

  it.each([
    'write_qps',
    'read_qps',
    'total_qps',
    'peak_qps',
    'storage_per_day',
    'storage_per_month',
    'storage_total',
    'ingress_bandwidth',
    'egress_bandwidth',
    'cache_memory',
    'storage_cost_per_month',
    'egress_cost_per_month',
    'error_budget_per_day',
  ])('10x and 100x scale %s by 10 and 100', (id) => {
    const scaled = values(ten?.metrics ?? []);
    const scaled100 = values(hundred?.metrics ?? []);
    const value = base.get(id) ?? Number.NaN;
    // Relative: each step keeps 12 significant digits, so the last ones may differ.
    expect(Math.abs((scaled.get(id) ?? 0) / (value * 10) - 1)).toBeLessThan(1e-9);
    expect(Math.abs((scaled100.get(id) ?? 0) / (value * 100) - 1)).toBeLessThan(1e-9);
  });

  it('leaves sizes, downtimes and the feature store unchanged', () => {
    const scaled = values(hundred?.metrics ?? []);
    for (const id of ['downtime_per_year', 'downtime_per_day', 'feature_store_size']) {
      expect(scaled.get(id)).toBe(base.get(id));
    }
  });

  it('recomputes the fleets at the new peak, rounding up', () => {
    // 1M users x 2/day = 23.15 writes/s, 231.5 reads/s; peak 509.3/s at 500/s per server.
    expect([base.get('servers'), values(ten?.metrics ?? []).get('servers')]).toEqual([2, 11]);
    expect(values(ten?.metrics ?? []).get('servers_pow2')).toBe(16);
    expect(values(hundred?.metrics ?? []).get('connection_servers')).toBe(1_000);
    expect(ten?.metrics.find((metric) => metric.id === 'peak_qps')?.result).toBe('~5,090/s');
  });

  it('keeps the latency budget out of growth', () => {
    expect(result.value.latencyBudget?.budgetSeconds).toBe(0.2);
    expect(Object.keys(ten ?? {})).toEqual(['factor', 'metrics']);
  });
});

describe('scaleSpec', () => {
  it('multiplies users, absolute rates and connections; keeps per-user rates, ratios, sizes and prices', () => {
    const spec: EstimateSpec = {
      dau: 1_000,
      writes: { perSecond: 100, perUser: false, period: 'second' },
      reads: { perSecond: 2 / 86_400, perUser: true, period: 'day' },
      writeSize: 1_000,
      connections: 50,
      storagePrice: 0.02,
      trainingExamples: 1_000,
    };
    expect(scaleSpec(spec, 10)).toEqual({
      ...spec,
      dau: 10_000,
      writes: { perSecond: 1_000, perUser: false, period: 'second' },
      connections: 500,
    });
  });

  it('leaves absent inputs absent', () => {
    expect(scaleSpec({ readWriteRatio: 3 }, 10)).toEqual({ readWriteRatio: 3 });
  });
});
