/**
 * The offline interviewer: puts each question with the problem and the phase's share of the
 * timebox, and reveals the scale and the facts the problem states only when the candidate asks. It proposes nothing and drafts
 * only the coaching at the end: in an interview the candidate designs.
 */
import type { Problem } from '../../../knowledge/problems.js';
import { coachingOf, scoreSession, type InterviewKnowledge } from '../../../protocols/interview/review.js';
import type { QuestionSlot, SessionState } from '../../../protocol/types.js';
import {
  ASKS_SCALE,
  PHASE_BUDGET,
  interviewProblemId,
  timeboxOf,
} from '../../../protocols/interview/index.js';
import { factsAsked } from '../../../protocols/interview/ask.js';
import { PHASES, type Phase } from '../../../protocols/interview/score.js';
import type { Advisor } from '../../port.js';

const phaseOf = (slot: QuestionSlot): Phase | undefined =>
  PHASES.find((phase) => slot.id === `interview.${phase}`);

export function interviewAdvisor(knowledge: InterviewKnowledge): Advisor {
  const problemOf = (state: SessionState): Problem | undefined =>
    knowledge.problems.find((problem) => problem.id === interviewProblemId(state));
  return {
    phrase: (slot, state) => {
      const phase = phaseOf(slot);
      const problem = problemOf(state);
      if (!phase || !problem) return undefined;
      const timebox = timeboxOf(state, problem);
      const minutes = Math.round(timebox * PHASE_BUDGET[phase]);
      const budget = `(about ${String(minutes)} of your ${String(timebox)} minutes)`;
      return phase === 'requirements'
        ? `${problem.title}: ${problem.prompt} ${slot.prompt} ${budget}`
        : `${slot.prompt} ${budget}`;
    },
    note: (slot, value, state) => {
      const phase = phaseOf(slot);
      const problem = problemOf(state);
      if (!phase || !problem || typeof value !== 'string') return undefined;
      const earlier = PHASES.slice(0, PHASES.indexOf(phase)).map((before) => {
        const answer = state.answers[`interview.${before}`]?.value;
        return typeof answer === 'string' ? answer : '';
      });
      const scaleRevealed = ASKS_SCALE.test(earlier[0] ?? '');
      // "What's the scale?" early on hears the whole scale once; any other question the facts the
      // problem states about it, in any phase, each fact once.
      if ((phase === 'requirements' || phase === 'estimation') && ASKS_SCALE.test(value))
        return scaleRevealed
          ? undefined
          : `Interviewer: ${problem.scale.summary} ${problem.scale.facts.join('; ')}.`;
      if (scaleRevealed) return undefined;
      const told = new Set(earlier.flatMap((answer) => factsAsked(answer, problem)));
      const fresh = factsAsked(value, problem).filter((fact) => !told.has(fact));
      return fresh.length === 0 ? undefined : `Interviewer: ${fresh.join('; ')}.`;
    },
    propose: () => {
      throw new Error('the interviewer proposes nothing: the candidate designs');
    },
    report: () => '',
    draft: (step, state) => {
      if (step.id !== 'interview.coaching')
        throw new Error(`the interviewer drafts only the coaching, not ${step.id}`);
      const { review, facts } = scoreSession(state, knowledge);
      return coachingOf(review, facts.problem);
    },
  };
}
