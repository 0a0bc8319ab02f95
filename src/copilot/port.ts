/**
 * The expert side of a session. A co-pilot phrases questions, reviews answers, proposes options and
 * drafts prose; it never decides what is asked next (the step machine does) and never computes a
 * result (the protocol's derive steps do, with the estimation engine). Offline, Anthropic and replay
 * adapters implement it.
 */
import type {
  DecisionRecord,
  DecisionSlot,
  DraftStep,
  Proposal,
  QuestionSlot,
  SessionState,
  Step,
} from '../protocol/types.js';

export interface Review {
  /** A push-back on a usable but vague answer: the user is asked once more before it is accepted. */
  readonly pushBack?: string;
  /** What the answer implies, shown after it is accepted (e.g. the downtime a target allows). */
  readonly note?: string;
}

/** A decision as taken, before the report: its value, how it was taken and how it is shown. */
export type DecisionChoice = Pick<DecisionRecord, 'value' | 'items' | 'source' | 'key' | 'label' | 'words'>;

export interface CoPilot {
  readonly name: string;
  /** The question as it should be put to this user in this context. */
  phrase(slot: QuestionSlot, state: SessionState): Promise<string>;
  review(slot: QuestionSlot, value: unknown, state: SessionState): Promise<Review>;
  propose(slot: DecisionSlot, state: SessionState): Promise<Proposal>;
  /** What was decided and what constraint it creates. */
  report(
    slot: DecisionSlot,
    choice: DecisionChoice,
    proposal: Proposal,
    state: SessionState,
  ): Promise<string>;
  draft(step: DraftStep, state: SessionState): Promise<unknown>;
  /**
   * The step the session is about to take: a co-pilot that calls a model starts the phase's
   * requests here, so they are under way while the person answers. Never blocks.
   */
  lookahead?(step: Step, state: SessionState): void;
  /**
   * Prose a co-pilot was still writing for the drafts when the steps ran out, merged into the state
   * before the person approves it. A model-backed co-pilot hands each draft step the offline draft
   * at once (later steps are made from it, and nobody waits on a long draft mid-session) and its
   * prose here.
   */
  finish?(state: SessionState): Promise<SessionState>;
  /**
   * A second reader for an answer the slot's parser refused: the answer as the co-pilot reads it,
   * in the form the question wants, or undefined. The person confirms it before it counts; it is
   * parsed by the slot's own parser like any answer.
   */
  reread?(slot: QuestionSlot, raw: string, problem: string, state: SessionState): Promise<string | undefined>;
}

/**
 * The offline co-pilot's knowledge of one protocol: pure functions of the state. Each protocol
 * (design, pipeline scoping, interview) provides one.
 */
export interface Advisor {
  phrase?(slot: QuestionSlot, state: SessionState): string | undefined;
  note?(slot: QuestionSlot, value: unknown, state: SessionState): string | undefined;
  propose(slot: DecisionSlot, state: SessionState): Proposal;
  report(slot: DecisionSlot, choice: DecisionChoice, proposal: Proposal, state: SessionState): string;
  /** Only for a protocol with draft steps. */
  draft?(step: DraftStep, state: SessionState): unknown;
}
