/**
 * The design's monthly bill: computed, never drafted. The design decides what is billed (at least
 * two application instances; payloads once in object storage, which keeps its own copies, or every
 * replica on block storage; a cache node with a replica each) and the estimation engine prices it
 * from the dated price table.
 */
import {
  costMetrics,
  diskCostPerMonth,
  HOURS_PER_MONTH,
  nodeCostPerMonth,
  servers,
  type CostLine,
  type MetricId,
} from '../../estimation/index.js';
import { defaultPrices } from '../../knowledge/engine-tables.js';
import type { Knowledge } from '../../knowledge/load.js';
import { ok, type Result } from '../../lib/result.js';
import type { AnswerProblem, SessionState } from '../../protocol/types.js';
import { designDrafts, designResults } from './model.js';
import { metricValue, payloadPlacement } from './sizing.js';
import { THRESHOLDS as T } from './thresholds.js';

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
  knowledge: Pick<Knowledge, 'prices' | 'throughput'>,
): Result<CostEstimate, AnswerProblem> {
  const { estimate } = designResults(state);
  const { architecture } = designDrafts(state);
  if (!estimate || !architecture) throw new Error('the cost needs the estimate and the components first');
  const { capacity } = knowledge.throughput;
  const { prices, updated } = knowledge.prices;
  const value = (id: MetricId): number => metricValue(estimate, id);
  const { blobs, databaseBytes } = payloadPlacement(estimate, capacity);
  const replication = estimate.input.replication;
  const payloadShare = blobs ? 1 / replication : 1;
  const fleet = servers(value('peak_qps'), capacity.appServerRequestsPerSecond, T.targetUtilisation);
  const billed: Partial<Record<MetricId, number>> = {
    servers: Math.max(2, fleet.servers),
    storage_per_month: value('storage_per_month') * payloadShare,
    storage_total: value('storage_total') * payloadShare,
    egress_bandwidth: value('egress_bandwidth'),
  };
  const engine = costMetrics(
    {},
    defaultPrices(knowledge.prices, blobs ? 'object' : 'block'),
    (id) => billed[id],
  );
  // Each line is billed to a component of the design, by type (the first of that type).
  const componentOf = (type: string): string =>
    architecture.components.find((component) => component.type === type)?.id ?? type;
  const store = componentOf(blobs ? 'blob-store' : 'datastore');
  const items: readonly (readonly [MetricId, string, CostBasis, string])[] = [
    ['compute_cost_per_month', componentOf('service'), 'monthly', 'Application instances'],
    [
      'storage_cost_per_month',
      store,
      'first-month',
      blobs ? 'Object storage, first month of data' : 'Storage, first month of data',
    ],
    [
      'storage_cost_at_retention',
      store,
      'at-retention',
      blobs ? 'Object storage at the end of retention' : 'Storage at the end of retention',
    ],
    ['egress_cost_per_month', componentOf('gateway'), 'monthly', 'Egress to the internet'],
  ];
  const rows = items.flatMap(([id, component, basis, item]) => {
    const metric = engine.find((candidate) => candidate.id === id);
    return metric
      ? [
          row(component, basis, item, {
            usd: metric.value,
            calculation: metric.calculation,
            result: metric.result.replace(/\/month$/, ''),
          }),
        ]
      : [];
  });
  if (blobs)
    rows.push(
      row(
        componentOf('datastore'),
        'at-retention',
        'Database disks for metadata, end of retention',
        diskCostPerMonth(databaseBytes, replication, prices['storage.block-ssd'].usd),
      ),
    );
  if (architecture.components.some((component) => component.type === 'cache')) {
    const nodes = Math.max(1, Math.ceil(value('cache_memory') / capacity.cacheNodeBytes)) * 2;
    rows.push(
      row(
        componentOf('cache'),
        'monthly',
        'Cache nodes (with a replica each)',
        nodeCostPerMonth(nodes, prices['cache.node'].usd),
      ),
    );
  }
  return ok({
    rows,
    note: `Estimates from list prices in references/numbers/cloud-prices.yaml (updated ${updated}), on demand, before discounts; a month is ${HOURS_PER_MONTH} hours.${state.scope === 'system' ? '' : ' Training compute depends on model and data size and is not included.'}`,
  });
}
