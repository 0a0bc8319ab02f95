// The harness every kind shares: split an answer into clauses, read the first clause that holds a
// value of the kind, keep the rest as notes, and refuse by naming the part that holds no number.
import { fail, ok, type Result } from '../../lib/result.js';
import { partsOf, isVague, notesText, type Clause } from './clauses.js';

/** A value and how it was read, in one line for "Read as: ...". */
export interface Reading<T> {
  readonly value: T;
  readonly read: string;
}

export interface Kind {
  /** "a size", "a count": named in the refusal of a vague answer. */
  readonly noun: string;
  /** What to give instead: "300 B". */
  readonly example: string;
  /** The refusal when nothing in the answer reads. */
  readonly expected: string;
}

/**
 * Reads `answer` clause by clause with `one`. A value found after the first clause ("few hundred
 * bytes, say 300B") is named with its clause; the clauses after it and any parenthesised notes are
 * kept as context in the reading.
 */
export function readClauses<T>(
  answer: string,
  kind: Kind,
  one: (clause: Clause) => Reading<T> | undefined,
): Result<Reading<T>> {
  const { clauses, notes } = partsOf(answer);
  for (const [index, clause] of clauses.entries()) {
    const reading = one(clause);
    if (!reading) continue;
    const from = index === 0 ? '' : ` (from '${clause.written}')`;
    const after = clauses.slice(index + 1).map((rest) => rest.written);
    return ok({ value: reading.value, read: `${reading.read}${from}${notesText([...notes, ...after])}` });
  }
  const vague = clauses.find((clause) => isVague(clause.text));
  if (vague) return fail(`'${vague.written}' is not ${kind.noun}: give a number, e.g. ${kind.example}`);
  return fail(`${kind.expected}, got ${JSON.stringify(answer)}`);
}

/** Just the value: the `Result<T>` the exported parsers have always returned. */
export function valueOf<T>(reading: Result<Reading<T>>): Result<T> {
  return reading.ok ? ok(reading.value.value) : reading;
}
