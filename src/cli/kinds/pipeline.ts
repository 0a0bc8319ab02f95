/** Pipeline scoping: an ML workflow into pipelines and an MVP, to pipeline_architecture.md, with smells. */
import { pipelineAdvisor } from '../../copilot/offline/pipeline/advisor.js';
import type { SessionState } from '../../protocol/types.js';
import { BUCKET_LABELS, type Classification } from '../../protocols/pipeline/classify.js';
import type { PipelinePlan } from '../../protocols/pipeline/decompose.js';
import { pipelineProtocol } from '../../protocols/pipeline/index.js';
import { finalClassification, pipelineResults, scopingFacts } from '../../protocols/pipeline/model.js';
import { smells, type Smell } from '../../protocols/pipeline/smells.js';
import { renderPipelineArchitecture } from '../../render/pipeline-architecture.js';
import { lintPipelineDocument } from '../../render/pipeline-lint.js';
import { decidingFlags, parseFlags } from '../options.js';
import type { SessionKind } from '../session-kind.js';

const smellsOf = (state: SessionState): Smell[] => smells(scopingFacts(state));

/** The moves were checked when the decomposition was computed; a bad one here is a bug. */
function classificationOf(state: SessionState): Classification[] {
  const result = finalClassification(state);
  if (!result.ok) throw new Error(`the approved session has an invalid move: ${result.error}`);
  return result.value;
}

const DOCUMENT = 'pipeline_architecture.md';

export const pipelineKind: SessionKind = {
  command: 'pipeline',
  protocol: pipelineProtocol,
  options: (raw) => ({ ...parseFlags(decidingFlags, raw), presets: {} }),
  advisor: pipelineAdvisor,
  presentation: {
    intro: [
      'mlops-design: pipeline scoping, one question at a time.',
      'Five phases: the whole picture, classification, decomposition, the MVP, open questions. Nothing is written until you approve.',
    ],
    flagLabel: 'Smell',
    describe,
    outcome: (state) => {
      const pipelines = pipelineResults(state).pipelines ?? [];
      const mvp = state.decisions['mvp.choice']?.items?.[0] ?? pipelines[0]?.name ?? 'none';
      return `${String(pipelines.length)} pipeline(s); the MVP: ${mvp}.`;
    },
  },
  rules: { flags: smellsOf },
  document: DOCUMENT,
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
  summary: (state) => ({
    smells: smellsOf(state).map(({ id, message }) => ({ id, message })),
    pipelines: (pipelineResults(state).pipelines ?? []).map((pipeline) => ({
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

/** A terminal digest of the classification and the decomposition; the document carries the full text. */
function describe(id: string, result: unknown): string[] {
  switch (id) {
    case 'classify.table':
    case 'classify.final':
      // After the moves, only what they changed is said again.
      return (result as Classification[])
        .filter((item) => id === 'classify.table' || item.rule === 'moved')
        .map(
          (item) =>
            `  ${item.component.name}: ${BUCKET_LABELS[item.bucket]} (${item.rule}): ${item.reason}${item.instead ? `. Use instead: ${item.instead}` : ''}`,
        );
    case 'decompose.pipelines':
      return (result as PipelinePlan[]).map(
        (pipeline) =>
          `  ${pipeline.name} (${pipeline.trigger}, ${pipeline.owner}): ${pipeline.steps.map((step) => step.text).join(' -> ')}`,
      );
    default:
      return [];
  }
}
