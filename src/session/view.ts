/**
 * What a session shows while it runs (on stderr: stdout is for results). The runner calls it; the
 * CLI supplies the implementation, plain or coloured, verbose or quiet.
 */
import type { DecisionSlot, DeriveStep, DraftStep, Proposal, SessionState } from '../protocol/types.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';

export interface SessionView {
  phase(label: string): void;
  proposal(slot: DecisionSlot, proposal: Proposal): void;
  detail(text: string): void;
  pushBack(text: string): void;
  note(text: string): void;
  /** How own words were read into a decision's value: never silent, even with --quiet or --json. */
  reading(text: string): void;
  report(text: string): void;
  /** A draft or a derived result, digested. */
  result(step: DraftStep | DeriveStep, value: unknown): void;
  redFlag(flag: RedFlag): void;
  rule(finding: RuleFinding): void;
  /** What `?` or `help` explains at a prompt: shown even with --quiet, never dimmed. */
  help?(text: string): void;
  /** A decision kept without asking after a revision, because its recommendation did not change. */
  kept?(text: string): void;
  /** One screen before approval: what was decided, the key numbers, the findings. */
  summary?(state: SessionState): void;
}
