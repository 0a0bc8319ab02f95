/**
 * The session runner: drives the step machine with a respondent (the human side) and a co-pilot
 * (the expert side), one step at a time, and hands every new state to `save` before going on.
 */
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { AppError, ExitCode, badInput, interruptionOf } from '../errors.js';
import type { CoPilot } from '../copilot/port.js';
import type { Knowledge } from '../knowledge/load.js';
import {
  keepsDecision,
  nextStep,
  phaseIndex,
  progressLabel,
  recordAnswer,
  recordDecision,
  recordDerived,
  recordDraft,
  reviseQuestion,
  rewindTo,
  stateBefore,
  stepProgress,
} from '../protocol/machine.js';
import { REVISE_ONE, approvalWithRevision } from '../protocol/common-slots.js';
import type {
  AnswerRecord,
  Approval,
  DecisionRecord,
  DecisionSlot,
  DeriveStep,
  DraftStep,
  Protocol,
  QuestionSlot,
  SessionState,
} from '../protocol/types.js';
import { asText } from '../protocol/answer-text.js';
import { BACK, type Respondent } from '../respondents/port.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';
import { WENT_BACK, askQuestion, askStep } from './ask.js';
import { decide } from './decide.js';
import type { SessionView } from './view.js';

export { askQuestion, type AskedAnswer } from './ask.js';

export interface SessionDeps {
  readonly protocol: Protocol;
  readonly copilot: CoPilot;
  readonly respondent: Respondent;
  readonly view: SessionView;
  /** The bundled reference data the protocol's derive steps compute with (prices, capacities). */
  readonly knowledge: Knowledge;
  readonly redFlags: (state: SessionState) => readonly RedFlag[];
  /** Decision rules with thresholds (serving, architecture), shown as they fire. */
  readonly rules?: (state: SessionState) => readonly RuleFinding[];
  /**
   * Rules the document would break, checked before approval so a person can revise a phase
   * instead of approving a document that will not be written.
   */
  readonly check?: (state: SessionState) => readonly string[];
  /** A clock in milliseconds: when given, each answer records the seconds it took. */
  readonly clock?: () => number;
  /** Called with every new state, before the next step starts. */
  readonly save?: (state: SessionState) => void;
  /** Aborted by a signal: the runner stops before the next step. */
  readonly signal?: AbortSignal;
}

