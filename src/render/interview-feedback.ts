/**
 * interview_feedback.md: a score per dimension with the criteria met and missed and the candidate's
 * own sentences as evidence, the components a good answer has that this one lacked, red flags, the
 * candidate's numbers against the engine's, time per phase, the verdict for the level, and what to
 * practise next. Pure: the review is computed by the interview's scoring.
 */
import { capitalise } from '../lib/capitalise.js';
import type { Metric } from '../estimation/index.js';
import type { Dimension, Problem } from '../knowledge/problems.js';
import { INTERVIEW_PHASES } from '../protocols/interview/index.js';
import type { InterviewFacts } from '../protocols/interview/model.js';
import { weakest, type Coaching } from '../protocols/interview/review.js';
import { MAX_POINTS, PHASES, TOLERANCE, VERDICT_BARS, type Review } from '../protocols/interview/score.js';
import { bullets, fillTemplate, table } from './markdown.js';
import { codeSpan, headingText, inline, plain } from './markdown-inline.js';

/** The phases' own titles, and communication, which is scored across them. */
export const DIMENSION_TITLES = Object.fromEntries([
  ...INTERVIEW_PHASES.map((phase) => [phase.id, phase.title]),
  ['communication', 'Communication'],
]) as Readonly<Record<Dimension, string>>;

export interface FeedbackInput {
  readonly title: string;
  readonly facts: InterviewFacts;
  readonly review: Review;
  /** The engine's metrics for the problem, to show the right figures with their calculations. */
  readonly expected: readonly Metric[];
  readonly practise: readonly Problem[];
  readonly coaching: Coaching;
}

/** Other problems that share the most tags with this one, nearest level first. */
export function practiseNext(problem: Problem, bank: readonly Problem[], count = 3): Problem[] {
  const levels = ['mid', 'senior', 'staff'];
  const overlap = (other: Problem): number => other.tags.filter((tag) => problem.tags.includes(tag)).length;
  const distance = (other: Problem): number =>
    Math.abs(levels.indexOf(other.level) - levels.indexOf(problem.level));
  return bank
    .filter((other) => other.id !== problem.id)
    .sort((a, b) => overlap(b) - overlap(a) || distance(a) - distance(b) || a.id.localeCompare(b.id))
    .slice(0, count);
}

export function renderInterviewFeedback(template: string, input: FeedbackInput): string {
  const { facts, review } = input;
  const [hire, leanHire, leanNo] = VERDICT_BARS[facts.level];
  const weak = weakest(review).map((id) => DIMENSION_TITLES[id].toLowerCase());
  return fillTemplate(template, {
    title: headingText(`${facts.problem.title} (${facts.level})`),
    summary: [
      `Session: ${plain(input.title)}. Problem ${codeSpan(facts.problem.id)}, ${String(facts.timebox)} minutes, scored for ${facts.level} level.`,
      `**Score: ${String(review.score)}/100 — ${review.verdict}.** ${facts.askedScale ? 'The scale was asked for before it was used.' : 'The scale was never asked for.'} Hints used: ${String(review.hints)}.`,
    ].join('\n\n'),
    scores: [
      table(
        ['Dimension', 'Points'],
        review.dimensions.map((dimension) => [
          DIMENSION_TITLES[dimension.id],
          `${String(dimension.points)}/${String(MAX_POINTS)}`,
        ]),
      ),
      ...review.dimensions.map((dimension) =>
        [
          `### ${DIMENSION_TITLES[dimension.id]} (${String(dimension.points)}/${String(MAX_POINTS)})`,
          bullets(
            dimension.criteria.map(
              (criterion) => `${criterion.met ? 'Met' : 'Missed'}: ${inline(criterion.text)}.`,
            ),
          ),
          dimension.evidence.length > 0
            ? `Evidence, in your words:\n\n${dimension.evidence.map((sentence) => `> ${inline(sentence)}`).join('\n>\n')}`
            : 'Evidence: nothing in the answer showed it.',
        ].join('\n\n'),
      ),
    ].join('\n\n'),
    missing:
      review.missing.length === 0
        ? 'None: every component a good answer has was named.'
        : bullets(review.missing.map((component) => `${inline(component.name)} (${codeSpan(component.id)})`)),
    flags:
      review.flags.length === 0
        ? 'None.'
        : bullets(review.flags.map((flag) => `${codeSpan(flag.id)}: ${inline(flag.message)}`)),
    numbers: numbersSection(input),
    time: table(
      ['Phase', 'Spent (min)', 'Budget (min)', 'How known'],
      PHASES.map((phase) => {
        const minutes = facts.minutes[phase];
        return [
          DIMENSION_TITLES[phase],
          minutes ? String(minutes.spent) : '-',
          minutes ? String(minutes.budget) : '-',
          minutes?.measured ? 'measured' : "estimated from the answer's length",
        ];
      }),
    ),
    verdict: `${capitalise(review.verdict)} for ${facts.level} (score ${String(review.score)}: hire from ${String(hire)}, lean hire from ${String(leanHire)}, lean no hire from ${String(leanNo)}). ${weak.length > 0 ? `Weakest: ${weak.join(' and ')}.` : 'Every dimension scored full points.'}`,
    coaching: [
      input.coaching.summary,
      ...input.coaching.focus.map((item) =>
        [
          `### ${DIMENSION_TITLES[item.dimension]}`,
          `What a strong answer has: ${item.strong}`,
          item.next,
        ].join('\n\n'),
      ),
    ].join('\n\n'),
    practise:
      input.practise.length === 0
        ? 'No other problem in the bank shares its tags.'
        : bullets(
            input.practise.map(
              (problem) =>
                `\`${problem.id}\`: ${problem.title} (${problem.level}), ${weak.length > 0 ? `to practise ${weak.join(' and ')}` : 'for a new problem'}: \`mlops-design interview --problem ${problem.id}\``,
            ),
          ),
  });
}

function numbersSection(input: FeedbackInput): string {
  const { review, expected } = input;
  const key = expected.filter((metric) => ['peak_qps', 'total_qps', 'storage_total'].includes(metric.id));
  const reference = bullets(key.map((metric) => `${metric.label}: ${metric.calculation}`));
  if (review.numbers.length === 0)
    return `No figures to check: the estimation gave no request rate or storage size. The engine's figures for this scale:\n\n${reference}`;
  return [
    table(
      ['You said', 'Nearest engine figure', 'Engine', 'Check'],
      review.numbers.map((check) => [
        inline(check.said),
        inline(check.metric),
        check.expected,
        check.within ? `within ${String(TOLERANCE)}x` : `off by ${check.ratio.toFixed(1)}x`,
      ]),
    ),
    `The engine's figures for this scale, with their calculations:\n\n${reference}`,
  ].join('\n\n');
}
