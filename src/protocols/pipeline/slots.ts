/**
 * The pipeline-scoping protocol's questions, decisions and drafts, in the order they are asked.
 * Ids are a public contract: answers files are keyed by them.
 */
import { parseLatency } from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { asText, listItems, nonEmptyText, parseTeamSize } from '../../protocol/answer-text.js';
import { approvalSlotFor, question } from '../../protocol/common-slots.js';
import type {
  DecisionSlot,
  DeriveStep,
  QuestionSlot,
  RawAnswer,
  SessionState,
} from '../../protocol/types.js';
import type { Bucket, Move } from './classify.js';
import { parseComponents, traitsOf, type WorkflowComponent } from './components.js';
import { classifyComponents, pipelineResults, pipelinesOf } from './model.js';
import { pushBackOnPicture } from './picture.js';
import type { Stage } from './smells.js';

export const PIPELINE_PHASES = [
  { id: 'picture', title: 'The whole picture' },
  { id: 'classify', title: 'Classification' },
  { id: 'decompose', title: 'Decomposition' },
  { id: 'mvp', title: 'MVP' },
  { id: 'review', title: 'Open questions' },
] as const;

/** At most this many open questions reach the document; more go back to the interview. */
export const MAX_OPEN_QUESTIONS = 3;

const NONE = /^(?:none|no|nothing|n\/a|-)$/i;

const STAGES: readonly { value: Stage; label: string }[] = [
  { value: 'exploring', label: 'Still exploring the data; no working prototype yet' },
  { value: 'prototype', label: 'A working prototype (notebook or script) gives useful results' },
  { value: 'production', label: 'Something runs in production and needs restructuring' },
];

function parseStage(raw: RawAnswer): Result<Stage> {
  const text = asText(raw).toLowerCase();
  const stage = STAGES.find(
    (candidate) => candidate.value === text || text.startsWith(candidate.value.slice(0, 5)),
  );
  return stage
    ? ok(stage.value)
    : fail(`expected one of ${STAGES.map((s) => s.value).join(', ')}, got "${asText(raw)}"`);
}

const BUCKET_WORDS: readonly [RegExp, Bucket][] = [
  [/^(?:deployed(?: pipeline)?|endpoint|http)$/i, 'deployed'],
  [/^(?:not[- ]a[- ]pipeline|not a pipeline|no|not)$/i, 'not-a-pipeline'],
  [/^(?:defer(?:red)?|later)$/i, 'defer'],
  [/^pipeline$/i, 'pipeline'],
];

function parseMoves(raw: RawAnswer): Result<readonly Move[]> {
  if (NONE.test(asText(raw))) return ok([]);
  const moves: Move[] = [];
  for (const item of listItems(raw)) {
    const match = /^(.+?)\s*:\s*(.+)$/.exec(item);
    const bucket = match?.[2]
      ? BUCKET_WORDS.find(([pattern]) => pattern.test(match[2]?.trim() ?? ''))?.[1]
      : undefined;
    if (!match?.[1] || !bucket)
      return fail(
        `expected "component: pipeline | deployed | not a pipeline | defer", e.g. "tuning: defer", or "none", got "${item}"`,
      );
    moves.push({ name: match[1].trim(), bucket });
  }
  return ok(moves);
}

/** "data team: ingest, clean" lines: which team owns which components. */
export interface Ownership {
  readonly team: string;
  readonly components: readonly string[];
}

function parseOwners(raw: RawAnswer): Result<readonly Ownership[]> {
  if (/^(?:one team|a single team|same team|none)$/i.test(asText(raw))) return ok([]);
  const owners: Ownership[] = [];
  for (const item of listItems(raw)) {
    const match = /^(.+?)\s*:\s*(.+)$/.exec(item);
    const components = (match?.[2] ?? '')
      .split(/\s*,\s*|\s+and\s+/)
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
    if (!match?.[1] || components.length === 0)
      return fail(
        `expected "team: component, component", e.g. "data team: ingest, clean", or "one team", got "${item}"`,
      );
    owners.push({ team: match[1].trim(), components });
  }
  return ok(owners);
}

