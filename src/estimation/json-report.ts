// The estimate as `--json` prints it: the inputs in base units, every metric by id, the latency
// budget and the growth multiples. One builder for `estimate --json` and `design --json`, so the
// same inputs give the same object whichever command computed it.
import type { Metric } from './estimate-types.js';
import { settle } from './numbers.js';
import { FIELDS } from './spec-fields.js';
import type { EstimateSpec, SpecEstimate } from './spec-types.js';

function jsonMetrics(metrics: readonly Metric[]): Record<string, unknown> {
  return Object.fromEntries(
    metrics.map((m) => [
      m.id,
      { value: settle(m.value), unit: m.unit, formula: m.calculation, display: m.result },
    ]),
  );
}

export function estimateJson(spec: EstimateSpec, estimate: SpecEstimate): Record<string, unknown> {
  const inputs = Object.fromEntries(
    FIELDS.flatMap((f) => {
      const value = spec[f.key];
      if (value === undefined) return [];
      // Rates are reported per second, the base unit; everything else is already in base units.
      const base = typeof value === 'object' && 'perSecond' in value ? value.perSecond : value;
      return [[f.snake, typeof base === 'number' ? settle(base) : base]];
    }),
  );
  return {
    inputs,
    metrics: jsonMetrics(estimate.metrics),
    ...(estimate.latencyBudget
      ? {
          latency_budget: {
            budget: settle(estimate.latencyBudget.budgetSeconds),
            slack: settle(estimate.latencyBudget.slackSeconds),
            allocations: estimate.latencyBudget.allocations.map((a) => ({
              component: a.component,
              reference: a.reference ?? null,
              reference_seconds: settle(a.referenceSeconds),
              allocated_seconds: settle(a.allocatedSeconds),
              formula: a.calculation,
            })),
          },
        }
      : {}),
    ...(estimate.growth.length > 0
      ? {
          growth: Object.fromEntries(
            estimate.growth.map((step) => [`${step.factor}x`, jsonMetrics(step.metrics)]),
          ),
        }
      : {}),
    warnings: estimate.warnings,
  };
}
