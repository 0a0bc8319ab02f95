// The number at the start of an answer, as people write it: digits ("1,000", "2.5"), a letter
// multiplier ("5k", "2.5M", "1bn"), multiplier words ("3 million") or words alone ("twenty",
// "half a million", "a thousand"). Every pattern is built once, at load: the reader runs per answer
// and in the estimate benchmark, so nothing here constructs a RegExp per call.

/** Digits may be grouped with commas or underscores, but only between digits ("1,000", "10_000"). */
export const NUMBER_SOURCE = String.raw`(\d+(?:[,_]\d+)*(?:\.\d+)?|\.\d+)`;

export function toNumber(text: string): number {
  return Number(text.replace(/[,_]/g, ''));
}

export const LETTER_MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
  g: 1e9,
  t: 1e12,
};

const WORD_MULTIPLIERS: Readonly<Record<string, number>> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

const SMALL_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const DIGITS = new RegExp(`^${NUMBER_SOURCE}`);
const LETTER = /^\s*(bn|mm|mn|[kmbgt])(?![a-z\u00b5\u03bc])/i;
const WORD_MULTIPLIER = /^\s*(hundred|thousand|million|billion|trillion)s?\b/i;
const WORD = /^([a-z]+)(?:[\s-]+|$)/i;
const ARTICLE = /^(?:a|an)$/i;

export interface Amount {
  readonly value: number;
  /** What follows the number, trimmed: the unit, a label, a period. */
  readonly rest: string;
  /** True when the number was written in words ("half a million"). */
  readonly inWords: boolean;
}

export interface AmountOptions {
  /** Read a letter multiplier ("5k", "2.5M"): counts and rates; never sizes ("10MB") or durations ("6m"). */
  readonly letters?: boolean;
  /** "a" or "an" alone is one ("a year", "an hour"). */
  readonly article?: boolean;
}

/** The amount at the start of `text`, or undefined when the text does not start with one. */
export function readAmount(text: string, options: AmountOptions = {}): Amount | undefined {
  const digits = DIGITS.exec(text);
  if (digits?.[1]) return afterDigits(toNumber(digits[1]), text.slice(digits[0].length), options);
  return inWords(text, options);
}

function afterDigits(start: number, after: string, options: AmountOptions): Amount {
  let value = start;
  let rest = after;
  const letter = options.letters === true ? LETTER.exec(rest) : null;
  if (letter?.[1]) {
    value *= LETTER_MULTIPLIERS[letter[1].toLowerCase()] ?? 1;
    rest = rest.slice(letter[0].length);
  }
  for (let word = WORD_MULTIPLIER.exec(rest); word?.[1]; word = WORD_MULTIPLIER.exec(rest)) {
    value *= WORD_MULTIPLIERS[word[1].toLowerCase()] ?? 1;
    rest = rest.slice(word[0].length);
  }
  return { value, rest: rest.trim(), inWords: false };
}

/** "twenty five thousand", "half a million", "a hundred", "one and a half" (no digits). */
function inWords(text: string, options: AmountOptions): Amount | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  let rest = text;
  for (let match = WORD.exec(rest); match?.[1]; match = WORD.exec(rest)) {
    const word = match[1].toLowerCase();
    const next = WORD.exec(rest.slice(match[0].length))?.[1]?.toLowerCase() ?? '';
    const small = SMALL_WORDS[word];
    const multiplier = WORD_MULTIPLIERS[word.replace(/s$/, '')];
    if (small !== undefined) current += small;
    else if (word === 'half') current += 0.5;
    else if (word === 'dozen') current = (current || 1) * 12;
    else if (word === 'and' && seen && next === 'a') current += 0;
    else if (ARTICLE.test(word) && (WORD_MULTIPLIERS[next] !== undefined || next === 'dozen'))
      current += seen ? 0 : 1;
    else if (ARTICLE.test(word) && options.article === true && !seen) current += 1;
    else if (multiplier !== undefined && word === 'hundred') current = (current || 1) * multiplier;
    else if (multiplier !== undefined && !word.endsWith('s')) {
      total += (current || 1) * multiplier;
      current = 0;
    } else break;
    seen = true;
    rest = rest.slice(match[0].length);
    if (word === 'and' || (word === 'half' && ARTICLE.test(next))) {
      // "one and a half", "half a megabyte": the "a" belongs to the number.
      const article = WORD.exec(rest);
      if (article) rest = rest.slice(article[0].length);
    }
  }
  if (!seen) return undefined;
  return { value: total + current, rest: rest.trim(), inWords: true };
}
