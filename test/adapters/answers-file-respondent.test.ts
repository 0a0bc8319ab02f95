// The scripted respondent: answers by question id, documented defaults for optional questions,
// followups after a push-back or after "C" (more detail), and a loud error for anything missing.
import { describe, expect, it } from 'vitest';
import { AppError, ExitCode, Interrupted } from '../../src/errors.js';
import type { AnswersFile } from '../../src/answers/schema.js';
import type { DecisionSlot, Proposal, QuestionSlot } from '../../src/protocol/types.js';
import type { AskRequest, ChooseRequest } from '../../src/respondents/port.js';
import { answerDelayMs, answersFileRespondent } from '../../src/respondents/answers-file.js';
import { decision, question } from '../support/design-slots.js';

const PATH = 'answers/pastebin.yaml';

const file = (answers: AnswersFile['answers'], followups?: AnswersFile['followups']): AnswersFile => ({
  version: 1,
  title: 'Pastebin',
  answers,
  ...(followups ? { followups } : {}),
});

const ask = (slot: QuestionSlot, attempt: AskRequest['attempt'] = 'first'): AskRequest => ({
  slot,
  prompt: `Phrased: ${slot.prompt}`,
  progress: 'Phase 1/6 · Requirements',
  attempt,
});

const proposal: Proposal = {
  explain: 'Reads are 10x writes.',
  options: [
    {
      key: 'A',
      value: 'cache-aside',
      label: 'Cache-aside with Redis',
      summary: 's',
      pros: ['p'],
      cons: ['c'],
    },
    { key: 'B', value: 'none', label: 'No cache', summary: 's', pros: ['p'], cons: ['c'] },
  ],
  position: 'A cache pays off at 10:1.',
  detail: 'Size the cache for the hot keys.',
};

const choose = (slot: DecisionSlot, attempt: ChooseRequest['attempt'] = 'first'): ChooseRequest => ({
  slot,
  proposal,
  progress: 'Phase 3/6 · High-level design',
  attempt,
});

