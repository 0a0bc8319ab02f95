/** The pipeline-scoping protocol: an ML workflow into pipelines and an MVP, ending in pipeline_architecture.md. */
import { titleSlot } from '../../protocol/common-slots.js';
import type { Protocol } from '../../protocol/types.js';
import type { Move } from './classify.js';
import type { WorkflowComponent } from './components.js';
import { unknownNames } from './model.js';
import { PIPELINE_PHASES, PIPELINE_STEPS, pipelineApprovalSlot, type Ownership } from './slots.js';

export const pipelineProtocol: Protocol = {
  id: 'pipeline',
  title: 'Pipeline scoping',
  setup: [titleSlot] as Protocol['setup'],
  scope: 'ml',
  guides: ['pipeline-scoping', 'ml-platform-design', 'ml-infra-patterns'],
  phases: PIPELINE_PHASES,
  steps: PIPELINE_STEPS,
  approval: pipelineApprovalSlot,
  check: (values) =>
    unknownNames(
      (values['classify.components'] as readonly WorkflowComponent[] | undefined) ?? [],
      (values['classify.moves'] as readonly Move[] | undefined) ?? [],
      (values['decompose.owners'] as readonly Ownership[] | undefined) ?? [],
    ),
};
