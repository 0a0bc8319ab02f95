/**
 * The mock interview's pure parts: the interviewer (scale only when asked, hints, push-backs, the
 * time budget), the session's clock, the numbers check, the verdict bars and what to practise next.
 */
import { describe, expect, it } from 'vitest';
import { interviewAdvisor } from '../../src/copilot/offline/interview/advisor.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import { estimateFromSpec } from '../../src/estimation/index.js';
import { specFromSnake } from '../../src/estimation/spec-fields.js';
import { engineTables } from '../../src/knowledge/engine-tables.js';
import { initialState, recordAnswer } from '../../src/protocol/machine.js';
import type { QuestionSlot } from '../../src/protocol/types.js';
import { interviewProtocol, THIN_WORDS } from '../../src/protocols/interview/index.js';
import { interviewFacts } from '../../src/protocols/interview/model.js';
import { coachingOf } from '../../src/protocols/interview/review.js';
import {
  checkNumbers,
  scoreInterview,
  verdictFor,
  VERDICT_BARS,
} from '../../src/protocols/interview/score.js';
import { practiseNext } from '../../src/render/interview-feedback.js';
import type { Respondent } from '../../src/respondents/port.js';
import { runSession } from '../../src/session/run.js';
import { bundledKnowledge, silent } from '../support/design-state.js';
import { value } from '../support/results.js';

const knowledge = bundledKnowledge();
const protocol = interviewProtocol(knowledge.problems);
const slot = (id: string): QuestionSlot => {
  const found = protocol.steps.find((step) => step.id === id);
  if (found?.kind !== 'question') throw new Error(`no question ${id}`);
  return found;
};
const withProblem = recordAnswer(initialState(protocol, 'T', 'system'), 'interview.problem', {
  raw: 'url-shortener',
  value: 'url-shortener',
});
const advisor = interviewAdvisor(knowledge);
const problem = knowledge.problems.find((candidate) => candidate.id === 'url-shortener');
if (!problem) throw new Error('url-shortener is missing from the bank');
const expected = value(
  estimateFromSpec(value(specFromSnake(problem.scale.numbers)), engineTables(knowledge)),
).metrics;

