/**
 * A finding of the design's self-check: a pure rule read the design (its answers, decisions,
 * components, numbers and costs) and found something a reviewer would bounce. Findings are shown
 * before approval, written to the document's Design Review section and listed in `--json`.
 */
export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable: `{rule}` or `{rule}:{subject}` (e.g. `unserved-requirement:2`, `uncosted:search-index`). */
  readonly id: string;
  readonly severity: FindingSeverity;
  /** One or two sentences that take a position: what is wrong and what to do. */
  readonly message: string;
  /** The facts the rule read, quoted: numbers, the requirement's words, the component. */
  readonly evidence: string;
}

/** A self-check rule over a value it can read (the session state, or a design under review). */
export interface SelfCheckRule<Input> {
  readonly id: string;
  readonly check: (input: Input) => readonly Finding[];
}
