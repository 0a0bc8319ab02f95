/**
 * The human side of a session: a person at a terminal, or a scripted answers file. A respondent
 * only answers; it never decides what is asked or what an answer means.
 */
import type { DecisionSlot, Prefill, Proposal, QuestionSlot, RawAnswer, Slot } from '../protocol/types.js';

export type Attempt = 'first' | 'after-push-back' | 'after-error';

export interface AskRequest {
  readonly slot: QuestionSlot;
  /** The question as the co-pilot phrased it. */
  readonly prompt: string;
  readonly progress: string;
  readonly attempt: Attempt;
  /** The push-back or the validation error that prompted this attempt. */
  readonly message?: string;
  /** A default from an earlier answer: Enter accepts it at a prompt; a file that leaves the id out takes it. */
  readonly suggested?: Prefill;
  /**
   * The answer this question had before the person went back to it or revised it: the default at a
   * prompt (a file never goes back).
   */
  readonly previous?: string;
}

export interface ChooseRequest {
  readonly slot: DecisionSlot;
  readonly proposal: Proposal;
  readonly progress: string;
  /** 'after-detail' when the previous answer was C (more detail). */
  readonly attempt: 'first' | 'after-detail' | 'after-error';
  /** The choice made before the person went back to this decision: the select's default. */
  readonly previous?: { readonly key?: 'A' | 'B'; readonly words?: string };
}

/** A person confirms how their own words were read, or picks another value. */
export interface PickRequest {
  readonly slot: Slot;
  readonly message: string;
  /** Choices sharing a group are listed under its heading (e.g. the phase of a question). */
  readonly choices: readonly { readonly value: string; readonly name: string; readonly group?: string }[];
}

export interface Respondent {
  /** Whether a person is answering (push-backs and errors are then asked again). */
  readonly interactive: boolean;
  ask(request: AskRequest): Promise<RawAnswer>;
  /**
   * A, B, C (more detail) or the user's own words; undefined when the answers file leaves the
   * decision to the recommendation (--accept-recommended).
   */
  choose(request: ChooseRequest): Promise<string | undefined>;
  /**
   * One of the request's choices, by value. Only a person is asked; a scripted run never is.
   * Esc at a select answers BACK (a question's or decision's select, or a pick).
   */
  pick(request: PickRequest): Promise<string>;
}

/** What a select answers when the person presses Esc: go back. Never a value of any slot. */
export const BACK = 'back';
