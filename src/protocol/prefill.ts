/**
 * A fact stated earlier against the answer given for it. An answer given wins; when it reads as a
 * different value than the fact, that is said in one line naming both answers, never silently.
 */
import { asText } from './answer-text.js';
import type { Prefill, QuestionSlot, RawAnswer } from './types.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The warning when `raw` (the answer given) reads differently from the stated fact; else undefined. */
export function prefillConflict(
  slot: Pick<QuestionSlot, 'id' | 'parse'>,
  raw: RawAnswer,
  suggested: Prefill | undefined,
): string | undefined {
  if (!suggested || asText(raw) === asText(suggested.text)) return undefined;
  const given = slot.parse(raw);
  const stated = slot.parse(suggested.text);
  if (!given.ok || !stated.ok || same(given.value, stated.value)) return undefined;
  return `warning: ${slot.id}: "${asText(raw)}" differs from ${suggested.from} (read as "${suggested.text}"); the answer given is used`;
}
