// Builds a finished design session the way a scripted run does: the real step machine, the real
// offline co-pilot and the answers-file respondent, with a view that shows nothing. Tests pass only
// the answers that matter to them; everything else comes from a small, valid baseline.
import { readAnswersFile } from '../../src/answers/load.js';
import { planAnswers } from '../../src/answers/plan.js';
import type { AnswersFile } from '../../src/answers/schema.js';
import { designAdvisor } from '../../src/copilot/offline/design/advisor.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import { loadKnowledge, type Knowledge } from '../../src/knowledge/load.js';
import { initialState, recordAnswer, recordDecision } from '../../src/protocol/machine.js';
import { readDecision } from '../../src/protocol/read-decision.js';
import type { ContextDocument, Proposal, Scope, SessionState } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import { answersFileRespondent } from '../../src/respondents/answers-file.js';
import type { Respondent } from '../../src/respondents/port.js';
import { redFlags } from '../../src/rules/red-flags.js';
import { runSession } from '../../src/session/run.js';
import type { SessionView } from '../../src/session/view.js';

type Answer = string | string[];

/** A general system at about 40 QPS peak: 576K writes/day (6.67/s), 2:1 reads, peak factor 2. */
export const SYSTEM_ANSWERS: Readonly<Record<string, Answer>> = {
  'requirements.functional': [
    'A user submits a short note and gets back its id within 200 ms.',
    'A reader opens a note by id and sees it within 100 ms.',
  ],
  'requirements.scale': '500K notes a day, 20% growth a year',
  'requirements.latency': 'P50 50ms, P99 200ms',
  'requirements.availability': '99.9%',
  'requirements.consistency': 'eventual, up to 5 s stale',
  'requirements.durability': 'no acknowledged write may be lost, RPO 0',
  'estimation.writes': '576K/day',
  'estimation.reads': '2:1',
  'estimation.write-size': '1KB',
  'estimation.retention': '1y',
  'estimation.peak-factor': '2',
  'estimation.replication': '3',
  'high-level.access-key': 'note_id',
  'high-level.architecture': 'A',
  'high-level.datastore': 'A',
  'high-level.cache': 'A',
  'high-level.write-path': 'A',
  'deep-dive.focus': 'A',
  'tradeoffs.consistency': 'A',
  'operations.deployment': 'A',
  'operations.degradation':
    'Serve reads from replicas; when the primary is down, writes return 503 with Retry-After for up to 5 minutes.',
  approval: 'yes',
};

/** The ML questions on top of SYSTEM_ANSWERS, for ml and hybrid scope. */
export const ML_ANSWERS: Readonly<Record<string, Answer>> = {
  'requirements.problem':
    'Recommend products on the home page so users buy more; success is a 5% lift in orders per visit.',
  'requirements.prediction-freshness': 'daily',
  'requirements.model-update': 'weekly',
  'requirements.feature-freshness': 'nightly',
  'high-level.serving': 'A',
  'high-level.features': 'A',
};

export interface DesignOptions {
  readonly title?: string;
  readonly scope?: Scope;
  readonly context?: readonly ContextDocument[];
  /** Answers by question id, over the baseline; `undefined` removes a baseline answer. */
  readonly answers?: Readonly<Record<string, Answer | undefined>>;
  readonly followups?: Readonly<Record<string, Answer>>;
  /** What the session shows; silent by default. */
  readonly view?: SessionView;
  /** Decisions the answers leave out take the recommended option (--accept-recommended). */
  readonly acceptRecommended?: boolean;
}

export const silent: SessionView = {
  phase: () => undefined,
  proposal: () => undefined,
  detail: () => undefined,
  pushBack: () => undefined,
  note: () => undefined,
  reading: () => undefined,
  report: () => undefined,
  result: () => undefined,
  redFlag: () => undefined,
  rule: () => undefined,
};

let knowledge: Knowledge | undefined;
/** The bundled guides and price table, read once per test file. */
export function bundledKnowledge(): Knowledge {
  knowledge ??= loadKnowledge();
  return knowledge;
}

/** The answers file a scripted run of these options would read. */
export function answersFile(options: DesignOptions = {}): AnswersFile {
  const scope = options.scope ?? 'system';
  const merged: Record<string, Answer | undefined> = {
    ...SYSTEM_ANSWERS,
    ...(scope === 'system' ? {} : ML_ANSWERS),
    ...options.answers,
  };
  const answers = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, Answer] => entry[1] !== undefined),
  );
  return {
    version: 1,
    command: 'design',
    title: options.title ?? 'Notes service',
    scope,
    answers,
    ...(options.followups ? { followups: { ...options.followups } } : {}),
  };
}

