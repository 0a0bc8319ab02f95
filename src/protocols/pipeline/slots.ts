/**
 * The pipeline-scoping protocol's questions, decisions and drafts, in the order they are asked.
 * Ids are a public contract: answers files are keyed by them.
 */
import { parseLatency } from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { asText, listItems, nonEmptyText, parseTeamSize } from '../../protocol/answer-text.js';
import { approvalSlotFor, question } from '../../protocol/common-slots.js';
import { askAgain } from '../../protocol/machine.js';
import type {
  DecisionSlot,
  DeriveStep,
  QuestionSlot,
  RawAnswer,
  SessionState,
} from '../../protocol/types.js';
import type { Bucket, Move } from './classify.js';
import { parseComponents, traitsOf, triggerOf, type WorkflowComponent } from './components.js';
import {
  classifyComponents,
  finalClassification,
  pipelineAnswers,
  pipelineResults,
  pipelinesOf,
  unknownNames,
} from './model.js';
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

/** The bucket first; what follows it (", nightly", "(weekly)") says when the component runs. */
const BUCKET_WORDS: readonly [RegExp, Bucket][] = [
  [/^(?:deployed(?: pipeline)?|endpoint|http)\b/i, 'deployed'],
  [/^(?:not[- ]a[- ]pipeline|not a pipeline|no|not)\b/i, 'not-a-pipeline'],
  [/^(?:defer(?:red)?|later)\b/i, 'defer'],
  [/^pipeline\b/i, 'pipeline'],
];

/** A component's name as typed in a later answer: quotes taken off ("dedupe, enrich"). */
export const unquote = (name: string): string =>
  name
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();

function parseMoves(raw: RawAnswer): Result<readonly Move[]> {
  if (NONE.test(asText(raw))) return ok([]);
  const moves: Move[] = [];
  for (const item of listItems(raw)) {
    // The name is everything up to the last colon, so a quoted name may hold one.
    const match = /^(.+)\s*:\s*(.+)$/.exec(item);
    const said = match?.[2]?.trim() ?? '';
    const found = BUCKET_WORDS.map(([pattern, bucket]) => ({ bucket, match: pattern.exec(said) })).find(
      (candidate) => candidate.match,
    );
    const rest = found?.match ? said.slice(found.match[0].length).replace(/^[\s,;()-]+|[\s)]+$/g, '') : '';
    const trigger = rest ? triggerOf(rest) : undefined;
    if (!match?.[1] || !found || (rest && trigger?.kind === 'unspecified'))
      return fail(
        `expected "component: pipeline | deployed | not a pipeline | defer", optionally with when it runs ("ingest: pipeline, nightly"), e.g. "tuning: defer", or "none", got "${item}"`,
      );
    moves.push({ name: unquote(match[1]), bucket: found.bucket, ...(trigger ? { trigger } : {}) });
  }
  return ok(moves);
}

/** Said back in one line: each move as it will be applied. */
const readMoves = (moves: readonly Move[]): string | undefined =>
  moves.length === 0
    ? undefined
    : moves
        .map((move) => `${move.name} -> ${move.bucket}${move.trigger ? ` (${move.trigger.text})` : ''}`)
        .join('; ');

/** "data team: ingest, clean" lines: which team owns which components. */
export interface Ownership {
  readonly team: string;
  readonly components: readonly string[];
}

/** "ingest, \"dedupe, enrich\" and train": names split on commas and "and", never inside quotes. */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|([^,"']+?)(?=\s*(?:,|\band\b|$))/g)) {
    const name = (match[1] ?? match[2] ?? match[3] ?? '').replace(/^\s*and\s+/, '').trim();
    if (name.length > 0) names.push(name);
  }
  return names;
}

function parseOwners(raw: RawAnswer): Result<readonly Ownership[]> {
  if (/^(?:one team|a single team|same team|none)$/i.test(asText(raw))) return ok([]);
  const owners: Ownership[] = [];
  for (const item of listItems(raw)) {
    const match = /^(.+?)\s*:\s*(.+)$/.exec(item);
    const components = splitNames(match?.[2] ?? '');
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
    readAs: (moves: readonly Move[]) => readMoves(moves),
    // A move naming no component is refused as it is typed, before it is ever accepted.
    pushBack: (moves: readonly Move[], state: SessionState) =>
      unknownNames(pipelineAnswers(state).components ?? [], moves, [])[0]?.message,
  }),
  // The moves applied at once: the classification shown again with their triggers and reasons, and
  // a move that still names no component asked again here, not two questions later.
  derived('classify.final', 'classify', 'Classification with your moves', (state) => {
    const final = finalClassification(state);
    return final.ok ? ok(final.value) : askAgain('classify.moves', final.error);
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
