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
  const matches = choices.filter((choice) =>
    choice.words.some((word) => new RegExp(`(?:^|\\b)(?:${word})(?:\\b|$)`, 'i').test(text)),
  );
  // The longest match wins where one value's words hold another's ("kubernetes with kserve").
  const longest = matches
    .map((choice) => ({
      choice,
      length: Math.max(
        ...choice.words.map(
          (word) => new RegExp(`(?:^|\\b)(?:${word})(?:\\b|$)`, 'i').exec(text)?.[0].length ?? 0,
        ),
      ),
    }))
    .sort((a, b) => b.length - a.length);
  const [first, second] = longest;
  if (first && (!second || second.length < first.length))
    return ok({ value: first.choice.value, exact: false });
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
