/**
 * Choice questions that read a colleague's words: "k8s with KServe", "scikit-learn", "GCP Vertex"
 * are read as the value they mean and said back, never refused and never read silently. A word
 * that could mean two values is refused naming both.
 */
import { fail, ok, type Result } from '../../lib/result.js';
import { asText } from '../../protocol/answer-text.js';
import type { RawAnswer } from '../../protocol/types.js';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Words that mean this value (regular-expression sources, case-insensitive, at word boundaries). */
  readonly words: readonly string[];
}

const normal = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** The value a person's words name: the value itself, or the one choice whose words match. */
export function readChoice<T extends string>(
  choices: readonly Choice<T>[],
  raw: RawAnswer,
): Result<{ readonly value: T; readonly exact: boolean }> {
  const text = asText(raw);
  const exact = choices.find((choice) => normal(choice.value) === normal(text));
  if (exact) return ok({ value: exact.value, exact: true });
  // Each matching choice's longest match, as a span of the text.
  const spans = choices.flatMap((choice) => {
    const found = choice.words
      .map((word) => new RegExp(`(?:^|\\b)(?:${word})(?:\\b|$)`, 'i').exec(text))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({ choice, start: match.index, end: match.index + match[0].length }))
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    return found.slice(0, 1);
  });
  // A match inside another's span is part of it ("kubernetes" in "kubernetes with kserve").
  const standing = spans.filter(
    (span) =>
      !spans.some(
        (other) =>
          other !== span &&
          other.start <= span.start &&
          other.end >= span.end &&
          other.end - other.start > span.end - span.start,
      ),
  );
  const [first, second] = standing;
  if (first && !second) return ok({ value: first.choice.value, exact: false });
  const expected = choices.map((choice) => choice.value).join(', ');
  if (first && second)
    return fail(
      `"${text}" could mean ${first.choice.value} or ${second.choice.value}: answer one of ${expected}`,
    );
  return fail(`expected one of ${expected}, got "${text}"`);
}

/** Said back when the words were not the value itself: "Kubernetes with KServe (kubernetes-kserve)". */
export function choiceReading<T extends string>(
  choices: readonly Choice<T>[],
  value: T,
  raw: RawAnswer,
): string | undefined {
  const read = readChoice(choices, raw);
  if (read.ok && read.value.exact) return undefined;
  const choice = choices.find((candidate) => candidate.value === value);
  return choice ? `${choice.label} (${choice.value})` : undefined;
}

const YES = /^(?:y|yes|yeah|yep|true|required|mandatory|must|we are|it is|regulated)\b/i;
const NO = /^(?:n|no|nope|false|not|none|neither|nothing|optional)\b/i;

/** A yes or no, with what follows it kept as a note ("yes, PCI DSS"); a regime named alone is a yes. */
export function readYesNo(raw: RawAnswer, regimes?: RegExp): Result<boolean> {
  const text = asText(raw).trim();
  if (NO.test(text)) return ok(false);
  if (YES.test(text) || regimes?.test(text)) return ok(true);
  return fail(`expected yes or no, got "${text}"`);
}
