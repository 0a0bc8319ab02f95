/**
 * The design's monthly bill: computed, never drafted. Every component of the architecture is billed
 * from its 1x size in the tier plan (instances, nodes, brokers, GPUs, disks and object storage at
 * the end of retention), the entry point carries the egress, and the dated price table prices it.
 * A component the plan cannot size has no line, and the self-check says so.
 */
import { costMetrics, HOURS_PER_MONTH, type CostLine } from '../../estimation/index.js';
import { defaultPrices } from '../../knowledge/engine-tables.js';
import type { Knowledge } from '../../knowledge/load.js';
import { ok, type Result } from '../../lib/result.js';
import type { AnswerProblem, SessionState } from '../../protocol/types.js';
import { designDrafts, designResults } from './model.js';
import { metricValue } from './sizing.js';
import { tierTables } from '../../knowledge/tier-tables.js';
import { planTiers } from './tier-plan.js';

/**
 * When a line is billed: every month, in the first month of data only, or once the retention period
 * is full. The bill at full retention (recurring plus at-retention lines) is the design's total.
 */
export type CostBasis = 'monthly' | 'first-month' | 'at-retention';

export interface CostRow {
  /** The id of the component billed, from the architecture. */
  readonly component: string;
  readonly basis: CostBasis;
  readonly item: string;
  /** The calculation, ending with its figure ("2 servers x $0.2016/hour ... = $290.30/month"). */
  readonly calculation: string;
  /** The figure for display ("~$290"). */
  readonly monthly: string;
  readonly usd: number;
}

export interface CostEstimate {
  readonly rows: readonly CostRow[];
  /** Where the prices come from and what is left out. */
  readonly note: string;
}

const row = (component: string, basis: CostBasis, item: string, line: CostLine): CostRow => ({
  component,
  basis,
  item,
  calculation: line.calculation,
  monthly: line.result,
  usd: line.usd,
});

export function costOf(
  state: SessionState,
  knowledge: Pick<Knowledge, 'prices' | 'throughput' | 'archetypes' | 'llmServing'>,
): Result<CostEstimate, AnswerProblem> {
  const { estimate } = designResults(state);
  const { architecture } = designDrafts(state);
  if (!estimate || !architecture) throw new Error('the cost needs the estimate and the components first');
  const { updated } = knowledge.prices;
  const plan = planTiers(state, knowledge.archetypes, tierTables(knowledge));
  const rows: CostRow[] = [];
  for (const component of architecture.components) {
    const tier = plan.get(component.id);
    for (const cost of tier?.cost ?? []) rows.push(row(component.id, cost.basis, cost.item, cost.line));
  }
  const engine = costMetrics({}, defaultPrices(knowledge.prices, 'object'), (id) =>
    id === 'egress_bandwidth' ? metricValue(estimate, 'egress_bandwidth') : undefined,
  );
  const egress = engine.find((metric) => metric.id === 'egress_cost_per_month');
  const entry = architecture.components.find((component) => component.type === 'gateway');
  if (egress && entry)
    rows.push(
      row(entry.id, 'monthly', 'Egress to the internet', {
        usd: egress.value,
        calculation: egress.calculation,
        result: egress.result.replace(/\/month$/, ''),
      }),
    );
  return ok({
    rows,
    note: `Estimates from list prices in references/numbers/cloud-prices.yaml (updated ${updated}), on demand, before discounts; a month is ${HOURS_PER_MONTH} hours. Every component is billed at its 1x size; storage lines are the bill once the retention period is full.${state.scope === 'system' ? '' : ' Training compute depends on model and data size and is not included.'}`,
  });
}