describe('the interviewer', () => {
  it('states the problem with the first question, and each phase with its share of the timebox', () => {
    expect(advisor.phrase?.(slot('interview.requirements'), withProblem)).toBe(
      `URL shortener: ${problem.prompt} ${slot('interview.requirements').prompt} (about 5 of your 45 minutes)`,
    );
    expect(advisor.phrase?.(slot('interview.deep-dive'), withProblem)).toMatch(
      /\(about 14 of your 45 minutes\)$/,
    );
    const short = recordAnswer(withProblem, 'interview.timebox', { raw: '30m', value: 30 });
    expect(advisor.phrase?.(slot('interview.deep-dive'), short)).toMatch(/\(about 9 of your 30 minutes\)$/);
  });

  it('reveals the scale only when asked, and only once', () => {
    const note = (id: string, answer: string, state = withProblem) => advisor.note?.(slot(id), answer, state);
    expect(note('interview.requirements', 'Create and redirect short links, fast.')).toBeUndefined();
    expect(note('interview.requirements', 'Create and redirect. How many links a day?')).toBe(
      `Interviewer: ${problem.scale.summary} ${problem.scale.facts.join('; ')}.`,
    );
    const asked = recordAnswer(withProblem, 'interview.requirements', {
      raw: 'How many links a day?',
      value: 'How many links a day?',
    });
    expect(note('interview.estimation', 'What is the traffic, how many requests?', asked)).toBeUndefined();
    expect(note('interview.estimation', 'What is the traffic, how many requests?')).toMatch(
      /^Interviewer: 100M/,
    );
  });

  it('answers a question the problem states a fact for, and nothing it does not state', () => {
    const note = (id: string, answer: string, state = withProblem) => advisor.note?.(slot(id), answer, state);
    expect(note('interview.high-level', "An API and a store. What's the read ratio?")).toBe(
      'Interviewer: Reads outnumber writes 10 to 1.',
    );
    expect(note('interview.deep-dive', 'Keyed by code. How long are links kept?')).toBe(
      'Interviewer: Links are kept for 5 years; about 500 bytes per link with its metadata.',
    );
    // Told once: the same question in a later phase is not answered again.
    const told = recordAnswer(withProblem, 'interview.high-level', {
      raw: "What's the read ratio?",
      value: "What's the read ratio?",
    });
    expect(note('interview.deep-dive', 'Is it read-heavy?', told)).toBeUndefined();
    expect(note('interview.tradeoffs', 'Which cloud do we run on?')).toBeUndefined();
    // A candidate who only asks hears the answer as a push-back, then goes on answering.
    expect(slot('interview.requirements').pushBack?.('How many links a day?', withProblem)).toBe(
      'Interviewer: 100M new short links a month. Go on.',
    );
    expect(slot('interview.estimation').pushBack?.("what's the read ratio?", withProblem)).toBe(
      'Interviewer: Reads outnumber writes 10 to 1. Go on.',
    );
  });

  it('gives the next hint for each "?", says when none is left, and never takes "?" as the answer', () => {
    const estimation = slot('interview.estimation');
    const [hint] = problem.hints.estimation;
    expect(estimation.helpAt?.(withProblem, 1)).toBe(`Hint 1 of 1: ${hint ?? ''}`);
    const deepDive = slot('interview.deep-dive');
    expect(deepDive.helpAt?.(withProblem, 2)).toBe(`Hint 2 of 2: ${problem.hints['deep-dive'][1] ?? ''}`);
    expect(deepDive.helpAt?.(withProblem, 3)).toMatch(/^No hints left for this phase \(2 given\)/);
    expect(estimation.helpAt?.(withProblem, 2)).toMatch(/^No hints left for this phase \(1 given\)\. Answer/);
  });

  it('counts the hints given from the help shown at each question', () => {
    const state = [
      ['interview.requirements', 0],
      ['interview.estimation', 2],
      ['interview.high-level', 1],
    ].reduce(
      (current, [id, helpShown]) =>
        recordAnswer(current, String(id), {
          raw: 'An answer of some length.',
          value: 'An answer of some length.',
          ...(helpShown ? { helpShown: Number(helpShown) } : {}),
        }),
      withProblem,
    );
    // Two "?" at estimation gave its one hint and then "none left": one hint there, one at high-level.
    expect(interviewFacts(state, knowledge.problems).hints).toEqual(['estimation', 'high-level']);
  });

  it('pushes back once on a thin answer, and never designs', () => {
    const requirements = slot('interview.requirements');
    expect(requirements.pushBack?.('short links', withProblem)).toMatch(/^That is thin\./);
    expect(
      requirements.pushBack?.(Array.from({ length: THIN_WORDS }, () => 'word').join(' '), withProblem),
    ).toBeUndefined();
    expect(() => advisor.propose(slot('interview.requirements') as never, withProblem)).toThrow(
      /proposes nothing/,
    );
  });
});

