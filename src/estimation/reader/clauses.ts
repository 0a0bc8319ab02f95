// What surrounds a number in an answer: approximations ("~", "about", "say"), hedges ("i guess",
// "-ish"), notes in parentheses or after a comma or dash, and bounds ("< 100ms", "under 200 ms").
// They are taken off before a value is read and kept, so the reading can say what it set aside.

/** One part of an answer, ready to read: approximations and hedges off, notes kept. */
export interface Clause {
  /** The part as written (trimmed), to quote back. */
  readonly written: string;
  /** The part without approximations, hedges and bounds. */
  readonly text: string;
  /** "say 300B": a value stated after an aside, which the reading names. */
  readonly said: boolean;
  /** A bound ("< 100ms", "under 200 ms", "at most 1s"), read as the value itself. */
  readonly bound?: string;
}

export interface Parts {
  readonly clauses: readonly Clause[];
  /** Parenthesised notes, as written. Hedges ("i guess") are dropped: they say nothing to keep. */
  readonly notes: readonly string[];
}

const PARENTHESES = /\s*\(([^()]*)\)/g;
// A comma or semicolon followed by a space (not "1,000"), or a dash with spaces around it (not "-5").
const SEPARATOR = /\s*(?:[,;]\s+|;|\s[-\u2013\u2014]+\s|[\u2013\u2014])\s*/;
const APPROXIMATE =
  /^(?:~|\u2248|\+-|\u00b1|about|around|roughly|approx(?:\.|imately)?|circa|ca\.|say|maybe|perhaps|probably|likely|something like|somewhere around|close to|nearly|almost|estimated|est\.|expect(?:ed|ing)?|we have|we've got|we'll have|we will have|there are|there will be|currently|today)\s*:?\s*/i;
const SAY = /^(?:say|i\.e\.|ie|so|that is)\b/i;
const BOUND =
  /^(?:<=?|\u2264|under|below|less than|within|at most|no more than|not more than|up to|max(?:imum)?\.?|sub-?)\s*/i;
const HEDGE =
  /\s*(?:-\s?ish|(?<=\d[kmbg]?)ish|,?\s*i guess|,?\s*i think|,?\s*i'd say|or so|give or take|tops|at most|or less|\?+)\s*$/i;

function clean(written: string): Clause {
  let text = written;
  let said = false;
  let bound: string | undefined;
  for (let changed = true; changed;) {
    changed = false;
    const hedge = HEDGE.exec(text);
    if (hedge && hedge.index > 0) {
      text = text.slice(0, hedge.index);
      changed = true;
    }
    if (SAY.test(text)) said = true;
    const approximate = APPROXIMATE.exec(text);
    if (approximate?.[0]) {
      text = text.slice(approximate[0].length);
      changed = true;
    }
    const limit = BOUND.exec(text);
    if (limit?.[0]) {
      bound = limit[0].trim();
      text = text.slice(limit[0].length);
      changed = true;
    }
  }
  return { written, text: text.trim(), said, ...(bound === undefined ? {} : { bound }) };
}

/** The answer split into clauses (the first is the main one) and the notes set aside. */
export function partsOf(answer: string): Parts {
  const notes: string[] = [];
  const withoutParentheses = answer.replace(PARENTHESES, (whole) => {
    notes.push(whole.trim());
    return ' ';
  });
  const clauses = withoutParentheses
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(clean);
  return { clauses, notes };
}

const VAGUE =
  /^(?:(?:a\s+)?(?:few|several|couple(?:\s+of)?|handful(?:\s+of)?|bunch(?:\s+of)?|some|many|lots\s+of)\s+\S|(?:tens|hundreds|thousands|millions|billions|dozens)\b)/i;

/** A quantity without a number ("a few hundred bytes", "thousands of users"): asked again by name. */
export function isVague(text: string): boolean {
  return VAGUE.test(text);
}

/** How the reading names what it set aside: "; the note '(audit log)' kept as context". */
export function notesText(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const quoted = notes.map((note) => `'${note}'`);
  return notes.length === 1
    ? `; the note ${quoted.join('')} kept as context`
    : `; the notes ${quoted.join(', ')} kept as context`;
}
