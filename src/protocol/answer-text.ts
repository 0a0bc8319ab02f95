/** Reading raw answers as text and as lists, the same way for every protocol. */
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';
import { formatCount } from '../estimation/format.js';
import { readAmount } from '../estimation/reader/amount.js';
import { isVague, notesText, partsOf } from '../estimation/reader/clauses.js';
import type { Reading } from '../estimation/reader/read.js';
import type { RawAnswer } from './types.js';

/** An answer as text, stripped of escape sequences: it is displayed and written into documents. */
export function asText(raw: RawAnswer): string {
  return sanitize(typeof raw === 'string' ? raw : raw.join('\n')).trim();
}

export function nonEmptyText(raw: RawAnswer): Result<string> {
  const text = asText(raw);
  return text.length > 0 ? ok(text) : fail('expected an answer in words, got nothing');
}

/**
 * The items of a list answer. One line typed at a prompt may separate items with ";"; written lists
 * are one per line, with or without bullets or numbers.
 */
export function listItems(raw: RawAnswer): string[] {
  const split = (text: string): string[] =>
    /\r?\n/.test(text.trim()) ? text.split(/\r?\n/) : text.split(/;\s+/);
  return (typeof raw === 'string' ? split(sanitize(raw)) : raw.map(sanitize))
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter((line) => line.length > 0);
}

/** Answers that leave an optional value out. */
export const NOT_STATED = /^(?:not stated|unknown|none|n\/a|-)$/i;

export interface TeamSize {
  readonly text: string;
  readonly engineers: number;
}

const TEAM_OF = /^(?:(?:a|one)\s+)?(?:small\s+|core\s+|single\s+)?team\s+of\s+/i;
const PLUS = /\s*(?:\+|\bplus\b|&)\s*/i;

/** "3 DS + 1 MLE" -> 4 with its parts; "we have 6 engineers" -> 6; a clause without a number -> undefined. */
function engineersIn(clause: string): { engineers: number; parts: string[] } | undefined {
  const parts = clause.replace(TEAM_OF, '').split(PLUS);
  let engineers = 0;
  for (const part of parts) {
    const amount = readAmount(part);
    if (!amount || amount.rest.includes('%')) return undefined;
    engineers += amount.value;
  }
  return { engineers, parts };
}

/** The team and how it was read: "4 engineers (3 DS + 1 MLE)". */
export function readTeamSize(raw: RawAnswer): Result<Reading<TeamSize> | undefined> {
  const text = asText(raw);
  if (NOT_STATED.test(text)) return ok(undefined);
  const { clauses, notes } = partsOf(text);
  for (const [index, clause] of clauses.entries()) {
    const found = isVague(clause.text) ? undefined : engineersIn(clause.text);
    if (!found) continue;
    const { engineers, parts } = found;
    if (!Number.isInteger(engineers) || engineers < 1 || engineers > 10_000) break;
    const sum = parts.length > 1 ? ` (${parts.join(' + ')})` : '';
    const rest = [...notes, ...clauses.filter((_, other) => other !== index).map((other) => other.written)];
    return ok({
      value: { text, engineers },
      read: `${formatCount(engineers)} engineer${engineers === 1 ? '' : 's'}${sum}${notesText(rest)}`,
    });
  }
  const vague = clauses.find((clause) => isVague(clause.text));
  if (vague)
    return fail(`'${vague.written}' is not a number of engineers: give a number, e.g. "6 engineers"`);
  return fail(
    `expected a number of engineers between 1 and 10,000, e.g. "6 engineers", or "not stated", got "${text}"`,
  );
}

export function parseTeamSize(raw: RawAnswer): Result<TeamSize | undefined> {
  const read = readTeamSize(raw);
  return read.ok ? ok(read.value?.value) : read;
}
