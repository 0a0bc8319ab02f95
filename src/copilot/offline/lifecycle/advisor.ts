/**
 * The offline co-pilot's lifecycle knowledge: the tier proposal (recommended tier first, the nearest
 * other second, each with what it writes and what it costs the team), notes on what an answer
 * implies, and the report. Pure functions of the session state.
 */
import type { DecisionSlot, Proposal, QuestionSlot, SessionState } from '../../../protocol/types.js';
import { assessmentOf, lifecycleAssessment } from '../../../protocols/lifecycle/model.js';
import { THRESHOLDS, type Tier } from '../../../protocols/lifecycle/rules.js';
import type { Advisor } from '../../port.js';
import { option, reportChoice } from '../proposal-text.js';

const TIER_NAME: Readonly<Record<Tier, string>> = {
  1: 'Tier 1: quick assessment',
  2: 'Tier 2: production pipeline',
  3: 'Tier 3: full lifecycle',
};

const WRITES: Readonly<Record<Tier, string>> = {
  1: 'the plan, the tracking server, MLproject, the registry policy and promotion script, the deployment and the rollback runbook',
  2: 'tier 1 plus alert rules with their tests, a dashboard, the retraining pipeline and CI/CD with a gated production environment',
  3: 'tier 2 plus the model card, canary steps of 5/25/50/100% and drift-triggered retraining',
};

const PROS: Readonly<Record<Tier, readonly string[]>> = {
  1: [
    'running in a day: tracking and a registry give every later step its lineage',
    'nothing to operate beyond one server',
  ],
  2: [
    'monitoring and retraining from the first release: drift is caught by an alert, not a complaint',
    'one CI platform holds tests, staging and the approval',
  ],
  3: [
    'every deployment traceable to its run, data and approver',
    'staged rollouts roll back on the SLO before most users see a bad model',
  ],
};

const CONS: Readonly<Record<Tier, readonly string[]>> = {
  1: ['no alerts: a degraded model is found by its users', 'retraining stays a person running a script'],
  2: [
    'no model card or audit trail beyond the CI log',
    'at production, a two-step canary (10%, then 100%) where tier 3 takes four',
  ],
  3: [
    `a governance layer that takes about one engineer in ${String(THRESHOLDS.smallTeam)} to keep up`,
    'more files to own: alert tests, dashboards, the card',
  ],
};

const other = (tier: Tier, level: number): Tier => {
  if (tier === 3) return 2;
  if (tier === 1) return 2;
  // From tier 2: level 0 teams are offered the quick start, more mature ones the full lifecycle.
  return level === 0 ? 1 : 3;
};

function proposeTier(state: SessionState): Proposal {
  const assessment = lifecycleAssessment(state) ?? assessmentOf(state);
  const recommended = assessment.tier;
  const alternative = other(recommended, assessment.level);
  const make = (key: 'A' | 'B', tier: Tier) =>
    option(key, `tier-${String(tier)}`, TIER_NAME[tier], `Writes ${WRITES[tier]}.`, PROS[tier], CONS[tier]);
  return {
    explain: `Maturity level ${String(assessment.level)} (${assessment.evidence.join(', ')}). The tier decides how much of the lifecycle the plan builds now; each tier is a superset of the one below, so a lower tier is a start, not a dead end.`,
    options: [make('A', recommended), make('B', alternative)],
    position: `${TIER_NAME[recommended]}: ${assessment.why}.`,
    detail: [
      `Rules that fired: ${assessment.rules.map((rule) => `${rule.id} (${rule.threshold})`).join('; ')}.`,
      'Where the specification contradicts itself, the plan says which rule won: a team under 5 is capped at tier 2 unless the model is regulated; the latency bands are under 50 ms (edge or an optimised model), 50-500 ms (online), 500 ms or more (batch acceptable), with compression advised under 100 ms.',
    ].join(' '),
  };
}

function note(slot: QuestionSlot, value: unknown): string | undefined {
  switch (slot.id) {
    case 'lifecycle.latency':
      if (typeof value !== 'number') return undefined;
      if (value < THRESHOLDS.edgeLatencyMs)
        return `Under ${String(THRESHOLDS.edgeLatencyMs)} ms: a network hop and a general model server will not fit; plan for the edge or an optimised model.`;
      if (value >= THRESHOLDS.batchLatencyMs)
        return `${String(value)} ms or more: batch inference is acceptable.`;
      return `The latency alert fires when p95 stays over ${String(value * THRESHOLDS.latency.factor)} ms (1.5x) for ${String(THRESHOLDS.latency.minutes)} minutes.`;
    case 'lifecycle.rps':
      return typeof value === 'number' && value > THRESHOLDS.autoscaleRps
        ? `Over ${String(THRESHOLDS.autoscaleRps)}/s: autoscaling and an in-memory model cache are part of the plan.`
        : undefined;
    case 'lifecycle.team':
      return typeof value === 'number' && value < THRESHOLDS.smallTeam
        ? `A team of ${String(value)}: MLflow and a simple deployment; no Kubeflow.`
        : undefined;
    case 'lifecycle.model-size':
      return typeof value === 'number' && value > THRESHOLDS.largeModelBytes
        ? 'Over 1 GB: the plan adds compression or staged loading, and sizes memory at twice the weights.'
        : undefined;
    default:
      return undefined;
  }
}

export function lifecycleAdvisor(): Advisor {
  return {
    note: (slot, value) => note(slot, value),
    propose: (_slot: DecisionSlot, state) => proposeTier(state),
    report: (slot, choice, proposal) => reportChoice(slot, choice, proposal, 'the files follow the tier'),
  };
}
