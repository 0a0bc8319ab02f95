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
