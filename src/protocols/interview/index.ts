/**
 * The mock-interview protocol: a problem from the bank, then one open question per design phase.
 * The interviewer reveals the facts the problem states only when asked (ask.ts), gives the next hint
 * for each "?" (and says when none is left), pushes back once on a thin answer, and never answers its
 * own questions. Built from the bank, since the problem slot accepts
 * only its ids.
 */
import { parseDuration } from '../../estimation/index.js';
import { fail, ok } from '../../lib/result.js';
import { asText, nonEmptyText } from '../../protocol/answer-text.js';
import { approvalSlotFor, question, titleSlot } from '../../protocol/common-slots.js';
import type { Protocol, QuestionSlot, SessionState } from '../../protocol/types.js';
import { LEVELS, type Level, type Problem } from '../../knowledge/problems.js';
import { DESIGN_PHASES } from '../design/slots.js';
import { interviewerAnswer, onlyQuestions } from './ask.js';
import { PHASES, type Phase } from './score.js';

/** The problem first, then the design session's six phases. */
export const INTERVIEW_PHASES = [{ id: 'brief', title: 'The problem' }, ...DESIGN_PHASES] as const;

/** Share of the timebox each phase should take. */
export const PHASE_BUDGET: Readonly<Record<Phase, number>> = {
  requirements: 0.1,
  estimation: 0.1,
  'high-level': 0.25,
  'deep-dive': 0.3,
  tradeoffs: 0.1,
  operations: 0.15,
};

/** An answer shorter than this is pushed back on once, as an interviewer would. */
export const THIN_WORDS = 12;

const QUESTIONS: Readonly<Record<Phase, string>> = {
  requirements: 'Where do you start? Tell me what the system must do, and ask me whatever you need to know.',
  estimation: 'Before any boxes: how much traffic and storage are we talking about? Show me the numbers.',
  'high-level':
    'Walk me through the high-level design: the components, and how a request flows through them.',
  'deep-dive':
    'Pick the component you think is hardest and go deep: data model, algorithm, how it scales to 10x, how it fails.',
  tradeoffs: 'What are the main tradeoffs you made, and when would you choose differently?',
  operations: 'It is in production. How do you know it is healthy, and what happens when something fails?',
};

const PROBES: Readonly<Record<Phase, string>> = {
  requirements:
    'That is thin. Which behaviours must it have, and which qualities (latency, availability, consistency) matter?',
  estimation: 'I need numbers: requests per second at peak, and storage over the retention period.',
  'high-level': 'Name the components and follow one request through them.',
  'deep-dive': 'Go further: what is the data model, and what happens at 10x the load?',
  tradeoffs: 'What did you give up with that choice, and what would make you change it?',
  operations: 'Which signals would wake someone up, and what do users see when a dependency is down?',
};

/** The `times`-th hint of a phase, or that none is left and what to do instead. */
export function hintAt(problem: Problem | undefined, phase: Phase, times: number): string {
  const hints = problem?.hints[phase] ?? [];
  const hint = hints[times - 1];
  if (hint !== undefined) return `Hint ${String(times)} of ${String(hints.length)}: ${hint}`;
  return hints.length === 0
    ? 'Hint: think about what the numbers say, then answer in your own words.'
    : `No hints left for this phase (${String(hints.length)} given). Answer with what you have: state your assumptions out loud and move on; the review credits a reasoned guess.`;
}

