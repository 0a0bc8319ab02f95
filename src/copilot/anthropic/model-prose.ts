/**
 * The model's prose checked against the design's invariants, not only its schema: an entry must
 * name a key the baseline has (once), read as prose (not a placeholder, not empty), stay within a
 * sensible length of the text it replaces, and carry no numeral the session does not have.
 * Entries that fail are refused with the reason; the caller asks once for a repair of those, then
 * keeps the baseline's text for whatever is still refused.
 */
import { sanitize } from '../../lib/sanitize.js';
import { foreignNumerals } from './numerals.js';
import type { ProseEntry } from './prose-patch.js';

export interface Refusal {
  readonly key: string;
  readonly why: string;
  /** Worth one repair request (numbers, placeholder text), as opposed to a key that does not exist. */
  readonly repairable: boolean;
}

export interface CheckedProse {
  readonly accepted: ReadonlyMap<string, string>;
  readonly refused: readonly Refusal[];
}

const WORD = /\p{L}{2,}/gu;

/** Text a reader would take for a sentence: three words or more, and not one word repeated. */
export function readsAsProse(text: string): boolean {
  const words = text.match(WORD) ?? [];
  return words.length >= 3 && new Set(words.map((word) => word.toLowerCase())).size >= 2;
}

/**
 * Markup characters, and web addresses, that a text uses and the text it replaces does not: the
 * model writes prose, not emphasis, code spans, links or addresses to send a reader to.
 */
function foreignMarkup(text: string, before: string): string[] {
  const marks = [...new Set(text.match(/[*`[\]~]|:\/\//g) ?? [])];
  return marks.filter((mark) => !before.includes(mark));
}

export function checkProse(
  entries: readonly ProseEntry[],
  baseline: readonly ProseEntry[],
  allowed: ReadonlySet<string>,
): CheckedProse {
  const original = new Map(baseline.map((entry) => [entry.key, entry.text]));
  const accepted = new Map<string, string>();
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  for (const { key, text } of entries) {
    const before = original.get(key);
    if (before === undefined) {
      refused.push({ key, why: 'no such id in the baseline', repairable: false });
      continue;
    }
    if (seen.has(key)) {
      refused.push({ key, why: 'given twice', repairable: false });
      accepted.delete(key);
      continue;
    }
    seen.add(key);
    const trimmed = text.trim();
    // The baseline's own text back is no change, whatever it looks like.
    if (trimmed === before.trim()) continue;
    const foreign = foreignNumerals(trimmed, allowed);
    const markup = foreignMarkup(trimmed, before);
    const why = !readsAsProse(trimmed)
      ? 'not prose (placeholder or empty)'
      : markup.length > 0
        ? `markup the baseline does not use: ${markup.join(' ')}`
        : trimmed.length > Math.max(3 * before.length, 320)
          ? `too long (${String(trimmed.length)} characters for ${String(before.length)})`
          : foreign.length > 0
            ? `numbers the session does not have: ${foreign.slice(0, 4).join(', ')}`
            : undefined;
    if (why) refused.push({ key, why, repairable: true });
    else if (trimmed !== before) accepted.set(key, trimmed);
  }
  return { accepted, refused };
}

export interface Finding {
  readonly about: string;
  readonly finding: string;
  readonly evidence: string;
}

/**
 * A model's findings: each about an id the design has, in prose, with the session's numbers only,
 * and not a repeat. The rest are refused with the reason.
 */
export function checkFindings(
  findings: readonly Finding[],
  cites: ReadonlySet<string>,
  allowed: ReadonlySet<string>,
): { readonly kept: Finding[]; readonly refused: string[] } {
  const kept: Finding[] = [];
  const refused: string[] = [];
  for (const raw of findings) {
    const finding = {
      about: raw.about.trim(),
      finding: sanitize(raw.finding).trim(),
      evidence: sanitize(raw.evidence).trim(),
    };
    const foreign = [
      ...foreignNumerals(finding.finding, allowed),
      ...foreignNumerals(finding.evidence, allowed),
    ];
    const why = !cites.has(finding.about)
      ? `about "${sanitize(finding.about).slice(0, 40)}", which the design does not have`
      : !readsAsProse(finding.finding) || !readsAsProse(finding.evidence)
        ? 'not prose'
        : foreignMarkup(`${finding.finding} ${finding.evidence}`, '').length > 0
          ? 'markup or a web address'
          : foreign.length > 0
            ? `numbers the session does not have (${foreign.slice(0, 3).join(', ')})`
            : kept.some((other) => other.about === finding.about && other.finding === finding.finding)
              ? 'given twice'
              : undefined;
    if (why) refused.push(why);
    else kept.push(finding);
  }
  return { kept, refused };
}
