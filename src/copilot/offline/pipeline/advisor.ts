/**
 * The offline co-pilot's pipeline-scoping knowledge, as an Advisor: the MVP proposal, and notes on
 * what an answer covered. Pure functions of the session state and the reference guides. (The
 * classification and the decomposition are computed by the protocol, not drafted here.)
 */
import type { Guide } from '../../../knowledge/guide.js';
import { guidesFor } from '../../../knowledge/select.js';
import {
  PICK,
  type DecisionSlot,
  type Proposal,
  type QuestionSlot,
  type SessionState,
} from '../../../protocol/types.js';
import { traitsOf } from '../../../protocols/pipeline/components.js';
import type { PipelinePlan, PipelineRole } from '../../../protocols/pipeline/decompose.js';
import { pipelineAnswers, pipelineResults } from '../../../protocols/pipeline/model.js';
import { coveredParts, PARTS } from '../../../protocols/pipeline/picture.js';
import type { Advisor } from '../../port.js';
import { cite, option, reportChoice } from '../proposal-text.js';

export function pipelineAdvisor(knowledge: { readonly guides: readonly Guide[] }): Advisor {
  const guide = guidesFor(knowledge.guides, 'training-pipeline', 'high-level', 'MVP')[0];
  return {
    phrase: (slot, state) => phrase(slot, state),
    note: (slot, value) => note(slot, value),
    propose: (slot: DecisionSlot, state) => {
      const proposal = proposeMvp(state);
      return guide ? { ...proposal, detail: `${proposal.detail}\n\n${cite(guide, /pipeline/i)}` } : proposal;
    },
    report: (slot, choice, proposal) =>
      reportChoice(slot, choice, proposal, 'check the decomposition against your choice'),
  };
}

function phrase(slot: QuestionSlot, state: SessionState): string | undefined {
  if (slot.id !== 'classify.latency') return undefined;
  const serving = (pipelineAnswers(state).components ?? []).filter(
    (component) => traitsOf(component).trigger.kind === 'request',
  );
  if (serving.length === 0) return undefined;
  return `"Real-time" can mean 5 ms or 5 s. What P99 must ${serving.map((component) => component.name).join(' and ')} answer within?`;
}

function note(slot: QuestionSlot, value: unknown): string | undefined {
  if (slot.id !== 'picture.workflow' || typeof value !== 'string') return undefined;
  const covered = coveredParts(value);
  return `Covered ${covered.length} of ${PARTS.length}: ${covered.map((part) => part.label).join(', ') || 'none'}.`;
}

/** What each kind of pipeline wins when it is built first. */
const FIRST_WIN: Readonly<Record<PipelineRole | 'deployed', string>> = {
  data: 'its validated, versioned data is reused by every later pipeline',
  training: 'the model improves on a schedule, with every version traceable',
  inference: 'the people who use predictions see them sooner',
  deployed: 'callers get answers from a versioned model within the request',
  other: 'it automates the step done by hand most often',
};

function mvpReason(
  recommended: PipelinePlan,
  context: {
    training: PipelinePlan | undefined;
    serving: PipelinePlan | undefined;
    count: number;
    production: boolean;
  },
): string {
  if (recommended === context.training)
    return context.production
      ? 'no pipeline in scope serves or scores yet, so automating training is the first repeatable win, and the existing process keeps serving meanwhile'
      : 'every other pipeline consumes the model it registers, and it proves the whole loop (data, model, evaluation, registry) on its own';
  if (recommended === context.serving)
    return context.production
      ? 'a model already runs in production, so putting predictions in front of their consumers proves value soonest; training automation can follow'
      : 'no training pipeline is in scope, so the model comes from the existing process and delivering its predictions proves value first';
  return context.count === 1
    ? 'it is the only pipeline in scope'
    : 'it produces what the other pipelines read, so they can be built on it';
}

/**
 * The MVP: one pipeline, end to end, the smallest that proves value. With no model in production the
 * training pipeline comes first: every other pipeline consumes the model it registers. With a model
 * already in production, serving it (or scoring with it) reaches users soonest.
 */
function proposeMvp(state: SessionState): Proposal {
  const pipelines = pipelineResults(state).pipelines ?? [];
  const { stage } = pipelineAnswers(state);
  const training = pipelines.find((pipeline) => pipeline.role === 'training');
  const serving =
    pipelines.find((pipeline) => pipeline.deployed) ??
    pipelines.find((pipeline) => pipeline.role === 'inference');
  const recommended =
    (stage === 'production' ? (serving ?? training) : (training ?? serving)) ?? pipelines[0];
  if (!recommended)
    throw new Error('the MVP decision needs at least one pipeline; none was classified as one');
  const alternative = pipelines.find((pipeline) => pipeline !== recommended);
  const why = mvpReason(recommended, {
    training,
    serving,
    count: pipelines.length,
    production: stage === 'production',
  });
  const steps = (pipeline: PipelinePlan): string =>
    `${pipeline.steps.length} step(s): ${pipeline.steps.map((step) => step.text.toLowerCase()).join(', ')}`;
  const a = option(
    'A',
    { value: PICK, items: [recommended.name] },
    recommended.name,
    `${steps(recommended)}; ${recommended.trigger}.`,
    [
      why.split(',')[0] ?? why,
      `ends in ${recommended.artifacts[recommended.artifacts.length - 1] ?? 'outputs'} that the next pipeline can consume`,
    ],
    [`${pipelines.length - 1} other pipeline(s) wait until it runs end to end`],
  );
  const b = alternative
    ? option(
        'B',
        { value: PICK, items: [alternative.name] },
        alternative.name,
        `${steps(alternative)}; ${alternative.trigger}.`,
        [FIRST_WIN[alternative.deployed ? 'deployed' : alternative.role]],
        [
          alternative.role === 'inference' && recommended.role === 'training'
            ? `needs a model that ${recommended.name.toLowerCase()} has not produced yet`
            : 'proves less of the loop on its own: no one uses its output until the rest exists',
        ],
      )
    : option(
        'B',
        { value: PICK, items: [recommended.name] },
        `${recommended.name}, run by hand first`,
        `The same ${recommended.steps.length} step(s), started manually before any schedule or trigger.`,
        ['nothing to schedule or alert on until the results are trusted'],
        ['no unattended runs, so freshness depends on someone remembering'],
      );
  return {
    explain: `${pipelines.length} pipeline(s) came out of the decomposition. Build one first, end to end, and prove it in production before the next: each added pipeline is another schedule, failure domain and on-call surface.`,
    options: [a, b],
    position: `Option A: ${recommended.name}, because ${why}.`,
    detail: `An MVP pipeline is done when it runs unattended on real data, writes its artifacts where the next pipeline will read them, and someone has used its output. Resist adding sources or tuning to it before then: each addition is another way for the first run to fail.`,
  };
}