/** A question to the interviewer about scale: "how many users?", "what QPS?". */
export const ASKS_SCALE =
  /\b(?:how many|how much|what(?:'s| is) the (?:scale|traffic|volume|load|qps)|scale|traffic|volume|qps|users|requests)\b[^.!]*\?/i;

/** The interview's length in minutes: --timebox, or the problem's own. */
export const timeboxOf = (state: SessionState, problem: Problem): number => {
  const value = state.answers['interview.timebox']?.value;
  return typeof value === 'number' ? value : problem.timebox_minutes;
};

export const interviewProblemId = (state: SessionState): string | undefined => {
  const value = state.answers['interview.problem']?.value;
  return typeof value === 'string' ? value : undefined;
};

export function interviewProtocol(problems: readonly Problem[]): Protocol {
  const byId = new Map(problems.map((problem) => [problem.id, problem]));
  const problemOf = (state: SessionState): Problem | undefined => byId.get(interviewProblemId(state) ?? '');
  const phaseSlot = (phase: Phase): QuestionSlot =>
    question<string>({
      kind: 'question',
      id: `interview.${phase}`,
      phase,
      title: INTERVIEW_PHASES.find((candidate) => candidate.id === phase)?.title ?? phase,
      when: 'always',
      answer: 'text',
      prompt: QUESTIONS[phase],
      help: 'Answer as you would out loud; "?" asks the interviewer for a hint, which the review counts.',
      example:
        phase === 'requirements' ? 'Create and redirect; links expire? How many new links a day?' : '...',
      // "?" never reaches the parser: the runner answers it with helpAt (and an answers file may
      // script it, with the answer after the hint under followups).
      parse: nonEmptyText,
      helpAt: (state, times) => hintAt(problemOf(state), phase, times),
      pushBack: (answer: string, state: SessionState) => {
        const problem = problemOf(state);
        // A candidate who only asked questions hears the facts the problem states, then answers.
        if (problem && onlyQuestions(answer)) {
          const reply = interviewerAnswer(answer, problem);
          if (reply) return `${reply} Go on.`;
        }
        return answer.split(/\s+/).filter(Boolean).length < THIN_WORDS ? PROBES[phase] : undefined;
      },
    });
  return {
    id: 'interview',
    title: 'Interview practice',
    setup: [titleSlot] as Protocol['setup'],
    scope: 'system',
    timed: true,
    // The interviewer phrases and pushes back from the problem itself; the design guides would only
    // cost tokens (a model-backed interview sent about 18K tokens of them per request).
    guides: [],
    phases: INTERVIEW_PHASES,
    steps: [
      question<string>({
        kind: 'question',
        id: 'interview.problem',
        phase: 'brief',
        title: 'Problem',
        when: 'always (--problem or --random give it)',
        answer: 'choice',
        prompt: 'Which problem?',
        help: 'The bank: `mlops-design problems`.',
        example: problems[0]?.id ?? 'url-shortener',
        choices: problems.map((problem) => ({
          value: problem.id,
          label: `${problem.title} (${problem.level})`,
        })),
        parse: (raw) => {
          const id = asText(raw);
          return byId.has(id)
            ? ok(id)
            : fail(`expected a problem id from the bank (mlops-design problems), got "${id}"`);
        },
      }),
      question<Level | undefined>({
        kind: 'question',
        id: 'interview.level',
        phase: 'brief',
        title: 'Level',
        when: 'always (--level gives it)',
        answer: 'choice',
        prompt: 'At which level are you interviewing?',
        help: 'The bar for each verdict rises with the level.',
        example: 'senior',
        optional: { default: 'problem', note: "the problem's own level" },
        choices: LEVELS.map((level) => ({ value: level, label: level })),
        parse: (raw) => {
          const text = asText(raw).toLowerCase();
          if (text === 'problem') return ok(undefined);
          return (LEVELS as readonly string[]).includes(text)
            ? ok(text as Level)
            : fail(`expected one of ${LEVELS.join(', ')}, got "${asText(raw)}"`);
        },
      }),
      question<number | undefined>({
        kind: 'question',
        id: 'interview.timebox',
        phase: 'brief',
        title: 'Timebox',
        when: 'always (--timebox gives it)',
        answer: 'duration',
        prompt: 'How long is the interview? (e.g. 45m)',
        help: "Each phase's share of it is shown with its question.",
        example: '45m',
        optional: { default: 'problem', note: "the problem's own timebox" },
        parse: (raw) => {
          const text = asText(raw);
          if (text === 'problem') return ok(undefined);
          const seconds = parseDuration(text, { minutes: true });
          if (!seconds.ok || seconds.value < 600 || seconds.value > 3 * 3_600)
            return fail(
              `expected a timebox between 10 minutes and 3 hours, e.g. "45m" or "1h", got "${text}"`,
            );
          return ok(Math.round(seconds.value / 60));
        },
      }),
      ...PHASES.map(phaseSlot),
      // The coaching is drafted from the scores: prose a model may reword, never the scores.
      {
        kind: 'draft',
        id: 'interview.coaching',
        phase: 'operations',
        title: 'Coaching',
        when: 'always',
        tool: 'write_coaching',
        schema: async () => (await import('./review.js')).coachingSchema,
        prose: ['summary', 'focus[dimension].strong', 'focus[dimension].next'],
      },
    ],
    approval: approvalSlotFor(
      INTERVIEW_PHASES.map((phase) => phase.id),
      'operations',
    ),
  };
}
