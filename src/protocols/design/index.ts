/** The design protocol: six phases from requirements to operations, ending in system_design.md. */
import type { Protocol } from '../../protocol/types.js';
import { titleSlot } from '../../protocol/common-slots.js';
import { DESIGN_PHASES, DESIGN_STEPS, approvalSlot, scopeSlot } from './slots.js';
import { estimateInputFrom } from './estimate-input.js';
import { estimateOf } from './estimation-slots.js';
import { designAnswers } from './model.js';
import type { SessionState } from '../../protocol/types.js';

/**
 * The estimate a scripted session will compute, computed by the same function (estimateOf) from
 * the same parsed answers, so a file `validate` accepts never fails `design` on its numbers.
 */
function estimateProblems(
  values: Readonly<Record<string, unknown>>,
): readonly { readonly id: string; readonly message: string }[] {
  const state: SessionState = {
    version: 1,
    protocol: 'design',
    title: '',
    scope: 'system',
    context: [],
    answers: Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { raw: '', value }])),
    decisions: {},
    drafts: {},
    derived: {},
  };
  if (!estimateInputFrom(designAnswers(state))) return [];
  const result = estimateOf(state);
  // A soft disagreement (a stated peak) is a warning the session prints, not a problem.
  return result.ok || result.error.soft ? [] : [{ id: result.error.question, message: result.error.message }];
}

const perUser = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'perUser' in value && value.perUser === true;

export const designProtocol: Protocol = {
  id: 'design',
  title: 'System design',
  setup: [titleSlot, scopeSlot] as Protocol['setup'],
  phases: DESIGN_PHASES,
  steps: DESIGN_STEPS,
  approval: approvalSlot,
  check: (values) =>
    (perUser(values['estimation.writes']) || perUser(values['estimation.reads'])) &&
    values['estimation.users'] === undefined
      ? [
          {
            id: 'estimation.users',
            message: 'a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
          },
        ]
      : estimateProblems(values),
};
