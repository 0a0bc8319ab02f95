/**
 * The operations plan about this design: a signal per component that exists, SLOs derived from the
 * availability target with the error budget, alerts whose thresholds come from the numbers, failure
 * modes to watch for from the guides, deployment, a migration plan for the store chosen, and a
 * failure-modes row only where a component degrades in its own way (the user's degradation answer
 * on the component it names, else on the most critical dependency). The cost is
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
import { degradationTarget } from '../../../rules/self-check.js';
import { isPartitionedStore } from './architecture.js';
import { alertOf, degradationOf, signalOf } from './operations-signals.js';
import { signalsOf, type Signals } from './signals.js';
import { tradeoffsOf } from './tradeoffs.js';

export function operationsOf(
  state: SessionState,
  knowledge: { readonly guides: readonly Guide[] },
  capacity: Capacity,
): OperationsPlan {
  const s = signalsOf(state, capacity);
  const architecture = designDrafts(state).architecture;
  const components = (architecture?.components ?? []).filter((component) => component.type !== 'client');
  const allowed = downtime(s.availability);
  const percent = formatPercent(s.availability);
  const requestsPerDay = s.avgQps * SECONDS_PER_DAY;
  const budgetRequests = errorBudgetRequestsPerDay(s.availability, requestsPerDay);
  const p99ms = s.p99 === undefined ? undefined : Math.round(s.p99 * 1000);
  const budget = formatDuration(allowed.perMonth);

  const monitoring = components.flatMap((component) => signalOf(component, s) ?? []);
  if (monitoring.length === 0) monitoring.push(`Requests per second against the planned ${s.show.peakQps}.`);
  const latency =
    p99ms === undefined
      ? []
      : [`P99 over ${p99ms} ms for 10 minutes opens a ticket; over ${2 * p99ms} ms for 5 minutes pages.`];
  const slo = [
    `Availability SLO ${percent} of requests succeed over 30 days: an error budget of ${budget} of full downtime a month, or ${formatCount(Math.round(budgetRequests))} failed requests a day at ${formatCount(Math.round(requestsPerDay))} requests a day.`,
    s.deadline !== undefined
      ? `Batch SLO: the run finishes within its ${formatDuration(s.deadline)} deadline on 99% of days over 30 days; a run still going at 80% of the deadline pages.`
      : p99ms === undefined
        ? 'Latency SLO: set one once a P99 target is agreed.'
        : `Latency SLO: 99% of requests complete within ${p99ms} ms over 30 days.`,
    ...(s.ml
      ? [
          'Freshness SLO: predictions and features no older than the agreed freshness; the model no older than two update periods.',
        ]
      : []),
  ];
  const alerts = [
    `Burn rate of the ${budget} monthly budget: page at 14.4x over 1 hour (2% of it gone) or 6x over 6 hours, confirmed over the last 5 and 30 minutes; ticket at 1x over 3 days.`,
    ...latency,
    ...components.flatMap((component) => alertOf(component, s) ?? []),
  ];
  const watchFor = watchList(state, knowledge.guides, components);
  const deploymentChoice = decisionLabel(state, 'operations.deployment') ?? 'Rolling update';
  const deployment = [
    `Strategy: ${deploymentChoice}; the previous build stays deployable and each deploy is marked on the dashboards.`,
    ...(s.ml
      ? [
          'Models deploy separately from code: shadow, then canary, with promotion and rollback through the model registry.',
        ]
      : []),
  ];
  const target = degradationTarget(s.answers.degradation ?? '', components) ?? mostCritical(components);
  const migrations = [migrationOf(components, s)];
  const failureModes = components.flatMap((component) => {
    const degradation =
      component === target ? (s.answers.degradation ?? 'not stated') : degradationOf(component, s);
    return degradation === undefined
      ? []
      : [{ component: component.name, failure: component.failureMode, degradation }];
  });

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

/** The dependency a degradation answer that names no component is about: the model, else the store. */
function mostCritical(components: readonly Component[]): Component | undefined {
  for (const type of ['llm-serving', 'model-serving', 'datastore'] as const) {
    const found = components.find((component) => component.type === type);
    if (found) return found;
  }
  return components[0];
}

/** How the system of record changes shape under traffic, by the kind of store chosen. */
function migrationOf(components: readonly Component[], s: Signals): string {
  const store = components.find((component) => component.type === 'datastore')?.name ?? 'the store';
  if (isPartitionedStore(s.decisions.datastore) === true) {
    return `${store}: new attributes are written beside the old with a default on read; a new key or partitioning is a new table filled by a backfill at a rate the ${s.show.peakWrites} leave room for, then reads switch.`;
  }
  return `${store}: expand/contract, each step its own deploy (add the column or table, write both, backfill in batches, switch reads, drop the old); never a rename in one step or a lock on a hot table during traffic.`;
}

/** Component types every design has; a guide must serve another type of this design to be quoted. */
const GENERIC_TYPES: ReadonlySet<string> = new Set(['gateway', 'service', 'monitoring']);

/** Guides quoted per operations plan, and failure modes quoted from each. */
const WATCH_GUIDES = 3;
const MODES_PER_GUIDE = 2;

/**
 * What to watch for in production, from the guides that serve monitoring in the operations phase and
 * also serve a component of this design other than the entry point and the application (so a web
 * service is not told about feature drift, nor every design about retry storms). The
 * deep-dives already quote some of the same failure modes; those are skipped, not repeated.
 */
function watchList(
  state: SessionState,
  guides: readonly Guide[],
  components: readonly Component[],
): string[] {
  // The entry point and the application are in every design: a guide that serves only those (the
  // reliability guide's retry storm) would be quoted in every document, so it is not quoted here.
  const types = new Set<string>(
    components.map((component) => component.type).filter((type) => !GENERIC_TYPES.has(type)),
  );
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
