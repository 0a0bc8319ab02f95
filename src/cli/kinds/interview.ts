/** Interview practice: a problem from the bank, one question per phase, to interview_feedback.md. */
import { interviewAdvisor } from '../../copilot/offline/interview/advisor.js';
import type { Knowledge } from '../../knowledge/load.js';
import { interviewProtocol } from '../../protocols/interview/index.js';
import type { SessionState } from '../../protocol/types.js';
import {
  coachingOf,
  coachingSchema,
  scoreSession,
  weakest,
  type Coaching,
  type ScoredInterview,
} from '../../protocols/interview/review.js';
import { practiseNext, renderInterviewFeedback } from '../../render/interview-feedback.js';
import { appendHistory, type HistoryEntry } from '../../session/interview-history.js';
import type { SessionKind } from '../session-kind.js';

/** The coaching drafted in the session (by the offline interviewer or a model), if it was. */
function coachingDraft(state: SessionState): Coaching | undefined {
  const parsed = coachingSchema.safeParse(state.drafts['interview.coaching']);
  return parsed.success ? parsed.data : undefined;
}

const DOCUMENT = 'interview_feedback.md';

export function interviewKind(knowledge: Knowledge): SessionKind {
  // The review is asked for by the render, the summary, the outcome line and the finishing step:
  // score each approved state once.
  const scored = new WeakMap<SessionState, ScoredInterview>();
  const score = (state: SessionState): ScoredInterview => {
    const known = scored.get(state);
    if (known) return known;
    const fresh = scoreSession(state, knowledge);
    scored.set(state, fresh);
    return fresh;
  };
  return {
    command: 'interview',
    protocol: interviewProtocol(knowledge.problems),
    document: DOCUMENT,
    intro: [
      'mlops-design: a mock system-design interview, one question at a time.',
      'Answer as you would out loud; ask about anything you need to know; "?" asks for a hint (the review counts them). The review is written when you finish.',
    ],
    scoped: false,
    flagLabel: 'Red flag',
    describeDraft: (id, draft) => (id === 'interview.coaching' ? [coachingSchema.parse(draft).summary] : []),
    // The interviewer reads the bank this kind was built with (the shared compiled knowledge leaves it out).
    advisor: () => interviewAdvisor(knowledge),
    // Gates never block an interview: flags are judged once, in the review.
    flags: () => [],
    linted: false,
    timed: true,
    render: (template, state) => {
      const { facts, review, expected } = score(state);
      const content = renderInterviewFeedback(template, {
        title: state.title,
        facts,
        review,
        expected,
        practise: practiseNext(facts.problem, knowledge.problems),
        coaching: coachingDraft(state) ?? coachingOf(review, facts.problem),
      });
      return { artifacts: [{ path: DOCUMENT, content }], problems: [] };
    },
    presets: (options) => {
      // --random picks among the problems of the --level, when one is given.
      const pool = knowledge.problems.filter(
        (candidate) => typeof options.level !== 'string' || candidate.level === options.level,
      );
      const problem =
        typeof options.problem === 'string'
          ? options.problem
          : options.random === true
            ? pool[Math.floor(Math.random() * pool.length)]?.id
            : undefined;
      return {
        ...(problem ? { 'interview.problem': problem } : {}),
        ...(typeof options.level === 'string' ? { 'interview.level': options.level } : {}),
        ...(typeof options.timebox === 'string' ? { 'interview.timebox': options.timebox } : {}),
      };
    },
    finished: (state, options, stateDir) => {
      const { facts, review } = score(state);
      if (stateDir)
        appendHistory(stateDir, {
          at: new Date().toISOString(),
          problem: facts.problem.id,
          level: facts.level,
          score: review.score,
          dimensions: Object.fromEntries(
            review.dimensions.map((dimension) => [dimension.id, dimension.points]),
          ) as HistoryEntry['dimensions'],
        });
      const passMark = Number(options.passMark);
      return options.passMark !== undefined && review.score < passMark
        ? `score ${String(review.score)} is below the pass mark ${String(passMark)}`
        : undefined;
    },
    outcome: (state) => {
      const { facts, review } = score(state);
      const weak = weakest(review);
      return `Score ${String(review.score)}/100: ${review.verdict} for ${facts.level}.${weak.length > 0 ? ` Weakest: ${weak.join(' and ')}.` : ''}`;
    },
    summary: (state) => {
      const { facts, review } = score(state);
      return {
        problem: facts.problem.id,
        level: facts.level,
        score: review.score,
        verdict: review.verdict,
        dimensions: Object.fromEntries(
          review.dimensions.map((dimension) => [dimension.id, dimension.points]),
        ),
        missing_components: review.missing.map((component) => component.id),
        red_flags: review.flags,
        numbers: review.numbers,
        hints: review.hints,
      };
    },
  };
}