function parseOpenQuestions(raw: RawAnswer): Result<readonly string[]> {
  if (NONE.test(asText(raw))) return ok([]);
  const items = listItems(raw);
  if (items.length > MAX_OPEN_QUESTIONS)
    return fail(
      `${items.length} open questions: keep at most ${MAX_OPEN_QUESTIONS}, the ones nobody in this interview can answer (another team, a benchmark, production data); answer the others now`,
    );
  return ok(items);
}

/** Fewer components than this is a model without its surroundings. */
export const MIN_COMPONENTS = 3;

/** One follow-up for a list that leaves out what surrounds the model. */
export function pushBackOnComponents(components: readonly WorkflowComponent[]): string | undefined {
  if (components.length >= MIN_COMPONENTS) return undefined;
  return `Only ${String(components.length)} component(s). The scope needs what surrounds the model too, even the parts that will not be pipelines: where its data comes from and how it is prepared, who uses its output and how, and how you will notice it going wrong. Add them, one per line.`;
}

const hasRequestComponent = (state: SessionState): boolean => {
  const components = state.answers['classify.components']?.value;
  return (
    Array.isArray(components) &&
    components.some(
      (component: { name: string; description: string }) => traitsOf(component).trigger.kind === 'request',
    )
  );
};

/** A result the rules compute from the answers; the co-pilot does not draft it. */
const derived = <T>(
  id: string,
  phase: string,
  title: string,
  derive: DeriveStep<T>['derive'],
): DeriveStep<T> => ({ kind: 'derive', id, phase, title, when: 'always', derive });

const mvpDecision: DecisionSlot = {
  kind: 'decision',
  id: 'mvp.choice',
  phase: 'mvp',
  title: 'MVP pipeline',
  prompt: 'Which one pipeline do you build first, end to end?',
  when: 'always',
  // The value is always a pick of one pipeline, by name: the proposal's two, or one named in words.
  values: [],
  items: (state) =>
    (pipelineResults(state).pipelines ?? []).map((pipeline) => ({ id: pipeline.name, name: pipeline.name })),
};

