/** What a mock interview's session holds, read back as the review needs it. */
import type { Level, Problem } from '../../knowledge/problems.js';
import type { SessionState } from '../../protocol/types.js';
import { factsAsked } from './ask.js';
import { ASKS_SCALE, PHASE_BUDGET, interviewProblemId, timeboxOf } from './index.js';
import { PHASES, type Phase } from './score.js';

/** Speaking pace used to estimate time when no clock was kept (a replayed answers file). */
export const WORDS_PER_MINUTE = 25;

export interface InterviewFacts {
  readonly problem: Problem;
  readonly level: Level;
  readonly timebox: number;
  readonly answers: Readonly<Partial<Record<Phase, string>>>;
  /** The phase of each hint given, once per hint. */
  readonly hints: readonly Phase[];
  readonly askedScale: boolean;
  /** Minutes per phase, measured by the session's clock or estimated from the answer's length. */
  readonly minutes: Readonly<
    Partial<Record<Phase, { readonly spent: number; readonly budget: number; readonly measured: boolean }>>
  >;
}

/** Asked about the scale before estimating: in words, or a question the interviewer answered. */
function askedForScale(early: string, problem: Problem, asked: readonly Phase[]): boolean {
  return (
    ASKS_SCALE.test(early) ||
    factsAsked(early, problem).length > 0 ||
    asked.some((phase) => phase === 'requirements' || phase === 'estimation')
  );
}

export function interviewFacts(state: SessionState, problems: readonly Problem[]): InterviewFacts {
  const problem = problems.find((candidate) => candidate.id === interviewProblemId(state));
  if (!problem)
    throw new Error(`the interview's problem "${interviewProblemId(state) ?? ''}" is not in the bank`);
  const level = state.answers['interview.level']?.value;
  const answers: Partial<Record<Phase, string>> = {};
  const minutes: Partial<Record<Phase, { spent: number; budget: number; measured: boolean }>> = {};
  const hints: Phase[] = [];
  const asked: Phase[] = [];
  for (const phase of PHASES) {
    const record = state.answers[`interview.${phase}`];
    if (!record || typeof record.value !== 'string') continue;
    answers[phase] = record.value;
    // Hints given: each "?" the runner answered with a hint (helpShown), or a hint given as a
    // push-back by a session saved before helpAt existed.
    const given = Math.min(record.helpShown ?? 0, problem.hints[phase].length);
    for (let n = 0; n < given; n += 1) hints.push(phase);
    if (given === 0 && record.askedAgain?.startsWith('Hint:')) hints.push(phase);
    if (record.askedAgain?.startsWith('Interviewer:')) asked.push(phase);
    const words = record.value.split(/\s+/).filter(Boolean).length;
    minutes[phase] = {
      spent:
        record.seconds === undefined
          ? Math.max(1, Math.round(words / WORDS_PER_MINUTE))
          : Math.round((record.seconds / 60) * 10) / 10,
      budget: Math.round(timeboxOf(state, problem) * PHASE_BUDGET[phase]),
      measured: record.seconds !== undefined,
    };
  }
  return {
    problem,
    level: typeof level === 'string' ? (level as Level) : problem.level,
    timebox: timeboxOf(state, problem),
    answers,
    hints,
    askedScale: askedForScale(`${answers.requirements ?? ''}\n${answers.estimation ?? ''}`, problem, asked),
    minutes,
  };
}
