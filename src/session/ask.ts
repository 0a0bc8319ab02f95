/**
 * Asking one question: the co-pilot phrases it, the respondent answers, the slot parses it, the
 * co-pilot may push back once. What a person types instead of an answer (`?`, `help`, `back`,
 * `skip`) is handled here and never parsed: help is shown and the question asked again, `back`
 * is handed to the runner, `skip` takes an optional question's default. A scripted run that gives
 * one is refused (65), naming the id.
 */
import { Interrupted, badInput } from '../errors.js';
import type { CoPilot } from '../copilot/port.js';
import { asText } from '../protocol/answer-text.js';
import { prefillConflict } from '../protocol/prefill.js';
import { promptCommand, questionHelp, scriptedCommandMessage } from '../protocol/prompt-commands.js';
import type { QuestionSlot, RawAnswer, SessionState } from '../protocol/types.js';
import type { Attempt, Respondent } from '../respondents/port.js';
import type { SessionView } from './view.js';

export interface AskedAnswer<T> {
  readonly raw: string | readonly string[];
  readonly value: T;
  readonly pushBack?: string;
  readonly askedAgain?: string;
  readonly read?: string;
  readonly prefilledFrom?: string;
  readonly helpShown?: number;
}

/** The person asked to go back to the previous question. */
export const WENT_BACK = Symbol('went back');

export interface AskOptions {
  /** Why the question is asked again (a derived result could not use the answer). */
  readonly firstMessage?: string;
  /** Whether there is a previous question to go back to; without one, `back` is explained. */
  readonly canGoBack?: boolean;
  /** The answer given before (going back, revising): the default at the prompt. */
  readonly previous?: RawAnswer;
}

type AskDeps = { readonly copilot: CoPilot; readonly respondent: Respondent; readonly view: SessionView };

/** Ask until the answer parses; push back once on a vague answer before accepting it. */
export async function askQuestion<T>(
  deps: AskDeps,
  slot: QuestionSlot<T>,
  state: SessionState,
  progress: string,
  firstMessage?: string,
): Promise<AskedAnswer<T>> {
  const answer = await askStep(deps, slot, state, progress, firstMessage ? { firstMessage } : {});
  // Without a way back, `back` is explained at the prompt and never returned.
  if (answer === WENT_BACK) throw new Error(`${slot.id}: went back where there is no way back`);
  return answer;
}

/** askQuestion that may return WENT_BACK when the person types `back` (or presses Esc in a select). */
export async function askStep<T>(
  deps: AskDeps,
  slot: QuestionSlot<T>,
  state: SessionState,
  progress: string,
  options: AskOptions = {},
): Promise<AskedAnswer<T> | typeof WENT_BACK> {
  const { copilot, respondent, view } = deps;
  // The co-pilot port sees slots with their value type erased; the parser below restores it.
  const erased = slot as unknown as QuestionSlot;
  const prompt = await copilot.phrase(erased, state);
  const suggested = slot.prefill?.(state);
  const previous = options.previous === undefined ? undefined : asText(options.previous);
  let attempt: Attempt = options.firstMessage ? 'after-error' : 'first';
  let message = options.firstMessage;
  let pushedBack: string | undefined;
  let helpShown = 0;
  // A reading the co-pilot offered for an answer that did not parse: the default at the next prompt.
  let offered: string | undefined;
  for (;;) {
    let raw = await respondent.ask({
      slot: erased,
      prompt,
      progress,
      attempt,
      ...(message ? { message } : {}),
      ...(suggested ? { suggested } : {}),
      ...(offered !== undefined ? { previous: offered } : previous !== undefined ? { previous } : {}),
    });
    offered = undefined;
    const command = promptCommand(raw);
    // A slot with its own help (an interview's hints) takes "?" from a file too: the hint is
    // shown and the followup is the answer. Any other prompt command in a file is refused.
    const scriptedHint = command === 'help' && slot.helpAt !== undefined && helpShown === 0;
    if (command === 'help' && slot.helpAt && !respondent.interactive && !scriptedHint)
      throw badInput(
        `${slot.id}: "?" asks for help, never answers; give the answer after it as followups.${slot.id}`,
      );
    if (command && !respondent.interactive && !scriptedHint)
      throw badInput(scriptedCommandMessage(slot.id, raw));
    if (command === 'help') {
      helpShown += 1;
      const help = questionHelp(slot, state, helpShown);
      showHelp(view, help);
      // Counted in helpShown, not taken as the push-back: the question after a hint still gets its reply.
      attempt = respondent.interactive ? 'first' : 'after-push-back';
      message = undefined;
      continue;
    }
    if (command === 'back') {
      if (options.canGoBack) return WENT_BACK;
      attempt = 'after-error';
      message = 'this is the first question of the session: there is no earlier one to go back to';
      continue;
    }
    if (command === 'skip') {
      if (!slot.optional) {
        attempt = 'after-error';
        message = 'this question is required and cannot be skipped; type "?" for help and an example';
        continue;
      }
      raw = slot.optional.default;
    }
    const parsed = slot.parse(raw);
    if (!parsed.ok) {
      const reading = await secondReading(copilot, erased, raw, parsed.error, state);
      if (!respondent.interactive)
        throw badInput(
          `${slot.id}: ${parsed.error}`,
          [],
          reading
            ? `The co-pilot reads it as "${reading}": put that in the answers file if it is what you meant.`
            : undefined,
        );
      attempt = 'after-error';
      message = reading
        ? `${parsed.error}. The co-pilot reads it as "${reading}": press Enter to take that reading, or type your own answer.`
        : parsed.error;
      offered = reading;
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

/**
 * The co-pilot's reading of an answer the slot could not parse, when it has a second reader and
 * the reading parses: the person confirms it at the prompt; a file is told what to write.
 */
export async function secondReading(
  copilot: CoPilot,
  slot: QuestionSlot,
  raw: RawAnswer,
  problem: string,
  state: SessionState,
): Promise<string | undefined> {
  if (!copilot.reread || typeof raw !== 'string' || raw.trim() === '') return undefined;
  let reading: string | undefined;
  try {
    reading = await copilot.reread(slot, raw, problem, state);
  } catch (error) {
    // A second reading is a courtesy: an unavailable model leaves the answer's own problem standing.
    if (error instanceof Interrupted) throw error;
    return undefined;
  }
  return reading !== undefined && reading !== raw.trim() && slot.parse(reading).ok ? reading : undefined;
}

/** Help goes through the view's own line when it has one (never dimmed), else as a note. */
export function showHelp(view: SessionView, text: string): void {
  if (view.help) view.help(text);
  else view.note(text);
}