/** Runs a whole scripted design session and returns the approved state. */
export function finishedDesign(options: DesignOptions = {}): Promise<SessionState> {
  return runScripted(
    'test-answers.yaml',
    answersFile(options),
    options.context ?? [],
    options.view ?? silent,
    options.acceptRecommended === true,
  );
}

/** Runs an answers file from disk (e.g. one of examples/) the way `design --answers` does (with --accept-recommended if asked). */
export function finishedFromFile(path: string, acceptRecommended = false): Promise<SessionState> {
  const { file } = readAnswersFile(path);
  return runScripted(path, file, [], silent, acceptRecommended);
}

async function runScripted(
  path: string,
  file: AnswersFile,
  context: readonly ContextDocument[],
  view: SessionView,
  acceptRecommended: boolean,
): Promise<SessionState> {
  const plan = planAnswers(designProtocol, { path, file }, { command: 'design', context, acceptRecommended });
  if (plan.problems.length > 0) throw new Error(`invalid test answers:\n${plan.problems.join('\n')}`);
  const scope = plan.scope ?? 'system';
  const state = initialState(designProtocol, file.title, scope, scope === 'system' ? [] : context);
  return runDesignWith(answersFileRespondent(path, file, { acceptRecommended }), state, view);
}

/** Runs the design protocol on the offline co-pilot with any respondent (a fake person, a script). */
export function runDesignWith(
  respondent: Respondent,
  state: SessionState,
  view: SessionView = silent,
): Promise<SessionState> {
  return runSession(
    {
      protocol: designProtocol,
      copilot: createOfflineCoPilot(designAdvisor(bundledKnowledge())),
      respondent,
      view,
      knowledge: bundledKnowledge(),
      redFlags,
    },
    state,
  );
}

/** A fresh design state, before any answer. */
export function emptyState(scope: Scope = 'system', context: readonly ContextDocument[] = []): SessionState {
  return initialState(designProtocol, 'Test design', scope, context);
}

/** Records an answer as the session would: parsed by the slot's own parser, with an optional push-back. */
export function withAnswer(state: SessionState, id: string, raw: Answer, pushBack?: string): SessionState {
  const slot = designProtocol.steps.find((step) => step.id === id);
  if (slot?.kind !== 'question') throw new Error(`${id} is not a question of the design protocol`);
  const parsed = slot.parse(raw);
  if (!parsed.ok) throw new Error(`${id}: ${parsed.error}`);
  return recordAnswer(state, id, { raw, value: parsed.value, ...(pushBack ? { pushBack } : {}) });
}

/** A minimal proposal, for decisions recorded without the co-pilot. */
export const PLACEHOLDER_PROPOSAL: Proposal = {
  explain: 'what is decided',
  options: [
    { key: 'A', value: 'a', label: 'Option A', summary: 'a', pros: ['pro a'], cons: ['con a'] },
    { key: 'B', value: 'b', label: 'Option B', summary: 'b', pros: ['pro b'], cons: ['con b'] },
  ],
  position: 'Option A.',
  detail: 'more detail',
};

/** Records a decision set to a value of its slot, with a placeholder proposal. */
export function withDecision(state: SessionState, id: string, value: string, label = value): SessionState {
  const slot = designProtocol.steps.find((step) => step.id === id);
  if (slot?.kind !== 'decision') throw new Error(`${id} is not a decision of the design protocol`);
  if (!slot.values.some((known) => known.value === value))
    throw new Error(`${id}: "${value}" is not one of its values`);
  return recordDecision(state, id, {
    proposal: PLACEHOLDER_PROPOSAL,
    value,
    source: 'option',
    label,
    detailShown: false,
    report: `${id}: ${label}`,
  });
}

/** Records a decision answered in own words, read into a value as the session reads them. */
export function withWords(state: SessionState, id: string, words: string): SessionState {
  const slot = designProtocol.steps.find((step) => step.id === id);
  if (slot?.kind !== 'decision') throw new Error(`${id} is not a decision of the design protocol`);
  const reading = readDecision(slot, words, undefined, state);
  if (reading.kind !== 'read') throw new Error(`${id}: "${words}" does not read as one value`);
  return recordDecision(state, id, {
    proposal: PLACEHOLDER_PROPOSAL,
    ...reading.choice,
    source: 'words',
    label: reading.label,
    words,
    detailShown: false,
    report: `${id}: ${reading.label}`,
  });
}
