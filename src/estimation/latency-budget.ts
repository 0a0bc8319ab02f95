// Splits a P99 latency budget across the components of a request path. Each component gets its
// reference latency from the dated table; slack (budget over the sum) is shared equally, because
// without profiling data there is no better basis for giving one component more than another.
import { calcMs } from './calc-text.js';
import { clean } from './numbers.js';
import type { LatencyAllocation, LatencyBudget, ReferenceLatency } from './spec-types.js';
import type { Seconds } from './units.js';

/** The row whose aliases (or id) name the component, ignoring case. */
export function findReference(
  component: string,
  table: readonly ReferenceLatency[],
): ReferenceLatency | undefined {
  const name = component.trim().toLowerCase();
  return table.find(
    (row) => row.id.toLowerCase() === name || row.aliases.some((alias) => alias.toLowerCase() === name),
  );
}

function knownNames(table: readonly ReferenceLatency[]): string {
  return [...new Set(table.flatMap((row) => row.aliases.map((alias) => alias.toLowerCase())))].join(', ');
}

function allocate(component: string, row: ReferenceLatency | undefined, share: Seconds): LatencyAllocation {
  const referenceSeconds = row?.seconds ?? 0;
  const allocatedSeconds = clean(referenceSeconds + share);
  const shareText = share > 0 ? `${calcMs(share)} slack share` : 'no slack to share';
  const calculation = row
    ? share > 0
      ? `${row.id} ${calcMs(referenceSeconds)} + ${shareText} = ${calcMs(allocatedSeconds)}`
      : `${row.id} ${calcMs(referenceSeconds)} (${shareText})`
    : `no reference latency: ${shareText}${share > 0 ? '' : ', 0 ms'}`;
  return {
    component,
    ...(row ? { reference: row.id } : {}),
    referenceSeconds,
    allocatedSeconds,
    calculation,
  };
}

export interface LatencyBudgetResult {
  budget: LatencyBudget;
  warnings: string[];
}

export function latencyBudget(
  budgetSeconds: Seconds,
  path: readonly string[],
  table: readonly ReferenceLatency[],
): LatencyBudgetResult {
  const rows = path.map((component) => findReference(component, table));
  const sum = clean(rows.reduce((total, row) => total + (row?.seconds ?? 0), 0));
  const slackSeconds = clean(budgetSeconds - sum);
  const share = slackSeconds > 0 && path.length > 0 ? clean(slackSeconds / path.length) : 0;
  const allocations = path.map((component, index) => allocate(component, rows[index], share));
  const warnings: string[] = [];
  path.forEach((component, index) => {
    if (rows[index] === undefined) {
      warnings.push(
        `path: no reference latency for "${component}", so it gets only its share of the slack; known components: ${knownNames(table)}`,
      );
    }
  });
  const components = `${path.length} component${path.length === 1 ? '' : 's'}`;
  const head = `${calcMs(budgetSeconds)} P99 budget across ${components}: reference latencies add up to ${calcMs(sum)}`;
  let summary: string;
  if (slackSeconds < 0) {
    const named = allocations
      .filter((allocation) => allocation.reference !== undefined)
      .map((allocation) => `${allocation.component} ${calcMs(allocation.referenceSeconds)}`)
      .join(', ');
    summary = `${head}, ${calcMs(-slackSeconds)} over budget`;
    warnings.push(
      `latency_budget: the path ${path.join(', ')} needs ${calcMs(sum)} by reference latencies (${named}), an overrun of ${calcMs(-slackSeconds)} over the ${calcMs(budgetSeconds)} budget: raise the budget, drop a hop, or make a component faster`,
    );
  } else {
    summary =
      slackSeconds === 0
        ? `${head}, exactly the budget: no slack`
        : `${head}, leaving ${calcMs(slackSeconds)} of slack (${calcMs(share)} more for each)`;
  }
  return { budget: { budgetSeconds, allocations, slackSeconds, summary }, warnings };
}
