/**
 * Numerals in model prose. The model never supplies a number: every numeral it writes must be one
 * the session already has (an engine figure as displayed, the user's own, a figure of the baseline
 * it was given). A numeral is a run of digits not glued to a letter before it ("p99", "s3", "ec2"
 * and "http2" are names, not numbers), with its decimal part; thousands separators are dropped, so
 * "1,000" and "1000" are the same numeral. Units and multipliers after it ("10x", "1.2K", "99.9%")
 * are not part of it: "1.2K" is the numeral 1.2 and must appear as such in what the session has.
 */
const NUMERAL = /(?<![\p{L}\p{N}_.])\d+(?:,\d{3})*(?:\.\d+)?/gu;

export function numeralsIn(text: string): string[] {
  return [...text.matchAll(NUMERAL)].map((match) => match[0].replace(/,/g, ''));
}

/** The numerals of everything the session has told the model, to check its prose against. */
export function numeralSet(...texts: readonly string[]): ReadonlySet<string> {
  return new Set(texts.flatMap(numeralsIn));
}

/** The numerals of a text that the session does not have, each once, in order. */
export function foreignNumerals(text: string, allowed: ReadonlySet<string>): string[] {
  return [...new Set(numeralsIn(text).filter((numeral) => !allowed.has(numeral)))];
}
