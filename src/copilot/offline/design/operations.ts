/**
 * The operations plan: golden signals, SLOs derived from the availability target with the error
 * budget, burn-rate alerts, failure modes to watch for from the monitoring and reliability guides,
 * deployment and rollback, migrations, failure modes with graceful degradation, and a cost estimate
 * from the dated price table.
 */
import type { Capacity } from '../../../knowledge/throughput.js';
import {
  downtime,
  errorBudgetRequestsPerDay,
  formatCount,
  formatDuration,
  formatPercent,
  servers,
} from '../../../estimation/index.js';
import type { Guide } from '../../../knowledge/guide.js';
import type { PriceTable } from '../../../knowledge/prices.js';
import { guidesFor } from '../../../knowledge/select.js';
import type { SessionState } from '../../../protocol/types.js';
import {
  decisionLabel,
  designDrafts,
  type Component,
  type OperationsPlan,
} from '../../../protocols/design/model.js';
import { calcUsd, costMetrics, displayUsd, type MetricId } from '../../../estimation/index.js';
import { defaultPrices } from '../../../knowledge/engine-tables.js';
import { metricValue, signalsOf } from './signals.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';
import { tradeoffsOf } from './tradeoffs.js';

const HOURS_PER_MONTH = 720;
const BYTES_PER_GB = 1e9;

export function operationsOf(
  state: SessionState,
  knowledge: { readonly prices: PriceTable; readonly guides: readonly Guide[] },
  capacity: Capacity,
): OperationsPlan {
  const { prices } = knowledge;
  const s = signalsOf(state, capacity);
  const architecture = designDrafts(state).architecture;
  const components = architecture?.components ?? [];
  const has = (type: string): boolean => components.some((component) => component.type === type);
  const allowed = downtime(s.availability);
  const percent = formatPercent(s.availability);
  const requestsPerDay = s.avgQps * 86_400;
  const budgetRequests = errorBudgetRequestsPerDay(s.availability, requestsPerDay);
  const p99ms = s.p99 === undefined ? undefined : Math.round(s.p99 * 1000);

  const monitoring = [
    `Latency: P50 and P99 per endpoint against the target (${s.show.p99}).`,
    `Traffic: requests per second against the planned ${s.show.peakQps}.`,
    'Errors: rate of 5xx and timeouts per endpoint, and of fallbacks served.',
    `Saturation: CPU and connection pools of the application tier, datastore storage growth (${s.show.storageRetention} planned)${has('queue') ? ', queue lag in seconds' : ''}${has('cache') ? ', cache memory and hit rate (alert below 80%)' : ''}.`,
    ...(s.ml
      ? [
          'Model: prediction and feature drift by PSI (0.1-0.2 watch, over 0.2 investigate, over 0.25 retrain), accuracy once labels arrive (a 5% drop investigate, 10% retrain), and the share of fallback predictions.',
        ]
      : []),
    'The 3 a.m. dashboard: the four golden signals per component on one page, with the SLO burn rate on top and the last deploy marked.',
  ];
  const slo = [
    `Availability SLO ${percent} of requests succeed over 30 days: an error budget of ${formatDuration(allowed.perMonth)} of full downtime a month, or ${formatCount(Math.round(budgetRequests))} failed requests a day at ${formatCount(Math.round(requestsPerDay))} requests a day.`,
    p99ms === undefined
      ? 'Latency SLO: set one once a P99 target is agreed.'
      : `Latency SLO: 99% of requests complete within ${p99ms} ms over 30 days.`,
    ...(s.ml
      ? [
          'Freshness SLO: predictions and features no older than the agreed freshness; the model no older than two update periods.',
        ]
      : []),
  ];
  const alerts = [
    'Page: burn rate over 14.4x for 1 hour and over 5 minutes (2% of the monthly budget gone in an hour).',
    'Page: burn rate over 6x for 6 hours and over 30 minutes (5% of the budget in 6 hours).',
    'Ticket: burn rate over 1x for 3 days (the budget will run out before the month does).',
    'Error rate over 1% for 5 minutes alerts; over 5% pages.',
    ...(p99ms === undefined
      ? []
      : [`P95 over 1.5x its target for 10 minutes alerts (target derived from the ${p99ms} ms P99 budget).`]),
  ];
  const watchFor = watchList(state, knowledge.guides, components);
  const deploymentChoice = decisionLabel(state, 'operations.deployment') ?? 'Rolling update';
  const deployment = [
    `Strategy: ${deploymentChoice}.`,
    'Rollback: the previous build stays deployable; rolling back is one command and needs no schema change.',
    ...(s.ml
      ? [
          'Models deploy separately from code: shadow, then canary, with promotion and rollback through the model registry.',
        ]
      : []),
    'Every deploy is marked on the dashboards so a regression can be tied to its change.',
  ];
  const migrations = [
    'Expand/contract: add new columns or tables first, write to both, backfill in batches, switch reads, then remove the old, each step its own deploy.',
    'Never rename or drop in one step; never take a lock on a hot table during traffic.',
  ];
  const degradation = s.answers.degradation ?? 'not stated';
  const failureModes = components
    .filter((component) => component.type !== 'client')
    .map((component) => ({
      component: component.name,
      failure: component.failureMode,
      degradation:
        component.type === 'datastore' || component.type === 'model-serving'
          ? degradation
          : degradationFor(component.type),
    }));

  const fleet = servers(s.peakQps, s.capacity.appServerRequestsPerSecond, T.targetUtilisation);
  const instances = Math.max(2, fleet.servers);
  const p = prices.prices;
  // Object storage keeps its own copies, so payloads are billed once; database disks hold every replica.
  const replication = s.estimate.input.replication;
  const payloadShare = s.blobs ? 1 / replication : 1;
  const databaseGb = (s.databaseBytes * replication) / BYTES_PER_GB;
  // The engine prices the bill; the design decides what is billed: the instance count (at least 2),
  // and payloads in object storage once (it keeps its own copies) or every replica on block storage.
  const billed: Partial<Record<MetricId, number>> = {
    servers: instances,
    storage_per_month: metricValue(s.estimate, 'storage_per_month') * payloadShare,
    storage_total: metricValue(s.estimate, 'storage_total') * payloadShare,
    egress_bandwidth: metricValue(s.estimate, 'egress_bandwidth'),
  };
  const engineCost = costMetrics({}, defaultPrices(prices, s.blobs ? 'object' : 'block'), (id) => billed[id]);
  const COST_ROWS: readonly [MetricId, string][] = [
    ['compute_cost_per_month', 'Application instances'],
    [
      'storage_cost_per_month',
      s.blobs ? 'Object storage, first month of data' : 'Storage, first month of data',
    ],
    [
      'storage_cost_at_retention',
      s.blobs ? 'Object storage at the end of retention' : 'Storage at the end of retention',
    ],
    ['egress_cost_per_month', 'Egress to the internet'],
  ];
  const cost = COST_ROWS.flatMap(([id, item]) => {
    const metric = engineCost.find((candidate) => candidate.id === id);
    return metric
      ? [{ item, calculation: metric.calculation, monthly: metric.result.replace(/\/month$/, '') }]
      : [];
  });
  // Design-specific rows, in the same form as the engine's: the calculation ends with its figure.
  const row = (
    item: string,
    factors: string,
    usd: number,
  ): { item: string; calculation: string; monthly: string } => ({
    item,
    calculation: `${factors} = ${calcUsd(usd)}/month`,
    monthly: displayUsd(usd),
  });
  if (s.blobs) {
    const diskPrice = p['storage.block-ssd'].usd;
    cost.push(
      row(
        'Database disks for metadata, end of retention',
        `${gb(databaseGb)} (${replication} copies) x ${unitPrice(diskPrice)}/GB-month`,
        databaseGb * diskPrice,
      ),
    );
  }
  if (has('cache')) {
    const nodes = Math.max(1, Math.ceil(s.cacheBytes / s.capacity.cacheNodeBytes)) * 2;
    const nodePrice = p['cache.node'].usd;
    cost.push(
      row(
        'Cache nodes (with a replica each)',
        `${formatCount(nodes)} nodes x ${unitPrice(nodePrice)}/hour x ${HOURS_PER_MONTH} hours/month`,
        nodes * nodePrice * HOURS_PER_MONTH,
      ),
    );
  }
  return {
    monitoring,
    slo,
    alerts,
    watchFor,
    deployment,
    migrations,
    failureModes,
    cost,
    tradeoffs: tradeoffsOf(state, 'operations'),
    costNote: `Estimates from list prices in references/numbers/cloud-prices.yaml (updated ${prices.updated}), on demand, before discounts; a month is ${HOURS_PER_MONTH} hours.${s.ml ? ' Training compute depends on model and data size and is not included.' : ''}`,
  };
}

