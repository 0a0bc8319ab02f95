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
 * The largest figure an estimate takes, in base units (per second, bytes, seconds, a count): a
 * yottabyte, 10^24 writes a second, beyond every size formatBytes writes (up to 999 EB). The
 * engine multiplies a handful of inputs together (rate x size x retention x copies x growth) and
 * stays finite far below 10^308; a figure beyond this is a typo or a test of the tool, and it
 * would print Infinity.
 */
export const LARGEST_INPUT = 1e24;

/** The magnitude of a read value: a number, or a rate's per-second figure. */
function magnitudeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    'perSecond' in value &&
    typeof value.perSecond === 'number'
  )
    return value.perSecond;
  return undefined;
}

/** Why a read value cannot be estimated with (too large, not finite), or undefined. */
export function outOfRange(value: unknown, written: string): string | undefined {
  const magnitude = magnitudeOf(value);
  if (magnitude === undefined) return undefined;
  if (Number.isFinite(magnitude) && Math.abs(magnitude) <= LARGEST_INPUT) return undefined;
  const shown = written.length > 32 ? `${written.slice(0, 24)}...` : written;
  return `${JSON.stringify(shown)} is too large to estimate with: at most 10^24 in base units (per second, bytes, seconds or a count)`;
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
    const tooLarge = outOfRange(reading.value, clause.written);
    if (tooLarge !== undefined) return fail(tooLarge);
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
