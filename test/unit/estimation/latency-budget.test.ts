import { describe, expect, it } from 'vitest';
import { estimateFromSpec, findReference, latencyBudget } from '../../../src/estimation/index.js';
import { TABLES } from './spec-tables.js';

const KNOWN = 'gateway, lb, service, app, cache, redis, db, postgres, model';

describe('latencyBudget: slack', () => {
  // References: 0.5 + 10 + 1 + 5 = 16.5 ms; 200 ms leaves 183.5 ms, 45.875 ms for each of 4.
  const { budget, warnings } = latencyBudget(0.2, ['gateway', 'service', 'cache', 'db'], TABLES.latencies);

  it('gives each component its reference plus an equal share of the slack', () => {
    expect(budget.slackSeconds).toBe(0.183_5);
    expect(budget.allocations).toEqual([
      {
        component: 'gateway',
        reference: 'network-hop-region',
        referenceSeconds: 0.000_5,
        allocatedSeconds: 0.046_375,
        calculation: 'network-hop-region 0.5 ms + 45.88 ms slack share = 46.38 ms',
      },
      {
        component: 'service',
        reference: 'service-compute',
        referenceSeconds: 0.01,
        allocatedSeconds: 0.055_875,
        calculation: 'service-compute 10 ms + 45.88 ms slack share = 55.88 ms',
      },
      {
        component: 'cache',
        reference: 'cache-read',
        referenceSeconds: 0.001,
        allocatedSeconds: 0.046_875,
        calculation: 'cache-read 1 ms + 45.88 ms slack share = 46.88 ms',
      },
      {
        component: 'db',
        reference: 'sql-query',
        referenceSeconds: 0.005,
        allocatedSeconds: 0.050_875,
        calculation: 'sql-query 5 ms + 45.88 ms slack share = 50.88 ms',
      },
    ]);
  });

  it('allocates exactly the budget and says how much slack there is', () => {
    const total = budget.allocations.reduce((sum, allocation) => sum + allocation.allocatedSeconds, 0);
    expect(total).toBeCloseTo(0.2, 12);
    expect(budget.summary).toBe(
      '200 ms P99 budget across 4 components: reference latencies add up to 16.5 ms, leaving 183.5 ms of slack (45.88 ms more for each)',
    );
    expect(warnings).toEqual([]);
  });

  it('a budget equal to the references leaves no slack', () => {
    const exact = latencyBudget(0.015, ['service', 'db'], TABLES.latencies);
    expect(exact.budget.slackSeconds).toBe(0);
    expect(exact.budget.allocations.map((allocation) => allocation.calculation)).toEqual([
      'service-compute 10 ms (no slack to share)',
      'sql-query 5 ms (no slack to share)',
    ]);
    expect(exact.budget.summary).toBe(
      '15 ms P99 budget across 2 components: reference latencies add up to 15 ms, exactly the budget: no slack',
    );
    expect(exact.warnings).toEqual([]);
  });
});

describe('latencyBudget: overrun', () => {
  // 0.5 + 10 + 50 + 5 = 65.5 ms against 50 ms: 15.5 ms over.
  const { budget, warnings } = latencyBudget(0.05, ['gateway', 'service', 'model', 'db'], TABLES.latencies);

  it('reports a negative slack and allocates only the references', () => {
    expect(budget.slackSeconds).toBe(-0.015_5);
    expect(budget.allocations.map((allocation) => allocation.allocatedSeconds)).toEqual([
      0.000_5, 0.01, 0.05, 0.005,
    ]);
    expect(budget.summary).toBe(
      '50 ms P99 budget across 4 components: reference latencies add up to 65.5 ms, 15.5 ms over budget',
    );
  });

  it('warns, naming the components and the overrun in ms', () => {
    expect(warnings).toEqual([
      'latency_budget: the path gateway, service, model, db needs 65.5 ms by reference latencies (gateway 0.5 ms, service 10 ms, model 50 ms, db 5 ms), an overrun of 15.5 ms over the 50 ms budget: raise the budget, drop a hop, or make a component faster',
    ]);
  });
});

describe('latencyBudget: unknown components', () => {
  it('warns, naming the component and the known aliases, and gives it only its slack share', () => {
    const { budget, warnings } = latencyBudget(0.1, ['gateway', 'Queue', 'db'], TABLES.latencies);
    // 100 - 5.5 = 94.5 ms of slack, 31.5 ms each.
    expect(budget.allocations[1]).toEqual({
      component: 'Queue',
      referenceSeconds: 0,
      allocatedSeconds: 0.031_5,
      calculation: 'no reference latency: 31.5 ms slack share',
    });
    expect(warnings).toEqual([
      `path: no reference latency for "Queue", so it gets only its share of the slack; known components: ${KNOWN}`,
    ]);
  });

  it('gets nothing when there is no slack', () => {
    const { budget, warnings } = latencyBudget(0.001, ['model', 'queue'], TABLES.latencies);
    expect(budget.allocations[1]?.allocatedSeconds).toBe(0);
    expect(budget.allocations[1]?.calculation).toBe('no reference latency: no slack to share, 0 ms');
    expect(warnings).toHaveLength(2);
  });
});

describe('findReference', () => {
  it('matches aliases and ids without regard to case', () => {
    expect(findReference('DB', TABLES.latencies)?.id).toBe('sql-query');
    expect(findReference('lb', TABLES.latencies)?.id).toBe('network-hop-region');
    expect(findReference('cache-read', TABLES.latencies)?.id).toBe('cache-read');
    expect(findReference('kafka', TABLES.latencies)).toBeUndefined();
  });
});

describe('estimateFromSpec: the latency budget', () => {
  it('is reported beside the metrics, with its warnings', () => {
    const result = estimateFromSpec({ latencyBudget: 0.05, path: ['model', 'db'] }, TABLES);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.metrics).toEqual([]);
    expect(result.value.latencyBudget?.slackSeconds).toBe(-0.005);
    expect(result.value.warnings).toEqual([
      'latency_budget: the path model, db needs 55 ms by reference latencies (model 50 ms, db 5 ms), an overrun of 5 ms over the 50 ms budget: raise the budget, drop a hop, or make a component faster',
    ]);
  });

  it('is absent without a budget', () => {
    const result = estimateFromSpec({}, TABLES);
    expect(result.ok && 'latencyBudget' in result.value).toBe(false);
  });
});
