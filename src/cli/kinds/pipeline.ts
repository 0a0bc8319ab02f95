/** Pipeline scoping: an ML workflow into pipelines and an MVP, to pipeline_architecture.md, with smells. */
import { pipelineAdvisor } from '../../copilot/offline/pipeline/advisor.js';
import type { SessionState } from '../../protocol/types.js';
import { BUCKET_LABELS, type Classification } from '../../protocols/pipeline/classify.js';
import type { PipelinePlan } from '../../protocols/pipeline/decompose.js';
import { pipelineProtocol } from '../../protocols/pipeline/index.js';
import { finalClassification, pipelineDrafts, scopingFacts } from '../../protocols/pipeline/model.js';
import { smells, type Smell } from '../../protocols/pipeline/smells.js';
import { renderPipelineArchitecture } from '../../render/pipeline-architecture.js';
import { lintPipelineDocument } from '../../render/pipeline-lint.js';
import type { SessionKind } from '../session-kind.js';

const smellsOf = (state: SessionState): Smell[] => smells(scopingFacts(state));

/** The moves were checked when the decomposition was drafted; a bad one here is a bug. */
function classificationOf(state: SessionState): Classification[] {
  const result = finalClassification(state);
  if (!result.ok) throw new Error(`the approved session has an invalid move: ${result.error}`);
  return result.value;
}

const DOCUMENT = 'pipeline_architecture.md';

export const pipelineKind: SessionKind = {
  command: 'pipeline',
  protocol: pipelineProtocol,
  document: DOCUMENT,
  intro: [
    'mlops-design: pipeline scoping, one question at a time.',
    'Five phases: the whole picture, classification, decomposition, the MVP, open questions. Nothing is written until you approve.',
  ],
  scoped: false,
  flagLabel: 'Smell',
  describeDraft,
  advisor: pipelineAdvisor,
  flags: smellsOf,
  linted: true,
  render: (template, state) => {
    const text = renderPipelineArchitecture(template, {
      state,
      classification: classificationOf(state),
      smells: smellsOf(state),
    });
    return {
      artifacts: [{ path: DOCUMENT, content: text }],
      problems: lintPipelineDocument(text),
    };
  },
  outcome: (state) => {
    const pipelines = pipelineDrafts(state).pipelines ?? [];
    const mvp = state.decisions['mvp.choice']?.items?.[0] ?? pipelines[0]?.name ?? 'none';
    return `${String(pipelines.length)} pipeline(s); the MVP: ${mvp}.`;
  },
  summary: (state) => ({
    smells: smellsOf(state).map(({ id, message }) => ({ id, message })),
    pipelines: (pipelineDrafts(state).pipelines ?? []).map((pipeline) => ({
      name: pipeline.name,
      trigger: pipeline.trigger,
      steps: pipeline.steps.length,
      deployed: pipeline.deployed,
    })),
    classification: classificationOf(state).map((item) => ({
      component: item.component.name,
      bucket: item.bucket,
      rule: item.rule,
    })),
  }),
};

/** A terminal digest of each pipeline draft; the document carries the full text. */
function describeDraft(id: string, draft: unknown): string[] {
  switch (id) {
    case 'classify.table':
      return (draft as Classification[]).map(
        (item) =>
          `  ${item.component.name}: ${BUCKET_LABELS[item.bucket]} (${item.rule}): ${item.reason}${item.instead ? `. Use instead: ${item.instead}` : ''}`,
      );
    case 'decompose.pipelines':
      return (draft as PipelinePlan[]).map(
        (pipeline) =>
          `  ${pipeline.name} (${pipeline.trigger}, ${pipeline.owner}): ${pipeline.steps.map((step) => step.text).join(' -> ')}`,
      );
    default:
      return [];
  }
}
