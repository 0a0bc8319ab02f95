/** What a mock interview's session holds, read back as the review needs it. */
import type { Level, Problem } from '../../knowledge/problems.js';
import type { SessionState } from '../../protocol/types.js';
import { ASKS_SCALE, PHASE_BUDGET, interviewProblemId, timeboxOf } from './index.js';
import { PHASES, type Phase } from './score.js';

/** Speaking pace used to estimate time when no clock was kept (a replayed answers file). */
export const WORDS_PER_MINUTE = 25;

export interface InterviewFacts {
  readonly problem: Problem;
  readonly level: Level;
  readonly timebox: number;
  readonly answers: Readonly<Partial<Record<Phase, string>>>;
  readonly hints: readonly Phase[];
  readonly askedScale: boolean;
  /** Minutes per phase, measured by the session's clock or estimated from the answer's length. */
  readonly minutes: Readonly<
    Partial<Record<Phase, { readonly spent: number; readonly budget: number; readonly measured: boolean }>>
  >;
}

export function interviewFacts(state: SessionState, problems: readonly Problem[]): InterviewFacts {
  const problem = problems.find((candidate) => candidate.id === interviewProblemId(state));
  if (!problem)
    throw new Error(`the interview's problem "${interviewProblemId(state) ?? ''}" is not in the bank`);
  const level = state.answers['interview.level']?.value;
  const answers: Partial<Record<Phase, string>> = {};
  const minutes: Partial<Record<Phase, { spent: number; budget: number; measured: boolean }>> = {};
  const hints: Phase[] = [];
  for (const phase of PHASES) {
    const record = state.answers[`interview.${phase}`];
    if (!record || typeof record.value !== 'string') continue;
    answers[phase] = record.value;
    if (record.askedAgain?.startsWith('Hint:')) hints.push(phase);
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
    askedScale: ASKS_SCALE.test(`${answers.requirements ?? ''}\n${answers.estimation ?? ''}`),
    minutes,
  };
}
