/**
 * A finished interview, reviewed: the facts read from the session, the engine's figures for the
 * problem's scale, the deterministic scores, and the coaching drawn from the problem's rubric for
 * the weakest dimensions. Pure: the knowledge (problems and dated tables) is passed in.
 */
import { z } from 'zod';
import { estimateFromSpec, type Metric } from '../../estimation/index.js';
import { specFromSnake } from '../../estimation/spec-fields.js';
import { engineTables } from '../../knowledge/engine-tables.js';
import type { Knowledge } from '../../knowledge/load.js';
import { DIMENSIONS, PHASES, type Dimension, type Phase, type Problem } from '../../knowledge/problems.js';
import type { SessionState } from '../../protocol/types.js';
import { interviewFacts, type InterviewFacts } from './model.js';
import { MAX_POINTS, scoreInterview, type Review } from './score.js';

export interface ScoredInterview {
  readonly facts: InterviewFacts;
  readonly review: Review;
  readonly expected: readonly Metric[];
}

export type InterviewKnowledge = Pick<Knowledge, 'problems' | 'prices' | 'latencies'>;

export function scoreSession(state: SessionState, knowledge: InterviewKnowledge): ScoredInterview {
  const facts = interviewFacts(state, knowledge.problems);
  const spec = specFromSnake(facts.problem.scale.numbers);
  const estimate = spec.ok ? estimateFromSpec(spec.value, engineTables(knowledge)) : spec;
  if (!spec.ok || !estimate.ok)
    throw new Error(
      `problem ${facts.problem.id}: its scale does not estimate: ${estimate.ok ? '' : estimate.error}`,
    );
  const expected = estimate.value.metrics;
  const review = scoreInterview({
    problem: facts.problem,
    level: facts.level,
    answers: facts.answers,
    hints: facts.hints,
    askedScale: facts.askedScale,
    expected,
    replication: spec.value.replication ?? 1,
  });
  return { facts, review, expected };
}

/** The coaching: prose a model may reword; the scores it follows are never part of it. */
export const coachingSchema = z.strictObject({
  summary: z.string().min(10).max(1_200),
  focus: z
    .array(
      z.strictObject({
        dimension: z.enum(DIMENSIONS),
        strong: z.string().min(10).max(1_200),
        next: z.string().min(10).max(600),
      }),
    )
    .max(2),
});
export type Coaching = z.infer<typeof coachingSchema>;

/** The two weakest dimensions below full points, weakest first (ties in the rubric's order). */
export function weakest(review: Review, count = 2): Dimension[] {
  return [...review.dimensions]
    .filter((dimension) => dimension.points < MAX_POINTS)
    .sort((a, b) => a.points - b.points || DIMENSIONS.indexOf(a.id) - DIMENSIONS.indexOf(b.id))
    .slice(0, count)
    .map((dimension) => dimension.id);
}

const isPhase = (dimension: Dimension): dimension is Phase =>
  (PHASES as readonly string[]).includes(dimension);

/** For each weak dimension: what a strong answer to this problem has, and the first thing to practise. */
export function coachingOf(review: Review, problem: Problem): Coaching {
  const focus = weakest(review).map((dimension) => {
    const missed =
      review.dimensions.find((item) => item.id === dimension)?.criteria.filter((c) => !c.met) ?? [];
    return {
      dimension,
      strong: isPhase(dimension)
        ? problem.rubric[dimension]
        : 'Every phase answered, in short structured points, with the questions you need asked out loud and at most one hint.',
      next: `Practise: ${
        missed
          .map((criterion) => criterion.text)
          .slice(0, 2)
          .join('; ') || 'the criteria above'
      }.`,
    };
  });
  return {
    summary:
      focus.length === 0
        ? `Every dimension scored full points on ${problem.title}; try a harder problem at the next level.`
        : `Score ${String(review.score)} (${review.verdict}). The most points are waiting in ${focus.map((item) => item.dimension).join(' and ')}: below is what a strong answer to ${problem.title} has there.`,
    focus,
  };
}