/** The AppError a rejected answer carries, checked to be one. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('answersFileRespondent.ask', () => {
  it('is not interactive', () => {
    expect(answersFileRespondent(PATH, file({})).interactive).toBe(false);
  });

  it('returns the answer written under the question id, as written', async () => {
    const useCases = ['A user pastes text and gets a short URL within 200 ms', 'A visitor reads it'];
    const respondent = answersFileRespondent(
      PATH,
      file({ 'requirements.scale': '1M new pastes a day', 'requirements.functional': useCases }),
    );
    await expect(respondent.ask(ask(question('requirements.scale')))).resolves.toBe('1M new pastes a day');
    await expect(respondent.ask(ask(question('requirements.functional')))).resolves.toEqual(useCases);
  });

  it('returns the documented default of an optional question that is not answered', async () => {
    const respondent = answersFileRespondent(PATH, file({}));
    await expect(respondent.ask(ask(question('estimation.read-size')))).resolves.toBe('same as write');
    await expect(respondent.ask(ask(question('estimation.peak-factor')))).resolves.toBe('2');
    await expect(respondent.ask(ask(question('estimation.users')))).resolves.toBe('none');
  });

  it('prefers a written answer to the default of an optional question', async () => {
    const respondent = answersFileRespondent(PATH, file({ 'estimation.peak-factor': '3' }));
    await expect(respondent.ask(ask(question('estimation.peak-factor')))).resolves.toBe('3');
  });

  it('returns the followup after a push-back', async () => {
    const slot = question('requirements.scale');
    const respondent = answersFileRespondent(
      PATH,
      file({ 'requirements.scale': 'lots of users' }, { 'requirements.scale': '2M daily users' }),
    );
    await expect(respondent.ask(ask(slot))).resolves.toBe('lots of users');
    await expect(respondent.ask(ask(slot, 'after-push-back'))).resolves.toBe('2M daily users');
  });

  it('answers the same again after a push-back when there is no followup', async () => {
    const slot = question('requirements.scale');
    const respondent = answersFileRespondent(
      PATH,
      file({ 'requirements.scale': 'lots of users' }, { 'requirements.latency': 'P99 200ms' }),
    );
    await expect(respondent.ask(ask(slot, 'after-push-back'))).resolves.toBe('lots of users');
  });

  it('rejects a missing answer with exit code 65, naming the file, the id and the question', async () => {
    const slot = question('requirements.latency');
    const respondent = answersFileRespondent(PATH, file({ 'requirements.scale': '1M a day' }));
    const error = await rejection(respondent.ask(ask(slot)));
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.exitCode).toBe(65);
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('answers.requirements.latency');
    expect(error.message).toContain(slot.prompt);
  });

  it('rejects a missing answer after a push-back too: nothing is invented', async () => {
    const error = await rejection(
      answersFileRespondent(PATH, file({})).ask(ask(question('requirements.durability'), 'after-push-back')),
    );
    expect(error.exitCode).toBe(65);
    expect(error.message).toContain('requirements.durability');
  });
});

describe('answersFileRespondent.choose', () => {
  const cache = decision('high-level.cache');

  it('returns the choice written under the decision id', async () => {
    const respondent = answersFileRespondent(
      PATH,
      file({ 'high-level.cache': 'A', 'high-level.datastore': 'Cassandra, because we run it already' }),
    );
    await expect(respondent.choose(choose(cache))).resolves.toBe('A');
    await expect(respondent.choose(choose(decision('high-level.datastore')))).resolves.toBe(
      'Cassandra, because we run it already',
    );
  });

  it('joins a list written as a choice into words', async () => {
    const respondent = answersFileRespondent(PATH, file({ 'deep-dive.focus': ['PostgreSQL', 'Redis'] }));
    await expect(respondent.choose(choose(decision('deep-dive.focus')))).resolves.toBe('PostgreSQL, Redis');
  });

  it('returns the followup as the final choice after C (more detail)', async () => {
    const respondent = answersFileRespondent(
      PATH,
      file({ 'high-level.cache': 'C' }, { 'high-level.cache': 'B' }),
    );
    await expect(respondent.choose(choose(cache))).resolves.toBe('C');
    await expect(respondent.choose(choose(cache, 'after-detail'))).resolves.toBe('B');
  });

  it('requires a followup after C: without one it rejects with exit code 65 naming followups.<id>', async () => {
    const respondent = answersFileRespondent(PATH, file({ 'high-level.cache': 'C' }));
    await expect(respondent.choose(choose(cache))).resolves.toBe('C');
    const error = await rejection(respondent.choose(choose(cache, 'after-detail')));
    expect(error.exitCode).toBe(65);
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('followups.high-level.cache');
    expect(error.message).toMatch(/after C \(more detail\)/);
  });

  it('rejects a missing decision with exit code 65, naming the id and the question', async () => {
    const error = await rejection(answersFileRespondent(PATH, file({})).choose(choose(cache)));
    expect(error.exitCode).toBe(65);
    expect(error.message).toContain('answers.high-level.cache');
    expect(error.message).toContain(cache.prompt);
  });
});

describe('pacing (MLOPS_DESIGN_ANSWER_DELAY_MS)', () => {
  it('reads a positive number of milliseconds and ignores anything else', () => {
    expect(answerDelayMs({ MLOPS_DESIGN_ANSWER_DELAY_MS: '4000' })).toBe(4000);
    expect(answerDelayMs({ MLOPS_DESIGN_ANSWER_DELAY_MS: '12.5' })).toBe(12.5);
    for (const ignored of [undefined, '', '0', '-5', 'soon', 'Infinity', 'NaN']) {
      expect(answerDelayMs({ MLOPS_DESIGN_ANSWER_DELAY_MS: ignored }), String(ignored)).toBeUndefined();
    }
  });

  it('gives the same answers, saying one line per question and decision as it is asked', async () => {
    const said: string[] = [];
    const respondent = answersFileRespondent(
      PATH,
      file({ 'requirements.scale': '1M new pastes a day', 'high-level.cache': 'B' }),
      { delayMs: 1, say: (text) => said.push(text) },
    );
    await expect(respondent.ask(ask(question('requirements.scale')))).resolves.toBe('1M new pastes a day');
    await expect(respondent.choose(choose(decision('high-level.cache')))).resolves.toBe('B');
    expect(said).toEqual([
      'Scripted answer to requirements.scale in 1 ms',
      'Scripted answer to high-level.cache in 1 ms',
    ]);
  });

  it('refuses a missing answer at once, saying nothing', async () => {
    const said: string[] = [];
    const respondent = answersFileRespondent(PATH, file({}), {
      delayMs: 60_000,
      say: (text) => said.push(text),
    });
    expect((await rejection(respondent.ask(ask(question('requirements.latency'))))).exitCode).toBe(65);
    expect(said).toEqual([]);
  });

  it('ends a wait at once when the session is interrupted', async () => {
    const stop = new AbortController();
    const respondent = answersFileRespondent(PATH, file({ 'high-level.cache': 'A' }), {
      delayMs: 600_000,
      signal: stop.signal,
      say: () => {
        stop.abort('SIGTERM');
      },
    });
    const error: unknown = await respondent
      .choose(choose(decision('high-level.cache')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).by).toBe('SIGTERM');
  });
});
