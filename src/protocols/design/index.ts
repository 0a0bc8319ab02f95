/** The design protocol: six phases from requirements to operations, ending in system_design.md. */
import type { Protocol } from '../../protocol/types.js';
import { titleSlot } from '../../protocol/common-slots.js';
import { DESIGN_PHASES, DESIGN_STEPS, approvalSlot, scopeSlot } from './slots.js';

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
      : [],
};
