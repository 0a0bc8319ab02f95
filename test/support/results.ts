// Small assertions shared by the unit tests: unwrap a Result, read a metric, compare numbers with a
// relative tolerance (the engine keeps 12 significant digits).
import { expect } from 'vitest';
import {
  estimate,
  metric,
  type Estimate,
  type EstimateInput,
  type Metric,
} from '../../src/estimation/index.js';
import type { Result } from '../../src/lib/result.js';

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got the error: ${result.error}`);
  return result.value;
}

export function error<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`expected an error, got the value: ${JSON.stringify(result.value)}`);
  return result.error;
}

export function run(input: EstimateInput): Estimate {
  return value(estimate(input));
}

export function get(result: Estimate, id: string): Metric {
  const found = metric(result, id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

/** |actual - expected| / |expected| <= tolerance. */
export function expectNear(actual: number, expected: number, tolerance = 1e-9): void {
  const relative = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(
    relative,
    `${String(actual)} should be within ${String(tolerance)} of ${String(expected)}`,
  ).toBeLessThanOrEqual(tolerance);
}
