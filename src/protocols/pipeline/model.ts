/**
 * The typed view of a pipeline-scoping session: its answers and computed results by name, and the
 * pure functions that compute those results (the classification and the decomposition are derived
 * by rules from the answers, never drafted by a co-pilot).
 */
import type { TeamSize } from '../../protocol/answer-text.js';
import { answerValues, pickById } from '../../protocol/records.js';
import { askAgain } from '../../protocol/machine.js';
import type { AnswerProblem, SessionState } from '../../protocol/types.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { applyMoves, classify, type Classification, type Move } from './classify.js';
import type { WorkflowComponent } from './components.js';
import { decompose, type PipelinePlan } from './decompose.js';
import type { Ownership } from './slots.js';
import type { ScopingFacts, Stage } from './smells.js';

export interface PipelineAnswers {
  readonly workflow?: string;
  readonly stage?: Stage;
  readonly team?: TeamSize;
  readonly components?: readonly WorkflowComponent[];
  readonly latency?: number;
  readonly moves?: readonly Move[];
  readonly owners?: readonly Ownership[];
  readonly orchestrator?: string;
  readonly openQuestions?: readonly string[];
}

const KEYS: Readonly<Record<keyof PipelineAnswers, string>> = {
  workflow: 'picture.workflow',
  stage: 'picture.stage',
  team: 'picture.team',
  components: 'classify.components',
  latency: 'classify.latency',
  moves: 'classify.moves',
  owners: 'decompose.owners',
  orchestrator: 'decompose.orchestrator',
  openQuestions: 'review.open-questions',
};

export function pipelineAnswers(state: SessionState): PipelineAnswers {
  return pickById(answerValues(state), KEYS);
}

export interface PipelineResults {
  readonly classification?: readonly Classification[];
  readonly pipelines?: readonly PipelinePlan[];
}

const RESULT_KEYS: Readonly<Record<keyof PipelineResults, string>> = {
  classification: 'classify.table',
  pipelines: 'decompose.pipelines',
};

export function pipelineResults(state: SessionState): PipelineResults {
  return pickById(state.derived, RESULT_KEYS);
}

/** What the smells read from a session. */
export function scopingFacts(state: SessionState): ScopingFacts {
  const answers = pipelineAnswers(state);
  const { pipelines } = pipelineResults(state);
  return {
    ...(answers.stage ? { stage: answers.stage } : {}),
    ...(answers.team ? { engineers: answers.team.engineers } : {}),
    ...(pipelines ? { pipelines } : {}),
  };
}

/** The classification the rules give each component, with the latency the user stated. */
export function classifyComponents(state: SessionState): Classification[] {
  const { components = [], latency } = pipelineAnswers(state);
  return components.map((component) => classify(component, latency === undefined ? {} : { latency }));
}

/**
 * An owner's list split on its commas, joined back where neighbours make up one component's name:
 * "ingest, dedupe, enrich" names ingest and "dedupe, enrich" when that is a component.
 */
export function joinSplitNames(
  pieces: readonly string[],
  components: readonly WorkflowComponent[],
): string[] {
  const names = new Set(components.map((component) => component.name.toLowerCase()));
  const joined: string[] = [];
  for (let start = 0; start < pieces.length;) {
    let end = pieces.length;
    while (end > start + 1 && !names.has(pieces.slice(start, end).join(', ').toLowerCase())) end -= 1;
    joined.push(pieces.slice(start, end).join(', '));
    start = end;
  }
  return joined;
}

const ownersOf = (owners: readonly Ownership[], components: readonly WorkflowComponent[]): Ownership[] =>
  owners.map((owner) => ({ ...owner, components: joinSplitNames(owner.components, components) }));

/**
 * Answers that name components (a move, an owner) must name listed ones. Checked across answers:
 * by the protocol before a scripted run starts, and by the advisor when a person answers live.
 */
export function unknownNames(
  components: readonly WorkflowComponent[],
  moves: readonly Move[],
  owners: readonly Ownership[],
): { id: string; message: string }[] {
  const names = new Set(components.map((component) => component.name.toLowerCase()));
  const listed = `the components are ${components.map((component) => component.name).join(', ')}`;
  const move = moves.find((candidate) => !names.has(candidate.name.toLowerCase()));
  const owner = ownersOf(owners, components).flatMap((team) =>
    team.components
      .filter((name) => !names.has(name.toLowerCase()))
      .map((name) => ({ team: team.team, name })),
  )[0];
  return [
    ...(move ? [{ id: 'classify.moves', message: `no component is named "${move.name}"; ${listed}` }] : []),
    ...(owner
      ? [
          {
            id: 'decompose.owners',
            message: `${owner.team} owns "${owner.name}", which is not a component; ${listed}`,
          },
        ]
      : []),
  ];
}

/** The classification with the user's moves applied: what the decomposition and the document use. */
export function finalClassification(state: SessionState): Result<Classification[]> {
  const { components = [], moves = [] } = pipelineAnswers(state);
  const classified = pipelineResults(state).classification ?? classifyComponents(state);
  const problem = unknownNames(components, moves, []);
  if (problem[0]) return fail(problem[0].message);
  return ok(applyMoves(classified, moves));
}

const ONE_TEAM = 'one team';

/** The pipelines: the final classification split by trigger, failure domain and owning team. */
export function pipelinesOf(state: SessionState): Result<PipelinePlan[], AnswerProblem> {
  const items = finalClassification(state);
  if (!items.ok) return askAgain('classify.moves', items.error);
  const { components = [], owners = [] } = pipelineAnswers(state);
  const problem = unknownNames(components, [], owners)[0];
  if (problem) return askAgain(problem.id, problem.message);
  const team = new Map(
    ownersOf(owners, components).flatMap((owner) =>
      owner.components.map((name) => [name.toLowerCase(), owner.team] as const),
    ),
  );
  return ok(decompose(items.value, (name) => team.get(name.toLowerCase()) ?? ONE_TEAM));
}
