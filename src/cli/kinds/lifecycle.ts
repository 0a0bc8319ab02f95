/** The MLOps lifecycle: maturity, tier and rules, to mlops_plan.md and the files under mlops/. */
import { lifecycleAdvisor } from '../../copilot/offline/lifecycle/advisor.js';
import type { SessionState } from '../../protocol/types.js';
import { lifecycleProtocol } from '../../protocols/lifecycle/index.js';
import { lifecyclePlan, type Assessment } from '../../protocols/lifecycle/model.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { checkLifecycleFiles, PLAN_DOCUMENT, renderLifecycle } from '../../render/lifecycle/index.js';
import { decidingFlags, flagValue, parseFlags } from '../options.js';
import type { SessionKind } from '../session-kind.js';

/** The approved session's plan; the runner derived it before approval, so its absence is a bug. */
function planOf(state: SessionState): LifecyclePlan {
  const plan = lifecyclePlan(state);
  if (!plan) throw new Error('the approved lifecycle session has no plan');
  return plan;
}

export const lifecycleKind: SessionKind = {
  command: 'lifecycle',
  protocol: lifecycleProtocol,
  options: (raw) => ({
    ...parseFlags(decidingFlags.extend({ from: flagValue('a session id').optional() }), raw),
    presets: {},
  }),
  advisor: () => lifecycleAdvisor(),
  presentation: {
    intro: [
      'mlops-design: the MLOps lifecycle, one question at a time.',
      'The model, its scale, how it is trained and deployed today, governance and stack; then the maturity, the tier and the plan. Nothing is written until you approve.',
    ],
    flagLabel: 'Conflict',
    describe,
    outcome: (state) => {
      const plan = planOf(state);
      return `Maturity level ${String(plan.maturity.level)}, tier ${String(plan.tier.tier)}; ${String(renderLifecycle('', plan).length - 1)} file(s) beside mlops_plan.md.`;
    },
  },
  rules: { flags: () => [] },
  document: PLAN_DOCUMENT,
  render: (template, state) => {
    const plan = planOf(state);
    if (plan.aborts.length > 0)
      return { artifacts: [], problems: plan.aborts.map((abort) => `the plan stops: ${abort}`) };
    const artifacts = renderLifecycle(template, plan);
    return { artifacts, problems: checkLifecycleFiles(artifacts) };
  },
  summary: (state) => {
    const plan = planOf(state);
    return {
      maturity: plan.maturity,
      tier: plan.tier,
      rules: plan.rules.map(({ id, threshold }) => ({ id, threshold })),
      capabilities: plan.capabilities.map(({ id, tool }) => ({ id, tool })),
      files: renderLifecycle('', plan)
        .slice(1)
        .map((artifact) => artifact.path),
    };
  },
};

/** A terminal digest of the assessment and the plan; the document carries the full text. */
function describe(id: string, value: unknown): string[] {
  switch (id) {
    case 'lifecycle.assessment': {
      const assessment = value as Assessment;
      return [
        `  Maturity level ${String(assessment.level)} (${assessment.evidence.join(', ')}).`,
        `  Recommended tier ${String(assessment.tier)}: ${assessment.why}.`,
        ...assessment.rules.map((rule) => `  Rule ${rule.id} (${rule.threshold}): ${rule.says}`),
      ];
    }
    case 'lifecycle.plan': {
      const plan = value as LifecyclePlan;
      return plan.capabilities.map((capability) => `  ${capability.id}: ${capability.tool}`);
    }
    default:
      return [];
  }
}
