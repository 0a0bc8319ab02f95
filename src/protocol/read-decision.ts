/**
 * Reading a decision answered in someone's own words into a value of the slot's enumeration. This
 * is the one place that reads words: everything after it switches on the recorded value.
 *
 * The order: an option key (A, B) is handled by the runner; then a deliberate "custom: ..."; the
 * exact label of a proposed option; a value's id ("cache-aside"); then the slot's phrase table,
 * where a phrase inside a longer phrase of another value gives way to it ("skip the cache" is not
 * a cache); then the items of the design the slot may pick (component names for a deep-dive).
 */
import { capitalise } from '../lib/capitalise.js';
import { CUSTOM, PICK } from './types.js';
import type { Choice, DecisionItem, DecisionSlot, DecisionValue, Proposal, SessionState } from './types.js';

export type Reading =
  /** One value: `name` is how it is echoed ("no cache"), `label` how the design shows it. */
  | { readonly kind: 'read'; readonly choice: Choice; readonly name: string; readonly label: string }
  /** Several values match; the candidates are the slot's values that did. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly DecisionValue[] }
  /** Nothing matches (or "custom:" on a slot that takes no custom value). */
  | { readonly kind: 'unknown'; readonly reason?: string };

const CUSTOM_PREFIX = /^custom\s*[:=-]\s*/i;

export function readDecision(
  slot: DecisionSlot,
  words: string,
  proposal: Proposal | undefined,
  state: SessionState | undefined,
): Reading {
  const text = words.trim();
  const custom = CUSTOM_PREFIX.exec(text);
  if (custom) {
    const kept = text.slice(custom[0].length).trim();
    if (!slot.custom) return { kind: 'unknown', reason: `${slot.id} takes no custom value` };
    if (kept.length === 0) return { kind: 'unknown', reason: '"custom:" needs your words after it' };
    return { kind: 'read', choice: { value: CUSTOM }, name: `your own choice, "${kept}"`, label: kept };
  }
  const lower = text.toLowerCase();
  const option = proposal?.options.find((candidate) => candidate.label.toLowerCase() === lower);
  if (option) return read(slot, option, option.label);
  const byId = slot.values.find((value) => value.value === lower);
  // The label of the option that proposed the value, as for any other reading, else its name.
  if (byId)
    return read(
      slot,
      { value: byId.value },
      proposal?.options.find((candidate) => candidate.value === byId.value)?.label ?? byId.name,
    );

  const matched = matchedValues(slot.values, text);
  if (matched.length === 1) {
    const only = matched[0] as DecisionValue;
    return read(slot, { value: only.value }, valueLabel(only, proposal));
  }
  if (matched.length > 1) return { kind: 'ambiguous', candidates: matched };

  const items = slot.items && state ? namedItems(slot.items(state), text) : [];
  if (items.length > 0) {
    const names = items.map((item) => item.name).join(', ');
    return {
      kind: 'read',
      choice: { value: PICK, items: items.map((item) => item.id) },
      name: names,
      label: names,
    };
  }
  return { kind: 'unknown' };
}

function read(slot: DecisionSlot, choice: Choice, label: string): Reading {
  const name = slot.values.find((value) => value.value === choice.value)?.name ?? label;
  return { kind: 'read', choice, name, label };
}

/** How a value is shown in the design: the label of the option that proposed it, else its name. */
export function valueLabel(value: DecisionValue, proposal: Proposal | undefined): string {
  return proposal?.options.find((option) => option.value === value.value)?.label ?? capitalise(value.name);
}

interface Match {
  readonly value: DecisionValue;
  readonly start: number;
  readonly end: number;
}

/** The values whose phrases occur in the text, after longer matches of other values absorb shorter ones. */
export function matchedValues(values: readonly DecisionValue[], text: string): DecisionValue[] {
  const matches: Match[] = [];
  for (const value of values) {
    for (const phrase of value.phrases) {
      const pattern = new RegExp(`(?<![\\w-])(?:${phrase})(?![\\w-])`, 'gi');
      for (const found of text.matchAll(pattern)) {
        const start = found.index;
        matches.push({ value, start, end: start + found[0].length });
      }
    }
  }
  const kept = matches.filter(
    (match) =>
      !matches.some(
        (other) =>
          other.value !== match.value &&
          other.start <= match.start &&
          other.end >= match.end &&
          other.end - other.start > match.end - match.start,
      ),
  );
  return values.filter((value) => kept.some((match) => match.value === value));
}

/** Items named in the text ("cache, datastore"), by id, name or alias, in the order they are named. */
function namedItems(items: readonly DecisionItem[], text: string): DecisionItem[] {
  const wanted = text
    .split(/[,;\n]|\band\b/)
    .map((part) =>
      part
        .trim()
        .toLowerCase()
        .replace(/^(?:the|a|an)\s+/, ''),
    )
    .filter((part) => part.length > 0);
  const found: DecisionItem[] = [];
  for (const want of wanted) {
    const match = items.find((item) => {
      const name = item.name.toLowerCase();
      return (
        item.id === want ||
        name === want ||
        (item.aliases ?? []).includes(want) ||
        (want.length >= 4 && name.includes(want)) ||
        (item.id.length >= 3 && new RegExp(`(?<![\\w-])${escape(item.id)}(?![\\w-])`).test(want))
      );
    });
    if (match && !found.includes(match)) found.push(match);
  }
  return found;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "cache-aside (Cache-aside with Redis), none (no cache)": the candidates an error or a prompt lists. */
export function describeValues(values: readonly DecisionValue[]): string {
  return values.map((value) => `${value.value} (${value.name})`).join(', ');
}

/** Why words could not be read, with the values they could have meant: one line for an error or a prompt. */
export function unreadableMessage(slot: DecisionSlot, words: string, reading: Reading): string {
  const custom = slot.custom ? ', or "custom: <your words>" to keep them as they are' : '';
  if (reading.kind === 'ambiguous')
    return `"${words}" could mean ${describeValues(reading.candidates)}; answer A, B or one of those${custom}`;
  const reason = reading.kind === 'unknown' && reading.reason ? ` (${reading.reason})` : '';
  const values =
    slot.values.length > 0 ? `one of ${describeValues(slot.values)}` : 'the names of the items to pick';
  return `"${words}" reads as none of this decision's values${reason}; answer A, B or ${values}${custom}`;
}
