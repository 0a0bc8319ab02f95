/**
 * The operations plan: golden signals, SLOs derived from the availability target with the error
 * budget, burn-rate alerts, deployment and rollback, migrations, failure modes with graceful
 * degradation, and a cost estimate from the dated price table.
 */
import {
  downtime,
  errorBudgetRequestsPerDay,
  formatCount,
  formatDuration,
  formatUsd,
  servers,
} from '../../../estimation/index.js';
import type { PriceTable } from '../../../knowledge/prices.js';
import type { SessionState } from '../../../protocol/types.js';
import { designDrafts, type OperationsPlan } from '../../../protocols/design/model.js';
import { metricValue, signalsOf } from './signals.js';
import { THRESHOLDS as T } from './thresholds.js';
import { tradeoffsOf } from './tradeoffs.js';

const HOURS_PER_MONTH = 720;
const SECONDS_PER_MONTH = 2_592_000;
const BYTES_PER_GB = 1e9;

export function operationsOf(state: SessionState, prices: PriceTable): OperationsPlan {
  const s = signalsOf(state);
  const architecture = designDrafts(state).architecture;
  const components = architecture?.components ?? [];
  const has = (type: string): boolean => components.some((component) => component.type === type);
  const allowed = downtime(s.availability);
  const percent = `${(s.availability * 100).toString()}%`;
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
  const deploymentChoice = state.decisions['operations.deployment']?.chosen ?? 'Rolling update';
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

  const fleet = servers(s.peakQps, T.appServerRequestsPerSecond, T.targetUtilisation);
  const instances = Math.max(2, fleet.servers);
  const p = prices.prices;
  // Object storage keeps its own copies, so payloads are billed once; database disks hold every replica.
  const replication = s.estimate.input.replication;
  const payloadShare = s.blobs ? 1 / replication : 1;
  const storageGb = (metricValue(s.estimate, 'storage_total') * payloadShare) / BYTES_PER_GB;
  const monthGb = (metricValue(s.estimate, 'storage_per_month') * payloadShare) / BYTES_PER_GB;
  const databaseGb = (s.databaseBytes * replication) / BYTES_PER_GB;
  const egressGb = (metricValue(s.estimate, 'egress_bandwidth') * SECONDS_PER_MONTH) / BYTES_PER_GB;
  const storagePrice = s.blobs ? p['storage.object'] : p['storage.block-ssd'];
  const cost = [
    {
      item: 'Application instances',
      calculation: `${formatCount(instances)} x ${unitPrice(p['compute.general-4vcpu'].usd)}/hour x ${HOURS_PER_MONTH} h`,
      monthly: formatUsd(instances * p['compute.general-4vcpu'].usd * HOURS_PER_MONTH),
    },
    {
      item: 'Storage, first month of data',
      calculation: `${gb(monthGb)} x ${unitPrice(storagePrice.usd)}/GB-month`,
      monthly: formatUsd(monthGb * storagePrice.usd),
    },
    {
      item: 'Storage at the end of retention',
      calculation: `${gb(storageGb)} x ${unitPrice(storagePrice.usd)}/GB-month`,
      monthly: formatUsd(storageGb * storagePrice.usd),
    },
    {
      item: 'Egress to the internet',
      calculation: `${gb(egressGb)}/month x ${unitPrice(p['network.egress'].usd)}/GB`,
      monthly: formatUsd(egressGb * p['network.egress'].usd),
    },
  ];
  if (s.blobs) {
    cost.push({
      item: 'Database disks for metadata, end of retention',
      calculation: `${gb(databaseGb)} (${replication} copies) x ${unitPrice(p['storage.block-ssd'].usd)}/GB-month`,
      monthly: formatUsd(databaseGb * p['storage.block-ssd'].usd),
    });
  }
  if (has('cache')) {
    const nodes = Math.max(1, Math.ceil(s.cacheBytes / 0.7 / 26e9));
    cost.push({
      item: 'Cache nodes (with a replica each)',
      calculation: `${formatCount(nodes * 2)} x ${unitPrice(p['cache.node'].usd)}/hour x ${HOURS_PER_MONTH} h`,
      monthly: formatUsd(nodes * 2 * p['cache.node'].usd * HOURS_PER_MONTH),
    });
  }
  return {
    monitoring,
    slo,
    alerts,
    deployment,
    migrations,
    failureModes,
    cost,
    tradeoffs: tradeoffsOf(state, 'operations'),
    costNote: `Estimates from list prices in references/numbers/cloud-prices.yaml (updated ${prices.updated}), on demand, before discounts; a month is ${HOURS_PER_MONTH} hours.${s.ml ? ' Training compute depends on model and data size and is not included.' : ''}`,
  };
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
