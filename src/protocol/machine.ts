/**
 * The step machine: pure functions over a protocol and a session state. It decides what comes
 * next, records answers, and rewinds a phase for revision. It performs no I/O; the session
 * runner drives it with a respondent and a co-pilot.
 */
import type { Result } from '../lib/result.js';
import type {
  AnswerProblem,
  AnswerRecord,
  Choice,
  ContextDocument,
  DecisionRecord,
  DecisionSlot,
  PhaseDef,
  Proposal,
  Protocol,
  QuestionSlot,
  Scope,
  SessionState,
  Step,
} from './types.js';

export function initialState(
  protocol: Protocol,
  title: string,
  scope: Scope,
  context: readonly ContextDocument[] = [],
): SessionState {
  return {
    version: 1,
    protocol: protocol.id,
    title,
    scope,
    context,
    answers: {},
    decisions: {},
    drafts: {},
    derived: {},
  };
}

export function applies(step: Step, state: SessionState): boolean {
  return step.appliesTo ? step.appliesTo(state) : true;
}

export function isDone(step: Step, state: SessionState): boolean {
  switch (step.kind) {
    case 'question':
      return step.id in state.answers;
    case 'decision':
      return step.id in state.decisions;
    case 'draft':
      return step.id in state.drafts;
    case 'derive':
      return step.id in state.derived;
  }
}

/** Whether a step waits on the person (a question or a decision), not made without them. */
export function asksPerson(step: Step): step is QuestionSlot | DecisionSlot {
  return step.kind === 'question' || step.kind === 'decision';
}

/** The first applicable step that has no record yet, in protocol order. */
export function nextStep(protocol: Protocol, state: SessionState): Step | undefined {
  return protocol.steps.find((step) => applies(step, state) && !isDone(step, state));
}

/** The next question or decision, the step that waits on the person (drafts and results are made without them). */
export function nextQuestion(protocol: Protocol, state: SessionState): Step | undefined {
  return protocol.steps.find((step) => asksPerson(step) && applies(step, state) && !isDone(step, state));
}

export function phaseIndex(protocol: Protocol, phaseId: string): number {
  const index = protocol.phases.findIndex((phase) => phase.id === phaseId);
  if (index < 0) throw new Error(`protocol ${protocol.id} has no phase ${phaseId}`);
  return index;
}

export function phaseOf(protocol: Protocol, step: Step): PhaseDef {
  const phase = protocol.phases[phaseIndex(protocol, step.phase)];
  if (!phase) throw new Error(`protocol ${protocol.id} has no phase ${step.phase}`);
  return phase;
}

/** "Phase 2/6 · Estimation" */
export function progressLabel(protocol: Protocol, step: Step): string {
  const index = phaseIndex(protocol, step.phase);
  return `Phase ${index + 1}/${protocol.phases.length} · ${phaseOf(protocol, step).title}`;
}

export function recordAnswer(state: SessionState, id: string, record: AnswerRecord): SessionState {
  return { ...state, answers: { ...state.answers, [id]: record } };
}

export function recordDecision(state: SessionState, id: string, record: DecisionRecord): SessionState {
  return { ...state, decisions: { ...state.decisions, [id]: record } };
}

export function recordDraft(state: SessionState, id: string, draft: unknown): SessionState {
  return { ...state, drafts: { ...state.drafts, [id]: draft } };
}

/**
 * The state as it stood when the session reached `id`: only what the steps before it recorded.
 * Drafts and computed results are made from this, never from records of later steps, so a session
 * resumed after those exist (drafts are not saved: resume makes them again) makes the same ones
 * as a session that ran straight through.
 */
export function stateBefore(protocol: Protocol, state: SessionState, id: string): SessionState {
  const index = protocol.steps.findIndex((step) => step.id === id);
  if (index < 0) return state;
  return withoutRecords(state, new Set(protocol.steps.slice(index).map((step) => step.id)));
}

/** The state without any record (answer, decision, draft, result) of the given steps. */
function withoutRecords(state: SessionState, ids: ReadonlySet<string>): SessionState {
  const keep = <T>(records: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(records).filter(([id]) => !ids.has(id)));
  return {
    ...state,
    answers: keep(state.answers),
    decisions: keep(state.decisions),
    drafts: keep(state.drafts),
    derived: keep(state.derived),
  };
}

