/**
 * The operations plan: golden signals, SLOs derived from the availability target with the error
 * budget, burn-rate alerts, failure modes to watch for from the monitoring and reliability guides,
 * deployment and rollback, migrations, and failure modes with graceful degradation. The cost is
 * computed by the protocol (protocols/design/cost.ts), not drafted here.
 */
import type { Capacity } from '../../../knowledge/throughput.js';
import {
  downtime,
  errorBudgetRequestsPerDay,
  formatCount,
  formatDuration,
  formatPercent,
  SECONDS_PER_DAY,
} from '../../../estimation/index.js';
import type { Guide } from '../../../knowledge/guide.js';
import { guidesFor } from '../../../knowledge/select.js';
import type { SessionState } from '../../../protocol/types.js';
import {
  decisionLabel,
  designDrafts,
  type Component,
  type OperationsPlan,
} from '../../../protocols/design/model.js';
import { signalsOf } from './signals.js';
import { tradeoffsOf } from './tradeoffs.js';

export function operationsOf(
  state: SessionState,
  knowledge: { readonly guides: readonly Guide[] },
  capacity: Capacity,
): OperationsPlan {
  const s = signalsOf(state, capacity);
  const architecture = designDrafts(state).architecture;
  const components = architecture?.components ?? [];
  const has = (type: string): boolean => components.some((component) => component.type === type);
  const allowed = downtime(s.availability);
  const percent = formatPercent(s.availability);
  const requestsPerDay = s.avgQps * SECONDS_PER_DAY;
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

  return {
    monitoring,
    slo,
    alerts,
    watchFor,
    deployment,
    migrations,
    failureModes,
    tradeoffs: tradeoffsOf(state, 'operations'),
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
