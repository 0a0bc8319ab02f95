/** Interview practice: a problem from the bank, one question per phase, to interview_feedback.md. */
import { z } from 'zod';
import { interviewAdvisor } from '../../copilot/offline/interview/advisor.js';
import type { Knowledge } from '../../knowledge/load.js';
import { LEVELS } from '../../knowledge/problems.js';
import { interviewProtocol } from '../../protocols/interview/index.js';
import type { Protocol, SessionState } from '../../protocol/types.js';
import {
  coachingOf,
  coachingSchema,
  scoreSession,
  weakest,
  type Coaching,
  type ScoredInterview,
} from '../../protocols/interview/review.js';
import { practiseNext, renderInterviewFeedback } from '../../render/interview-feedback.js';
import { AppError } from '../../errors.js';
import { appendHistory, type HistoryEntry } from '../../session/interview-history.js';
import { oneOf, parseFlags, sessionFlags } from '../options.js';
import type { SessionKind } from '../session-kind.js';

/** The coaching drafted in the session (by the offline interviewer or a model), if it was. */
function coachingDraft(state: SessionState): Coaching | undefined {
  const parsed = coachingSchema.safeParse(state.drafts['interview.coaching']);
  return parsed.success ? parsed.data : undefined;
}

/** A flag that answers a question is checked by that question's own parser. */
function answering(protocol: Protocol, id: string) {
  const slot = protocol.steps.find((step) => step.id === id);
  if (slot?.kind !== 'question') throw new Error(`the interview has no question ${id}`);
  return z.string().superRefine((raw, context) => {
    const parsed = slot.parse(raw);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
  });
}

function interviewFlags(protocol: Protocol) {
  return sessionFlags.extend({
    problem: answering(protocol, 'interview.problem').optional(),
    random: z.boolean().optional(),
    level: oneOf(LEVELS).optional(),
    timebox: answering(protocol, 'interview.timebox').optional(),
    passMark: z
      .string()
      .superRefine((raw, context) => {
        if (!/^(?:100|\d{1,2})$/.test(raw))
          context.addIssue({ code: 'custom', message: `expected a score from 0 to 100, got "${raw}"` });
      })
      .transform(Number)
      .optional(),
    history: z.boolean().optional(),
  });
}
const DOCUMENT = 'interview_feedback.md';

export function interviewKind(knowledge: Knowledge): SessionKind {
  const protocol = interviewProtocol(knowledge.problems);
  const flags = interviewFlags(protocol);
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
    protocol,
    options: (raw) => {
      const given = parseFlags(flags, raw);
      // --random picks among the problems of the --level, when one is given.
      const pool = knowledge.problems.filter(
        (candidate) => given.level === undefined || candidate.level === given.level,
      );
      const problem =
        given.problem ?? (given.random ? pool[Math.floor(Math.random() * pool.length)]?.id : undefined);
      return {
        ...given,
        // The problem named by the flags is the session's title: nothing to ask.
        ...(problem
          ? { title: knowledge.problems.find((candidate) => candidate.id === problem)?.title }
          : {}),
        presets: {
          ...(problem ? { 'interview.problem': problem } : {}),
          ...(given.level ? { 'interview.level': given.level } : {}),
          ...(given.timebox ? { 'interview.timebox': given.timebox } : {}),
        },
        ...(given.history
          ? {
              instead: async (globals) => {
                (await import('../commands/interview-history.js')).runInterviewHistory(globals);
              },
            }
          : {}),
        finished: (state, stateDir, warn) => {
          const { facts, review } = score(state);
          if (stateDir) {
            // The feedback is written and stands: a log that cannot take the line is a warning.
            try {
              appendHistory(stateDir, {
                at: new Date().toISOString(),
                problem: facts.problem.id,
                level: facts.level,
                score: review.score,
                dimensions: Object.fromEntries(
                  review.dimensions.map((dimension) => [dimension.id, dimension.points]),
                ) as HistoryEntry['dimensions'],
              });
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              warn(`warning: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
            }
          }
          const { passMark } = given;
          return passMark !== undefined && review.score < passMark
            ? `score ${String(review.score)} is below the pass mark ${String(passMark)}`
            : undefined;
        },
      };
    },
    // The interviewer reads the bank this kind was built with (the shared compiled knowledge leaves it out).
    advisor: () => interviewAdvisor(knowledge),
    presentation: {
      intro: [
        'mlops-design: a mock system-design interview, one question at a time.',
        'Answer as you would out loud; ask about anything you need to know; "?" asks for a hint (the review counts them). The review is written when you finish.',
      ],
      flagLabel: 'Red flag',
      describe: (id, draft) => (id === 'interview.coaching' ? [coachingSchema.parse(draft).summary] : []),
      outcome: (state) => {
        const { facts, review } = score(state);
        const weak = weakest(review);
        return `Score ${String(review.score)}/100: ${review.verdict} for ${facts.level}.${weak.length > 0 ? ` Weakest: ${weak.join(' and ')}.` : ''}`;
      },
    },
    // Gates never block an interview: flags are judged once, in the review.
    rules: { flags: () => [] },
    document: DOCUMENT,
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