/** A derive step's failure: the answer to ask again, and why. */
export const askAgain = (question: string, message: string): Result<never, AnswerProblem> => ({
  ok: false,
  error: { question, message },
});

export function recordDerived(state: SessionState, id: string, result: unknown): SessionState {
  return { ...state, derived: { ...state.derived, [id]: result } };
}

/**
 * Rewind for a revision of `phaseId`: that phase's answers are cleared so they are asked again,
 * and every decision, draft and derived result from that phase on is cleared too, because they
 * are made from earlier answers (option A may mean something else once the numbers change).
 * Answers to later questions are kept: they are the user's words and still stand.
 */
export function rewindTo(protocol: Protocol, state: SessionState, phaseId: string): SessionState {
  const from = phaseIndex(protocol, phaseId);
  const later = (step: Step): boolean => phaseIndex(protocol, step.phase) >= from;
  const clear = new Set(
    protocol.steps
      .filter((step) => (step.kind === 'question' ? step.phase === phaseId : later(step)))
      .map((step) => step.id),
  );
  return withoutRecords(state, clear);
}

/** Every step that applies to a state, for plans and listings. */
export function applicableSteps(protocol: Protocol, state: SessionState): Step[] {
  return protocol.steps.filter((step) => applies(step, state));
}

/**
 * "Phase 2/6 · Estimation · question 3 of 9": the step's place among the steps of its phase that
 * wait on the person and apply to the state now (drafts and computed results are not counted).
 */
export function stepProgress(protocol: Protocol, state: SessionState, step: Step): string {
  const asked = protocol.steps.filter(
    (candidate) =>
      candidate.phase === step.phase &&
      asksPerson(candidate) &&
      (candidate.id === step.id || applies(candidate, state)),
  );
  const index = asked.findIndex((candidate) => candidate.id === step.id);
  const label = progressLabel(protocol, step);
  return index < 0 ? label : `${label} · question ${index + 1} of ${asked.length}`;
}

/** A revision of one answer: the state without it, and the later decisions to check again. */
export interface Revision {
  readonly state: SessionState;
  /** The record that was cleared (offered again as the default), when there was one. */
  readonly previous?: AnswerRecord | DecisionRecord;
  /**
   * Later decisions, cleared from the state: each is kept without asking when its recommendation
   * did not change (see keepsDecision), and asked again otherwise.
   */
  readonly pending: Readonly<Record<string, DecisionRecord>>;
}

/**
 * Revise one question or decision: its record is cleared so it is asked again, every draft and
 * computed result after it is cleared (they are made from it), and every later decision is set
 * aside to be checked against its new proposal. Later answers stand: they are the user's words.
 */
export function reviseQuestion(protocol: Protocol, state: SessionState, id: string): Revision {
  const index = protocol.steps.findIndex((step) => step.id === id);
  const step = protocol.steps[index];
  if (!step || !asksPerson(step)) throw new Error(`protocol ${protocol.id} has no question ${id}`);
  const later = new Set(protocol.steps.slice(index + 1).map((candidate) => candidate.id));
  const keep = <T>(records: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(records).filter(([key]) => key !== id && !later.has(key)));
  const pending = Object.fromEntries(Object.entries(state.decisions).filter(([key]) => later.has(key)));
  const previous = step.kind === 'question' ? state.answers[id] : state.decisions[id];
  return {
    state: {
      ...state,
      answers: Object.fromEntries(Object.entries(state.answers).filter(([key]) => key !== id)),
      decisions: keep(state.decisions),
      drafts: keep(state.drafts),
      derived: keep(state.derived),
    },
    ...(previous ? { previous } : {}),
    pending,
  };
}

const sameChoice = (a: Choice, b: Choice): boolean =>
  a.value === b.value && (a.items ?? []).join('\n') === (b.items ?? []).join('\n');

/**
 * Whether a decision set aside by a revision keeps its answer under its new proposal: a decision
 * that took the recommendation keeps it when option A is still the same value; one that took the
 * alternative or own words keeps it when both options are unchanged.
 */
export function keepsDecision(record: DecisionRecord, proposal: Proposal): boolean {
  const [a, b] = proposal.options;
  const [oldA, oldB] = record.proposal.options;
  const tookRecommendation = record.key === 'A' && sameChoice(record, oldA);
  if (tookRecommendation) return sameChoice(a, oldA);
  return sameChoice(a, oldA) && sameChoice(b, oldB);
}
