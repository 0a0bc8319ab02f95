/**
 * The scripted respondent: answers come from an answers file, keyed by question id. It is strict
 * and loud: a missing answer is an error naming the id and the question; nothing is invented.
 */
import { AppError, ExitCode, badInput } from '../errors.js';
import type { RawAnswer } from '../protocol/types.js';
import type { AnswersFile } from '../answers/schema.js';
import type { AskRequest, ChooseRequest, PickRequest, Respondent } from './port.js';

export interface AnswersFileOptions {
  /** A decision the file does not answer takes the recommended option (--accept-recommended). */
  readonly acceptRecommended?: boolean;
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
  return {
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
}