/** Runs until the user approves; returns the approved state. */
export async function runSession(deps: SessionDeps, initial: SessionState): Promise<SessionState> {
  const { protocol, view } = deps;
  let state = initial;
  // Flags are shown as they fire during this run (a resumed session shows its standing flags again).
  let shown = new Set<string>();
  let shownRules = new Set<string>();
  let phase: string | undefined;
  // Saved after what a person gave (answers, decisions, a revision), not after drafts or derived
  // results: they are made from those, and a resumed session makes again whatever is missing. A person at a
  // prompt: saved synchronously before the next prompt. A scripted run (its input is already a
  // file on disk): saves are coalesced to when the run waits (e.g. on a model call) and always made
  // at the end or on failure, because each atomic save costs a write. The runner's own turn of the
  // event loop between steps (to let a signal in) is not a wait: a save due then is put off.
  let dirty = false;
  let scheduled = false;
  let turning = false;
  const persist = (): void => {
    if (!dirty) return;
    dirty = false;
    deps.save?.(state);
  };
  const persistWhenWaiting = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (turning) persistWhenWaiting();
      else persist();
    });
  };
  /**
   * Stops the run when a signal has come (Interrupted: the caller saves and exits 130 or 143). The
   * loop is given a turn first: a scripted run's steps are otherwise all synchronous (answers from
   * a file, an offline co-pilot), and a signal is delivered only when the event loop polls, so
   * without the turn SIGINT and SIGTERM would wait until the document was written.
   */
  const honourSignal = async (): Promise<void> => {
    if (!deps.signal) return;
    turning = true;
    try {
      await turnOfTheLoop();
    } finally {
      turning = false;
    }
    const stopped = interruptionOf(deps.signal);
    if (stopped) throw stopped;
  };
  const commit = (next: SessionState, save = true): void => {
    state = next;
    const flags = deps.redFlags(state);
    for (const flag of flags) {
      if (!shown.has(flag.id)) view.redFlag(flag);
    }
    shown = new Set(flags.map((flag) => flag.id));
    const rules = deps.rules?.(state) ?? [];
    for (const finding of rules) {
      if (!shownRules.has(finding.id)) view.rule(finding);
    }
    shownRules = new Set(rules.map((finding) => finding.id));
    if (!save || !deps.save) return;
    dirty = true;
    if (!deps.respondent.interactive) persistWhenWaiting();
  };
  const person = deps.respondent;
  const respondent: Respondent = person.interactive
    ? {
        interactive: true,
        ask: (request) => {
          persist();
          return person.ask(request);
        },
        choose: (request) => {
          persist();
          return person.choose(request);
        },
        pick: (request) => person.pick(request),
      }
    : person;
  deps = { ...deps, respondent };

  // What makes `back` and revising one answer work: the person-facing steps answered in this run,
  // in order; the records cleared by going back (offered again as defaults); and the later
  // decisions a revision set aside, kept without asking when their recommendation did not change.
  const history: string[] = [];
  const previousAnswers = new Map<string, AnswerRecord>();
  const previousDecisions = new Map<string, DecisionRecord>();
  let pending: Record<string, DecisionRecord> = {};
  const approvalSlot = approvalWithRevision(
    protocol.approval,
    protocol.steps
      .filter((step) => step.kind === 'question' || step.kind === 'decision')
      .map((step) => step.id),
  );

  /** The step `back` returns to from `current` (approval: undefined): the last one answered. */
  const previousOf = (current: string | undefined): string | undefined => {
    const last = history.at(-1);
    if (last !== undefined) return last;
    // A resumed session has no history yet: the last answered step before this one.
    const end =
      current === undefined ? protocol.steps.length : protocol.steps.findIndex((s) => s.id === current);
    return protocol.steps
      .slice(0, Math.max(0, end))
      .reverse()
      .find((s) =>
        s.kind === 'question' ? s.id in state.answers : s.kind === 'decision' && s.id in state.decisions,
      )?.id;
  };
  const revise = (id: string): void => {
    const revision = reviseQuestion(protocol, state, id);
    const { previous } = revision;
    if (previous && 'raw' in previous) previousAnswers.set(id, previous);
    else if (previous) previousDecisions.set(id, previous);
    pending = { ...pending, ...revision.pending };
    const at = history.lastIndexOf(id);
    if (at >= 0) history.splice(at);
    commit(revision.state);
  };
  const goBack = (from: string | undefined): void => {
    const to = previousOf(from);
    if (to !== undefined) revise(to);
  };

  try {
    return await walk();
  } finally {
    persist();
  }

  async function walk(): Promise<SessionState> {
    for (;;) {
      await honourSignal();
      const step = nextStep(protocol, state);
      if (!step) {
        if (deps.copilot.finish) commit(await deps.copilot.finish(state), false);
        if (!(await approve())) continue;
        // A signal that came during the last step still stops the run before any file is written.
        await honourSignal();
        return state;
      }
      deps.copilot.lookahead?.(step, state);
      const label = progressLabel(protocol, step);
      if (step.phase !== phase) {
        phase = step.phase;
        view.phase(label);
      }
      const canGoBack = previousOf(step.id) !== undefined;
      switch (step.kind) {
        case 'question': {
          const started = deps.clock?.();
          const before = previousAnswers.get(step.id);
          const answer = await askStep(deps, step, state, stepProgress(protocol, state, step), {
            canGoBack,
            ...(before ? { previous: before.raw } : {}),
          });
          if (answer === WENT_BACK) {
            goBack(step.id);
            break;
          }
          const seconds = started === undefined || !deps.clock ? undefined : (deps.clock() - started) / 1000;
          previousAnswers.delete(step.id);
          history.push(step.id);
          commit(recordAnswer(state, step.id, seconds === undefined ? answer : { ...answer, seconds }));
          break;
        }
        case 'decision': {
          const decided = await decideStep(step, canGoBack);
          if (decided === WENT_BACK) {
            goBack(step.id);
            break;
          }
          if (decided === undefined) break;
          previousDecisions.delete(step.id);
          history.push(step.id);
          commit(decided);
          break;
        }
        case 'draft':
          commit(await draft(deps, step, state), false);
          break;
        case 'derive':
          commit(await derive(deps, step, state), false);
          break;
      }
    }
  }

  /**
   * A decision, or one set aside by a revision: kept without asking when its recommendation did
   * not change (undefined: recorded here), asked again with its old choice as the default otherwise.
   */
  async function decideStep(
    step: DecisionSlot,
    canGoBack: boolean,
  ): Promise<SessionState | typeof WENT_BACK | undefined> {
    const progress = stepProgress(protocol, state, step);
    const held = pending[step.id];
    if (held) {
      pending = Object.fromEntries(Object.entries(pending).filter(([id]) => id !== step.id));
      const proposal = await deps.copilot.propose(step, state);
      if (keepsDecision(held, proposal)) {
        view.kept?.(`Kept: ${step.title}: ${held.label} (the recommendation did not change).`);
        commit(recordDecision(state, step.id, { ...held, proposal }));
        return undefined;
      }
      return decide(deps, step, state, progress, { proposal, previous: held, canGoBack });
    }
    const before = previousDecisions.get(step.id);
    return decide(deps, step, state, progress, { canGoBack, ...(before ? { previous: before } : {}) });
  }

  /** The summary, then approval: true when approved; otherwise the state is set back for revising. */
  async function approve(): Promise<boolean> {
    const problems = deps.check?.(state) ?? [];
    view.summary?.(state);
    if (problems.length > 0)
      view.pushBack(
        `The document would not be written: it breaks ${String(problems.length)} of its rules (${problems.join('; ')}). Revise a phase or one answer to fix it.`,
      );
    const approval = await askStep(deps, approvalSlot, state, 'Approval', {
      canGoBack: previousOf(undefined) !== undefined,
    });
    if (approval === WENT_BACK) {
      goBack(undefined);
      return false;
    }
    const decision: Approval = approval.value;
    if (decision.approved) {
      commit(recordAnswer(state, protocol.approval.id, approval));
      return true;
    }
    if (protocol.phases.some((candidate) => candidate.id === decision.revise)) {
      commit(rewindTo(protocol, state, decision.revise));
      phase = undefined;
      return false;
    }
    const id = decision.revise === REVISE_ONE ? await pickAnswer(approvalSlot) : decision.revise;
    if (id !== undefined) revise(id);
    return false;
  }

  /** The answered questions and decisions, grouped by phase, to revise one; undefined: Esc. */
  async function pickAnswer(slot: QuestionSlot<Approval>): Promise<string | undefined> {
    const answered = protocol.steps.filter(
      (step) =>
        (step.kind === 'question' && step.id in state.answers) ||
        (step.kind === 'decision' && step.id in state.decisions),
    );
    answered.sort((a, b) => phaseIndex(protocol, a.phase) - phaseIndex(protocol, b.phase));
    const picked = await deps.respondent.pick({
      slot: slot as unknown as QuestionSlot,
      message: 'Which answer do you want to change? (Esc: back to approval)',
      choices: answered.map((step) => ({
        value: step.id,
        name: `${step.title}: ${shortAnswer(state, step.id)}`,
        group: protocol.phases[phaseIndex(protocol, step.phase)]?.title ?? step.phase,
      })),
    });
    return picked === BACK ? undefined : picked;
  }
}