/** Guides quoted per operations plan, and failure modes quoted from each. */
const WATCH_GUIDES = 3;
const MODES_PER_GUIDE = 2;

/**
 * What to watch for in production, from the guides that serve monitoring in the operations phase and
 * also serve a component of this design (so a web service is not told about feature drift). The
 * deep-dives already quote some of the same failure modes; those are skipped, not repeated.
 */
function watchList(
  state: SessionState,
  guides: readonly Guide[],
  components: readonly Component[],
): string[] {
  const types = new Set<string>(components.map((component) => component.type));
  const quoted = new Set(
    (designDrafts(state).deepDives ?? []).flatMap((deepDive) => deepDive.failureHandling),
  );
  return guidesFor(guides, 'monitoring', 'operations')
    .filter((guide) => guide.components.some((type) => types.has(type)))
    .slice(0, WATCH_GUIDES)
    .flatMap((guide) =>
      guide.failureModes
        .filter((mode) => !quoted.has(`${mode.name}: ${mode.text}`))
        .slice(0, MODES_PER_GUIDE)
        .map((mode) => `${mode.name} (from the guide *${guide.title}*, \`${guide.id}\`): ${mode.text}`),
    );
}

/** A unit price exactly as in the price table ($0.2016), so every calculation can be redone by hand. */
function unitPrice(usd: number): string {
  return `$${String(usd)}`;
}

function gb(value: number): string {
  return `${formatCount(Math.round(value * 10) / 10)} GB`;
}

function degradationFor(type: string): string {
  switch (type) {
    case 'cache':
      return 'Serve from the datastore; shed low-priority reads if it saturates.';
    case 'queue':
      return 'Accept writes into a local buffer briefly, then return 503 with Retry-After; reads unaffected.';
    case 'gateway':
      return 'Multi-zone; a zone failure shifts traffic to the others.';
    case 'feature-store':
      return 'Use default feature values and flag the predictions as degraded.';
    case 'batch-scoring':
      return 'Keep serving the last good batch; alert when it is older than twice the period.';
    case 'blob-store':
      return 'Metadata stays readable; payload reads fail with a clear message and retry.';
    default:
      return 'Other instances take the load; the failed one is replaced automatically.';
  }
}
