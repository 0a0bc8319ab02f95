/**
 * The session runner: drives the step machine with a respondent (the human side) and a co-pilot
 * (the expert side), one step at a time, and hands every new state to `save` before going on.
 */
import { AppError, ExitCode, Interrupted, badInput } from '../errors.js';
import type { CoPilot } from '../copilot/port.js';
import type { Knowledge } from '../knowledge/load.js';
import {
  nextStep,
  progressLabel,
  recordAnswer,
  recordDerived,
  recordDraft,
  rewindTo,
} from '../protocol/machine.js';
import type { DeriveStep, DraftStep, Protocol, QuestionSlot, SessionState } from '../protocol/types.js';
import type { Attempt, Respondent } from '../respondents/port.js';
import { asText } from '../protocol/answer-text.js';
import { prefillConflict } from '../protocol/prefill.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';
import { decide } from './decide.js';
import type { SessionView } from './view.js';

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
  // file on disk): saves are coalesced to when the event loop turns (e.g. during a model call) and
  // always made at the end or on failure, because each atomic save costs a disk flush.
  let dirty = false;
  let scheduled = false;
  const persist = (): void => {
    if (!dirty) return;
    dirty = false;
    deps.save?.(state);
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
    if (deps.respondent.interactive || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      persist();
    });
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

  try {
    return await walk();
  } finally {
    persist();
  }

  async function walk(): Promise<SessionState> {
    for (;;) {
      if (deps.signal?.aborted)
        throw new Interrupted(deps.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      const step = nextStep(protocol, state);
      if (!step) {
        const problems = deps.check?.(state) ?? [];
        if (problems.length > 0)
          view.pushBack(
            `The document would not be written: it breaks ${String(problems.length)} of its rules (${problems.join('; ')}). Revise a phase to fix it.`,
          );
        const approval = await askQuestion(deps, protocol.approval, state, 'Approval');
        const decision = approval.value;
        if (decision.approved) {
          commit(recordAnswer(state, protocol.approval.id, approval));
          return state;
        }
        commit(rewindTo(protocol, state, decision.revise));
        phase = undefined;
        continue;
      }
      const label = progressLabel(protocol, step);
      if (step.phase !== phase) {
        phase = step.phase;
        view.phase(label);
      }
      switch (step.kind) {
        case 'question': {
          const started = deps.clock?.();
          const answer = await askQuestion(deps, step, state, label);
          const seconds = started === undefined || !deps.clock ? undefined : (deps.clock() - started) / 1000;
          commit(recordAnswer(state, step.id, seconds === undefined ? answer : { ...answer, seconds }));
          break;
        }
        case 'decision':
          commit(await decide(deps, step, state, label));
          break;
        case 'draft':
          commit(await draft(deps, step, state), false);
          break;
        case 'derive':
          commit(await derive(deps, step, state), false);
          break;
      }
    }
  }
}

export interface AskedAnswer<T> {
  readonly raw: string | readonly string[];
  readonly value: T;
  readonly pushBack?: string;
  readonly askedAgain?: string;
  readonly read?: string;
  readonly prefilledFrom?: string;
  readonly helpShown?: number;
}

/** "?" or "help" at a prompt whose slot has its own help: asks for it, never answers. */
const ASKS_HELP = /^(?:\?+|help)$/i;

/** Ask until the answer parses; push back once on a vague answer before accepting it. */
export async function askQuestion<T>(
  deps: Pick<SessionDeps, 'copilot' | 'respondent' | 'view'>,
  slot: QuestionSlot<T>,
  state: SessionState,
  progress: string,
  firstMessage?: string,
): Promise<AskedAnswer<T>> {
  const { copilot, respondent, view } = deps;
  // The co-pilot port sees slots with their value type erased; the parser below restores it.
  const erased = slot as unknown as QuestionSlot;
  const prompt = await copilot.phrase(erased, state);
  const suggested = slot.prefill?.(state);
  let attempt: Attempt = firstMessage ? 'after-error' : 'first';
  let message = firstMessage;
  let pushedBack: string | undefined;
  let helpShown = 0;
  for (;;) {
    const raw = await respondent.ask({
      slot: erased,
      prompt,
      progress,
      attempt,
      ...(message ? { message } : {}),
      ...(suggested ? { suggested } : {}),
    });
    if (slot.helpAt && ASKS_HELP.test(asText(raw))) {
      // A scripted run that asks again gives no answer after its help: stop, naming the id.
      if (!respondent.interactive && helpShown > 0)
        throw badInput(
          `${slot.id}: "?" asks for help, never answers; give the answer after it as followups.${slot.id}`,
        );
      helpShown += 1;
      const help = slot.helpAt(state, helpShown);
      view.pushBack(help);
      attempt = 'after-push-back';
      message = help;
      continue;
    }
    const parsed = slot.parse(raw);
    if (!parsed.ok) {
      if (!respondent.interactive) throw badInput(`${slot.id}: ${parsed.error}`);
      attempt = 'after-error';
      message = parsed.error;
      continue;
    }
    const review = await copilot.review(erased, parsed.value, state);
    if (review.pushBack && pushedBack === undefined) {
      pushedBack = review.pushBack;
      view.pushBack(review.pushBack);
      attempt = 'after-push-back';
      message = review.pushBack;
      continue;
    }
    if (review.note) view.note(review.note);
    const read = slot.readAs?.(parsed.value, raw);
    // Every reading is said back, even in a scripted run: a misreading must never be silent.
    if (read) view.reading(`Read as: ${read}`);
    const prefilled = suggested && asText(raw) === asText(suggested.text) ? suggested.from : undefined;
    // An answers file's conflicts are said when the file is checked (answers/plan.ts), naming it.
    const conflict = respondent.interactive ? prefillConflict(erased, raw, suggested) : undefined;
    if (conflict) view.reading(conflict);
    return {
      raw,
      value: parsed.value,
      ...(read ? { read } : {}),
      ...(prefilled ? { prefilledFrom: prefilled } : {}),
      ...(review.pushBack ? { pushBack: review.pushBack } : {}),
      ...(pushedBack ? { askedAgain: pushedBack } : {}),
      ...(helpShown > 0 ? { helpShown } : {}),
    };
  }
}

async function draft(deps: SessionDeps, step: DraftStep, state: SessionState): Promise<SessionState> {
  const drafted = await deps.copilot.draft(step, state);
  deps.view.result(step, drafted);
  return recordDraft(state, step.id, drafted);
}

/**
 * A computed result, without the co-pilot. When the answers so far cannot give one (a per-user rate
 * without a user count), the question it names is asked again; a scripted run stops there (65).
 */
async function derive(deps: SessionDeps, step: DeriveStep, state: SessionState): Promise<SessionState> {
  const result = step.derive(state, deps.knowledge);
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
