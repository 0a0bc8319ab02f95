/**
 * The vocabulary of the step machine: a protocol is data (phases made of steps), and a session
 * state is the record of what was answered, decided and drafted. Nothing here knows about the
 * design protocol in particular; pipeline scoping and interviews define their own steps.
 */
import type { ZodType } from 'zod';
import type { Knowledge } from '../knowledge/load.js';
import type { Result } from '../lib/result.js';

export type Scope = 'system' | 'ml' | 'hybrid';
export const SCOPES: readonly Scope[] = ['system', 'ml', 'hybrid'];

export interface PhaseDef {
  readonly id: string;
  readonly title: string;
}

/** The kind of answer a question expects, shown by `questions` and used by prompts. */
export type AnswerKind =
  | 'text'
  | 'list'
  | 'count'
  | 'number'
  | 'size'
  | 'rate'
  | 'rate-or-ratio'
  | 'duration'
  | 'percent'
  | 'latency'
  | 'choice'
  | 'decision'
  | 'approval';

/** An answer as typed at a prompt or written in an answers file. */
export type RawAnswer = string | readonly string[];

/** A document found beside the session (e.g. problem_statement.md) and read as context. */
export interface ContextDocument {
  readonly name: string;
  readonly text: string;
}

export interface AnswerRecord {
  readonly raw: RawAnswer;
  readonly value: unknown;
  /** The push-back the co-pilot gave before this answer was accepted, if it gave one. */
  readonly pushBack?: string;
  /** The push-back given on the way to this answer (a follow-up, a hint), whether or not it was heeded. */
  readonly askedAgain?: string;
  /** Seconds from the question to the accepted answer, when the session keeps time. */
  readonly seconds?: number;
  /** How the answer was read, as echoed to the person ("P50 10 ms, P99 100 ms"). */
  readonly read?: string;
  /** Where a pre-filled answer came from, when the person accepted it (or a file left it out). */
  readonly prefilledFrom?: string;
  /** How many times the person asked for help ("?", "help") at this question before answering. */
  readonly helpShown?: number;
}

/** An answer stated earlier in the person's own words, offered as the default of a later question. */
export interface Prefill {
  /** The answer as it would be typed ("2M"). */
  readonly text: string;
  /** Where it was stated, for the echo and the record ("requirements.scale: \"2M DAU\""). */
  readonly from: string;
}

/**
 * What a decision is set to: a value from its slot's own enumeration, and for decisions that pick
 * parts of the design itself (the components to deep-dive, the MVP pipeline) the ids picked.
 */
export interface Choice {
  readonly value: string;
  readonly items?: readonly string[];
}

/** The value of a decision kept in the user's own words, which no rule can check. */
export const CUSTOM = 'custom';
/** The value of a decision that picks items of the design (see DecisionSlot.items). */
export const PICK = 'pick';

export interface ProposalOption extends Choice {
  readonly key: 'A' | 'B';
  readonly label: string;
  readonly summary: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
}

/** EPCE: what is decided and why it matters, two options with tradeoffs, and more detail on request. */
export interface Proposal {
  readonly explain: string;
  readonly options: readonly [ProposalOption, ProposalOption];
  /** The position the co-pilot takes, with its reason (shown with option A). */
  readonly position: string;
  /** What option C ("more detail") shows. */
  readonly detail: string;
}

/** How a decision was taken: an option picked, own words read into a value, or the recommendation by default. */
export type DecisionSource = 'option' | 'words' | 'default';

export interface DecisionRecord extends Choice {
  readonly proposal: Proposal;
  readonly source: DecisionSource;
  /** The option whose value was chosen (A, B), when the value is one of the proposal's. */
  readonly key?: 'A' | 'B';
  /** The choice as shown: the option's label, the value's name, or the custom words. */
  readonly label: string;
  /** The user's own words, when they answered in words. */
  readonly words?: string;
  readonly detailShown: boolean;
  /** The report: what was decided and what constraint it creates. */
  readonly report: string;
}

export interface SessionState {
  readonly version: 1;
  readonly protocol: string;
  readonly title: string;
  readonly scope: Scope;
  readonly context: readonly ContextDocument[];
  readonly answers: Readonly<Record<string, AnswerRecord>>;
  readonly decisions: Readonly<Record<string, DecisionRecord>>;
  readonly drafts: Readonly<Record<string, unknown>>;
  /** Results computed from the answers (the estimate, the cost); never saved, computed again on resume. */
  readonly derived: Readonly<Record<string, unknown>>;
}

/** When a step applies: ML steps only for ml and hybrid scope, context-dependent steps, etc. */
export type Applicability = (state: SessionState) => boolean;

interface StepBase {
  readonly id: string;
  readonly phase: string;
  /** A short label, e.g. "Functional requirements". */
  readonly title: string;
  /** When it is asked, in words, for `questions` ("always", "ML and hybrid scope"). */
  readonly when: string;
  readonly appliesTo?: Applicability;
}