describe('time per phase', () => {
  it('is measured by the session clock when one is injected, and estimated from length otherwise', async () => {
    let now = 0;
    const answers: Record<string, string> = {
      'interview.level': 'problem',
      'interview.timebox': 'problem',
      'interview.requirements':
        'Create and redirect short links; links expire after five years. How many a day?',
      'interview.estimation':
        'About 40 writes/s and 400 reads/s, 3 TB over five years, 1,200 reads/s at peak.',
      'interview.high-level': 'An API, a key generator, a key-value store, a Redis cache and a click queue.',
      'interview.deep-dive':
        'Base62 counters leased in ranges per server; the table is keyed by the short key.',
      'interview.tradeoffs':
        'A 302 instead of a 301 because clicks must be counted, at the cost of more traffic.',
      'interview.operations':
        'SLOs on redirect latency and errors, alerts on burn rate, canary deploys with rollback.',
      approval: 'yes',
    };
    const respondent: Respondent = {
      interactive: false,
      ask: (request) => {
        now += 90_000; // a minute and a half per answer
        const answer = answers[request.slot.id];
        return answer === undefined ? Promise.reject(new Error(request.slot.id)) : Promise.resolve(answer);
      },
      choose: () => Promise.reject(new Error('an interview has no decisions')),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const state = await runSession(
      {
        protocol,
        copilot: createOfflineCoPilot(interviewAdvisor(knowledge)),
        respondent,
        view: silent,
        knowledge,
        redFlags: () => [],
        clock: () => now,
      },
      withProblem,
    );
    const facts = interviewFacts(state, knowledge.problems);
    expect(facts.minutes.requirements).toEqual({ spent: 1.5, budget: 5, measured: true });
    expect(facts.askedScale).toBe(true);
    const replayed = {
      ...state,
      answers: Object.fromEntries(
        Object.entries(state.answers).map(([id, record]) => [id, { raw: record.raw, value: record.value }]),
      ),
    };
    expect(interviewFacts(replayed, knowledge.problems).minutes.requirements).toEqual({
      spent: 1,
      budget: 5,
      measured: false,
    });
  });
});

describe('the numbers check', () => {
  it('marks each figure within 2x of the nearest engine figure, or off by how much', () => {
    const checks = checkNumbers(
      'About 40 writes/s, 4,000 reads/s at peak, 3 TB in total, 30 TB with copies; a link is 500 B.',
      expected,
    );
    expect(checks.map((check) => [check.said, check.metric, check.within])).toEqual([
      ['40 writes/s', 'Average write QPS', true],
      ['4,000 reads/s', 'Peak total QPS', false],
      ['3 TB', 'Storage over retention', true],
      ['30 TB', 'Storage over retention, 3 copies', false],
    ]);
    expect(checks[1]?.ratio).toBeCloseTo(4_000 / 1_273.2, 1);
    expect(checks.map((check) => check.kind)).toEqual(['rate', 'rate', 'size', 'size']);
  });

  it('compares storage with 3 copies only when the scale keeps one', () => {
    const [kept] = checkNumbers('9 TB', expected, 3);
    expect(kept).toMatchObject({ metric: 'Storage over retention', within: false });
  });
});

describe('the verdict', () => {
  it.each([
    ['mid', 65, 'hire'],
    ['mid', 64, 'lean hire'],
    ['senior', 72, 'hire'],
    ['senior', 57, 'lean no hire'],
    ['staff', 79, 'lean hire'],
    ['staff', 49, 'no hire'],
  ] as const)('%s at %i is %s', (level, score, verdict) => {
    expect(verdictFor(score, level)).toBe(verdict);
  });

  it('raises every bar with the level', () => {
    expect(VERDICT_BARS.mid[0]).toBeLessThan(VERDICT_BARS.senior[0]);
    expect(VERDICT_BARS.senior[0]).toBeLessThan(VERDICT_BARS.staff[0]);
  });
});

describe('practise next', () => {
  it('picks other problems sharing the most tags, nearest level first', () => {
    const next = practiseNext(problem, knowledge.problems);
    expect(next).toHaveLength(3);
    expect(next.map((candidate) => candidate.id)).not.toContain('url-shortener');
    const shared = (id: string): number =>
      knowledge.problems
        .find((candidate) => candidate.id === id)
        ?.tags.filter((tag) => problem.tags.includes(tag)).length ?? 0;
    expect(shared(next[0]?.id ?? '')).toBeGreaterThanOrEqual(shared(next[2]?.id ?? ''));
  });
});

describe('the coaching', () => {
  /** An empty interview's review with the given points per dimension, in the rubric's order. */
  const reviewWith = (points: readonly number[]) => {
    const scored = scoreInterview({
      problem,
      level: 'senior',
      answers: {},
      hints: [],
      askedScale: false,
      expected,
    });
    return { ...scored, dimensions: scored.dimensions.map((d, i) => ({ ...d, points: points[i] ?? 0 })) };
  };

  it("quotes the problem's rubric for the two weakest dimensions, with the first criteria missed", () => {
    const coaching = coachingOf(reviewWith([3, 1, 4, 0, 4, 4, 4]), problem);
    expect(coaching.focus.map((item) => item.dimension)).toEqual(['deep-dive', 'estimation']);
    expect(coaching.focus[0]?.strong).toBe(problem.rubric['deep-dive']);
    expect(coaching.focus[0]?.next).toMatch(
      /^Practise: a data model \(keys, tables, indexes, partitioning\); /,
    );
  });

  it('sends a perfect candidate to a harder problem', () => {
    expect(coachingOf(reviewWith([4, 4, 4, 4, 4, 4, 4]), problem)).toEqual({
      summary: 'Every dimension scored full points on URL shortener; try a harder problem at the next level.',
      focus: [],
    });
  });
});
