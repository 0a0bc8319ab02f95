/** The MLOps lifecycle protocol: maturity, tier, the rules, and the files a team commits under mlops/. */
import { titleSlot } from '../../protocol/common-slots.js';
import type { Protocol } from '../../protocol/types.js';
import { SCALE_IDS } from './model.js';
import { LIFECYCLE_PHASES, LIFECYCLE_STEPS, lifecycleApprovalSlot } from './slots.js';

export const lifecycleProtocol: Protocol = {
  id: 'lifecycle',
  title: 'MLOps lifecycle',
  setup: [titleSlot] as Protocol['setup'],
  scope: 'ml',
  guides: ['ml-platform-design', 'ml-infra-patterns'],
  phases: LIFECYCLE_PHASES,
  steps: LIFECYCLE_STEPS,
  approval: lifecycleApprovalSlot,
  check: (values) =>
    SCALE_IDS.some((id) => values[id] !== undefined)
      ? []
      : [
          {
            id: 'lifecycle.rps',
            message: `give at least one of ${SCALE_IDS.join(', ')}: the plan sizes nothing without one`,
          },
        ],
};