export interface QuestionSlot<T = unknown> extends StepBase {
  readonly kind: 'question';
  readonly answer: AnswerKind;
  readonly prompt: string;
  /** Why the question matters and what a good answer looks like. */
  readonly help: string;
  readonly example: string;
  readonly parse: (raw: RawAnswer) => Result<T>;
  /**
   * How a parsed value is echoed ("P50 10 ms, P99 100 ms", "5,000/s at peak; ~ read as approximately"):
   * every numeric reading is said back in one line, never silent.
   */
  readonly readAs?: (value: T, raw: RawAnswer) => string | undefined;
  /**
   * What "?" or "help" shows at this prompt the `times`-th time (1, 2, ...) it is asked; without it,
   * the runner shows the help, the example and the forms the answer kind accepts. An interview gives
   * its next hint here. Never stored as an answer.
   */
  readonly helpAt?: (state: SessionState, times: number) => string;
  /** A fact stated in an earlier answer that answers this question, offered as its default. */
  readonly prefill?: (state: SessionState) => Prefill | undefined;
  /** A deterministic push-back on a usable but vague answer; asked once before accepting it. */
  readonly pushBack?: (value: T, state: SessionState) => string | undefined;
  /** An optional question: its documented default applies when it is not answered. */
  readonly optional?: { readonly default: string; readonly note: string };
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
}

/** One value a decision can take, from its slot's own enumeration. */
export interface DecisionValue {
  readonly value: string;
  /** How a reading is echoed: "Read as: no cache". */
  readonly name: string;
  /**
   * Words that mean this value when someone answers in their own words: regular-expression sources,
   * matched case-insensitively at word boundaries. Where one value's phrase contains another's
   * ("skip the cache" contains "cache"), the longer match wins.
   */
  readonly phrases: readonly string[];
  /** When this value is the better choice, for the tradeoff records ("when the alternative wins"). */
  readonly winsWhen?: string;
}

/** An item of the design a decision may pick (a component, a pipeline), by id. */
export interface DecisionItem {
  readonly id: string;
  readonly name: string;
  /** Other words for it (a component's type: "cache", "queue"). */
  readonly aliases?: readonly string[];
}

export interface DecisionSlot extends StepBase {
  readonly kind: 'decision';
  /** The decision in a few words, e.g. "Primary datastore". */
  readonly prompt: string;
  /** The slot's own enumeration: every option proposed, and every reading of own words, is one of these. */
  readonly values: readonly DecisionValue[];
  /**
   * Own words may be kept verbatim as the value `custom` (answer "custom: ..."); `unchecked` names
   * what the design reads from this decision and so cannot check against a custom choice.
   */
  readonly custom?: { readonly unchecked: string };
  /** Decisions that pick items of the design: the items own words may name (recorded as value `pick`). */
  readonly items?: (state: SessionState) => readonly DecisionItem[];
  /**
   * A decision added after answers files were written: a file that leaves it out takes the
   * recommendation (A), said on stderr and recorded as taken by default, instead of failing.
   */
  readonly recommendedWhenUnanswered?: true;
}

/** A step where the co-pilot drafts part of the design in prose (components, deep-dives, coaching...). */
export interface DraftStep extends StepBase {
  readonly kind: 'draft';
  /** The tool a model drafts it through. Cassettes record it: never renamed. */
  readonly tool: string;
  /**
   * What a draft must be: a model's output is validated against it. Loaded on first use, because
   * only the model path validates and building the schemas costs a scripted run start-up time.
   */
  readonly schema: () => Promise<ZodType>;
  /**
   * The fields of the draft that are prose a model may reword, as paths keyed by the draft's own
   * ids (see src/copilot/anthropic/prose-patch.ts): `components[id].purpose`. Everything else (ids,
   * numbers, structure) is never a model's. Without it a model-backed co-pilot keeps the baseline.
   */
  readonly prose?: readonly string[];
  /**
   * A review a model may write from scratch (findings, not prose of a baseline): what each finding
   * may be about (ids the state has) and the design as the reviewer reads it. Its findings are
   * advisory: no rule reads them.
   */
  readonly review?: {
    readonly cites: (state: SessionState) => readonly string[];
    readonly brief: (state: SessionState) => string;
  };
}

/** Why a result cannot be derived: an earlier answer is unusable with the others, so it is asked again. */
export interface AnswerProblem {
  /** The question to ask again. */
  readonly question: string;
  readonly message: string;
  /**
   * A disagreement between answers, not an error: the result stands if the person keeps the answers.
   * A person is asked the question once with the message; a scripted run records the result and says
   * the message as a warning instead of failing.
   */
  readonly soft?: { readonly value: unknown };
}

/**
 * A result computed, not proposed (the estimate, the cost): a pure function of the answers so far
 * and the bundled reference data, run by the step machine's runner without the co-pilot.
 */
export interface DeriveStep<T = unknown> extends StepBase {
  readonly kind: 'derive';
  readonly derive: (state: SessionState, knowledge: Knowledge) => Result<T, AnswerProblem>;
}

export type Slot = QuestionSlot | DecisionSlot;
export type Step = QuestionSlot | DecisionSlot | DraftStep | DeriveStep;

export interface Protocol {
  readonly id: string;
  readonly title: string;
  /** Questions asked before the phases (title, scope); answers files give them as top-level keys. */
  readonly setup: readonly QuestionSlot[];
  /** A protocol that serves one kind of system fixes its scope instead of asking for one. */
  readonly scope?: Scope;
  /** Whether a session of it keeps time per answer (an interview: its phases share a timebox). */
  readonly timed?: boolean;
  /** The reference guides a model-backed co-pilot reads in every phase, when not chosen by phase. */
  readonly guides?: readonly string[];
  readonly phases: readonly PhaseDef[];
  readonly steps: readonly Step[];
  /** The final question: approve, or name a phase to revise. */
  readonly approval: QuestionSlot<Approval>;
  /** Checks across answers (parsed values by id) that no single slot can make. */
  readonly check?: (
    values: Readonly<Record<string, unknown>>,
  ) => readonly { readonly id: string; readonly message: string }[];
}

export type Approval = { readonly approved: true } | { readonly approved: false; readonly revise: string };