/** An answer as it stands, on one short line, for the list of answers to revise. */
function shortAnswer(state: SessionState, id: string): string {
  const text = state.decisions[id]?.label ?? asText(state.answers[id]?.raw ?? '');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

async function draft(deps: SessionDeps, step: DraftStep, state: SessionState): Promise<SessionState> {
  // From what came before the step only: a resumed session drafts again after later steps exist.
  const drafted = await deps.copilot.draft(step, stateBefore(deps.protocol, state, step.id));
  deps.view.result(step, drafted);
  return recordDraft(state, step.id, drafted);
}

/**
 * A computed result, without the co-pilot. When the answers so far cannot give one (a per-user rate
 * without a user count), the question it names is asked again; a scripted run stops there (65).
 */
async function derive(deps: SessionDeps, step: DeriveStep, state: SessionState): Promise<SessionState> {
  const result = step.derive(stateBefore(deps.protocol, state, step.id), deps.knowledge);
  if (result.ok) {
    deps.view.result(step, result.value);
    return recordDerived(state, step.id, result.value);
  }
  const { question, message, soft } = result.error;
  // A disagreement a scripted run records, or a person already asked about and kept, stands.
  if (soft && (!deps.respondent.interactive || state.answers[question]?.askedAgain === message)) {
    deps.view.reading(`warning: ${question}: ${message}`);
    deps.view.result(step, soft.value);
    return recordDerived(state, step.id, soft.value);
  }
  if (!deps.respondent.interactive) throw badInput(`${question}: ${message}`);
  const slot = deps.protocol.steps.find((candidate) => candidate.id === question);
  if (slot?.kind !== 'question')
    throw new AppError(ExitCode.internal, `${step.id} named an unknown question ${question}`);
  const answer = await askQuestion(deps, slot, state, progressLabel(deps.protocol, slot), message);
  return recordAnswer(state, slot.id, soft ? { ...answer, askedAgain: message } : answer);
}
