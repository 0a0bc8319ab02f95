/** Reading raw answers as text and as lists, the same way for every protocol. */
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';
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

export function parseTeamSize(raw: RawAnswer): Result<TeamSize | undefined> {
  const text = asText(raw);
  if (NOT_STATED.test(text)) return ok(undefined);
  const number = /^(\d[\d,]*)\b/.exec(text)?.[1];
  const engineers = number === undefined ? undefined : Number(number.replace(/,/g, ''));
  if (engineers === undefined || !Number.isInteger(engineers) || engineers < 1 || engineers > 10_000) {
    return fail(
      `expected a number of engineers between 1 and 10,000, e.g. "6 engineers", or "not stated", got "${text}"`,
    );
  }
  return ok({ text, engineers });
}