export const PIPELINE_STEPS: (QuestionSlot | DecisionSlot | DeriveStep)[] = [
  question({
    kind: 'question',
    id: 'picture.workflow',
    phase: 'picture',
    title: 'The whole workflow',
    when: 'always',
    answer: 'text',
    prompt:
      'Describe the whole ML workflow, from raw data to however the model gets used: data sources, processing, training, evaluation, how predictions are used, monitoring, the team, and what you tried before. Include the messy parts.',
    help: 'Everything first, structure later: the classification sorts it. Thin answers get one follow-up, because a missing part now is a redesign later.',
    example:
      'Nightly we pull transactions from the warehouse, build features, retrain weekly, compare AUC with the current model, score every customer on Mondays for the CRM; a notebook does this by hand today; two ML engineers.',
    parse: nonEmptyText,
    pushBack: (text: string) => pushBackOnPicture(text),
  }),
  question({
    kind: 'question',
    id: 'picture.stage',
    phase: 'picture',
    title: 'Readiness',
    when: 'always',
    answer: 'choice',
    prompt: 'Where are you today?',
    help: 'A pipeline freezes an approach: build one when a prototype already gives results worth repeating.',
    example: 'prototype',
    choices: STAGES,
    parse: parseStage,
  }),
  question({
    kind: 'question',
    id: 'picture.team',
    phase: 'picture',
    title: 'Team',
    when: 'always',
    answer: 'count',
    prompt: 'How many engineers will build and maintain these pipelines? ("not stated" if unknown)',
    help: 'About 2-3 active pipelines per engineer is sustainable; the team size caps how many the design should have.',
    example: '2',
    optional: { default: 'not stated', note: 'not stated' },
    parse: parseTeamSize,
  }),
  question({
    kind: 'question',
    id: 'classify.components',
    phase: 'classify',
    title: 'Components',
    when: 'always',
    answer: 'list',
    prompt:
      'List each component of the workflow, one per line, as "name: what it does and when it runs"; give a pipeline\'s steps with "->".',
    help: 'Say when each part runs (nightly, weekly, per request, continuously, once) and what it produces: the classification rules read exactly that.',
    example: 'training: weekly: load 90 days of features -> train -> evaluate against production -> register',
    parse: parseComponents,
    pushBack: (components: readonly WorkflowComponent[]) => pushBackOnComponents(components),
  }),
  question({
    kind: 'question',
    id: 'classify.latency',
    phase: 'classify',
    title: 'Real-time latency',
    when: 'when a component answers requests',
    appliesTo: hasRequestComponent,
    answer: 'latency',
    prompt: '"Real-time" can mean 5 ms or 5 s. What P99 must the request-serving component answer within?',
    help: 'Above about 10 ms a deployed pipeline usually fits once tuned (benchmark it with realistic payloads); below that, a dedicated serving framework.',
    example: '500ms',
    parse: (raw) => parseLatency(asText(raw).replace(/^p99\s*/i, '')),
  }),
  derived('classify.table', 'classify', 'Classification', (state) => ok(classifyComponents(state))),
  question({
    kind: 'question',
    id: 'classify.moves',
    phase: 'classify',
    title: 'Moves',
    when: 'always',
    answer: 'list',
    prompt:
      'Does the classification feel right? Move any component as "name: pipeline | deployed | not a pipeline | defer", or answer "none".',
    help: 'The rules decide from what you wrote; you know what you left out.',
    example: 'none',
    optional: { default: 'none', note: 'no moves' },
    parse: parseMoves,
  }),
  question({
    kind: 'question',
    id: 'decompose.owners',
    phase: 'decompose',
    title: 'Owners',
    when: 'always',
    answer: 'list',
    prompt:
      'Which team owns which components? One line per team, "team: component, component", or "one team".',
    help: 'Different owning teams split pipelines, with an artifact contract between them.',
    example: 'data team: ingest, features; ML team: training, scoring',
    optional: { default: 'one team', note: 'one team owns everything' },
    parse: parseOwners,
  }),
  question({
    kind: 'question',
    id: 'decompose.orchestrator',
    phase: 'decompose',
    title: 'Orchestrator',
    when: 'always',
    answer: 'text',
    prompt:
      'Where will the pipelines run: locally, on Kubernetes, Vertex AI, SageMaker, or an existing orchestrator? ("not decided" if open)',
    help: "It sets each pipeline's orchestrator requirements; an open choice becomes an open question.",
    example: 'Kubernetes (the platform team runs it)',
    optional: { default: 'not decided', note: 'not decided' },
    parse: (raw) => {
      const text = asText(raw);
      return ok(/^not decided$/i.test(text) || text.length === 0 ? undefined : text);
    },
  }),
  derived('decompose.pipelines', 'decompose', 'Pipeline decomposition', pipelinesOf),
  mvpDecision,
  question({
    kind: 'question',
    id: 'review.open-questions',
    phase: 'review',
    title: 'Open questions',
    when: 'always',
    answer: 'list',
    prompt: `What can nobody in this interview answer (another team, a benchmark, production data)? At most ${MAX_OPEN_QUESTIONS}, one per line, or "none".`,
    help: 'Most open questions are answered by one more question now; the document keeps only the ones that genuinely need someone else.',
    example: 'Does the warehouse allow reads from the Kubernetes cluster?',
    optional: { default: 'none', note: 'none beyond what the co-pilot derives' },
    parse: parseOpenQuestions,
  }),
];

export const pipelineApprovalSlot = approvalSlotFor(
  PIPELINE_PHASES.map((phase) => phase.id),
  'review',
);
