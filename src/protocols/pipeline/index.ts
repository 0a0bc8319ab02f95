/** The pipeline-scoping protocol: an ML workflow into pipelines and an MVP, ending in pipeline_architecture.md. */
import { titleSlot } from '../../protocol/common-slots.js';
import type { Protocol } from '../../protocol/types.js';
import { PIPELINE_PHASES, PIPELINE_STEPS, pipelineApprovalSlot } from './slots.js';

export const pipelineProtocol: Protocol = {
  id: 'pipeline',
  title: 'Pipeline scoping',
  setup: [titleSlot] as Protocol['setup'],
  scope: 'ml',
  guides: ['pipeline-scoping', 'ml-platform-design', 'ml-infra-patterns'],
  phases: PIPELINE_PHASES,
  steps: PIPELINE_STEPS,
  approval: pipelineApprovalSlot,
};
