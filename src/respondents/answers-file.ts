/**
 * The scripted respondent: answers come from an answers file, keyed by question id. It is strict
 * and loud: a missing answer is an error naming the id and the question; nothing is invented.
 *
 * Pacing (MLOPS_DESIGN_ANSWER_DELAY_MS, for benchmarks and demos): a scripted run answers at once,
 * which hides what a person sees, who takes time to answer while the co-pilot may work ahead. With
 * the variable set, each answer is given that long after the question or decision is asked, and a
 * line on stderr says so: a scripted run otherwise prints nothing when a free-text question is
 * asked, so the line marks the moment a person would see the prompt.
 */
import { AppError, ExitCode, badInput, interruptionOf } from '../errors.js';
import type { RawAnswer } from '../protocol/types.js';
import type { AnswersFile } from '../answers/schema.js';
import type { AskRequest, ChooseRequest, PickRequest, Respondent } from './port.js';

export interface AnswersFileOptions {
  /** A decision the file does not answer takes the recommended option (--accept-recommended). */
  readonly acceptRecommended?: boolean;
  /** Milliseconds to wait before each answer, as a person would; default: answerDelayMs(process.env). */
  readonly delayMs?: number;
  /** Where the pacing line goes (progress on stderr); nothing is said without it. */
  readonly say?: (text: string) => void;
  /** SIGINT or SIGTERM ends a pacing wait at once. */
  readonly signal?: AbortSignal;
}

/** MLOPS_DESIGN_ANSWER_DELAY_MS as a positive number of milliseconds; anything else is ignored. */
export function answerDelayMs(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = Number(env.MLOPS_DESIGN_ANSWER_DELAY_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Resolves after `ms`, or rejects at once with the interruption when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      reject(interruptionOf(signal) ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

export function answersFileRespondent(
  path: string,
  file: AnswersFile,
  options: AnswersFileOptions = {},
): Respondent {
  const answer = (id: string): RawAnswer | undefined => file.answers[id];
  const followup = (id: string): RawAnswer | undefined => file.followups?.[id];
  const missing = (id: string, prompt: string): Error =>
    badInput(`${path}: answers.${id}: missing; the session asks: "${prompt}"`);
  const delayMs = options.delayMs ?? answerDelayMs(process.env);
  // A missing answer is refused at once: only an answer waits.
  const paced = async <T>(id: string, answer: () => Promise<T>): Promise<T> => {
    if (delayMs === undefined) return answer();
    const given = await answer();
    options.say?.(`Scripted answer to ${id} in ${formatDelay(delayMs)}`);
    await pause(delayMs, options.signal);
    return given;
  };
  const respondent: Respondent = {
    interactive: false,
    ask: ({ slot, attempt, suggested }: AskRequest) => {
      if (attempt === 'after-push-back') {
        // Answering the same again keeps the answer; a followup replaces it.
        const again = followup(slot.id) ?? answer(slot.id) ?? suggested?.text ?? slot.optional?.default;
        if (again !== undefined) return Promise.resolve(again);
      }
      // A fact the file stated in an earlier answer stands for a question it leaves out.
      const given = answer(slot.id) ?? suggested?.text ?? slot.optional?.default;
      return given === undefined ? Promise.reject(missing(slot.id, slot.prompt)) : Promise.resolve(given);
    },
    choose: ({ slot, attempt }: ChooseRequest) => {
      const given = attempt === 'after-detail' ? followup(slot.id) : answer(slot.id);
      if (
        given === undefined &&
        attempt === 'first' &&
        (options.acceptRecommended || slot.recommendedWhenUnanswered)
      )
        return Promise.resolve(undefined);
      if (given === undefined) {
        return Promise.reject(
          attempt === 'after-detail'
            ? badInput(
                `${path}: followups.${slot.id}: missing; after C (more detail) the session needs a final choice`,
              )
            : missing(slot.id, slot.prompt),
        );
      }
      return Promise.resolve(typeof given === 'string' ? given : given.join(', '));
    },
    pick: ({ slot }: PickRequest) =>
      Promise.reject(
        new AppError(ExitCode.internal, `${slot.id}: a scripted run is never asked to confirm a reading`),
      ),
  };
  return {
    ...respondent,
    ask: (request) => paced(request.slot.id, () => respondent.ask(request)),
    choose: (request) => paced(request.slot.id, () => respondent.choose(request)),
  };
}

const formatDelay = (ms: number): string => (ms >= 1000 ? `${String(ms / 1000)} s` : `${String(ms)} ms`);
