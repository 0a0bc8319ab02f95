import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/protocol/types.js';
import { RED_FLAG_RULES, redFlags } from '../../src/rules/red-flags.js';
import { emptyState, finishedDesign, withAnswer, withDecision, withWords } from '../support/design-state.js';

const PUSHED_BACK = 'the push-back the co-pilot gave';
const ids = (state: SessionState): string[] => redFlags(state).map((flag) => flag.id);

describe('red flags', () => {
  it('has the five rules of the design brief, in order', () => {
    expect(RED_FLAG_RULES.map((rule) => [rule.id, rule.phase])).toEqual([
      ['skipped-estimation', 'requirements'],
      ['microservices-day-one', 'high-level'],
      ['ignored-failure-modes', 'operations'],
      ['ml-without-problem-framing', 'requirements'],
      ['realtime-everything', 'high-level'],
    ]);
  });

  it('fires none on an empty system design', () => {
    expect(redFlags(emptyState('system'))).toEqual([]);
  });

  describe('on finished designs with clean answers', () => {
    let system: SessionState;
    let ml: SessionState;
    beforeAll(async () => {
      system = await finishedDesign();
      ml = await finishedDesign({ scope: 'ml' });
    });

    it('fires none', () => {
      expect(redFlags(system)).toEqual([]);
      expect(redFlags(ml)).toEqual([]);
    });
  });

  describe('skipped-estimation', () => {
    it('fires when a scale without a number was accepted after a push-back', () => {
      const state = withAnswer(emptyState(), 'requirements.scale', 'lots of users', PUSHED_BACK);
      const flags = redFlags(state);
      expect(flags.map((flag) => [flag.id, flag.phase])).toEqual([['skipped-estimation', 'requirements']]);
      expect(flags[0]?.message).toMatch(/^The scale was left without a number\./);
    });

    it('does not fire for a scale with a number', () => {
      expect(ids(withAnswer(emptyState(), 'requirements.scale', '2M daily users'))).toEqual([]);
    });
  });

  describe('microservices-day-one', () => {
    it('fires when option B (microservices) is chosen', () => {
      const state = withDecision(emptyState(), 'high-level.architecture', 'microservices');
      expect(ids(state)).toEqual(['microservices-day-one']);
    });

    it("fires when the team's own words ask for micro-services", () => {
      const state = withWords(emptyState(), 'high-level.architecture', 'split into micro services');
      expect(ids(state)).toEqual(['microservices-day-one']);
    });

    it('does not fire for a modular monolith', () => {
      const state = withDecision(emptyState(), 'high-level.architecture', 'modular-monolith');
      expect(ids(state)).toEqual([]);
    });
  });

  describe('ignored-failure-modes', () => {
    it('fires when a non-answer on degradation was kept after the push-back', () => {
      const state = withAnswer(emptyState(), 'operations.degradation', 'it will not fail', PUSHED_BACK);
      expect(ids(state)).toEqual(['ignored-failure-modes']);
    });

    it('does not fire for a degradation plan', () => {
      const state = withAnswer(emptyState(), 'operations.degradation', 'serve stale reads from the cache');
      expect(ids(state)).toEqual([]);
    });
  });

  describe('ml-without-problem-framing', () => {
    const framed = 'Flag likely card fraud before authorisation to cut chargebacks by 30 percent.';

    it('does not fire before the question is asked: an unanswered question is not a red flag', () => {
      expect(ids(emptyState('ml'))).toEqual([]);
      expect(ids(emptyState('hybrid'))).toEqual([]);
    });

    it('fires for hybrid scope too when the problem was left vague', () => {
      const state = withAnswer(emptyState('hybrid'), 'requirements.problem', 'skip', PUSHED_BACK);
      expect(ids(state)).toEqual(['ml-without-problem-framing']);
    });

    it('fires when a thin problem statement was kept after the push-back', () => {
      const state = withAnswer(emptyState('ml'), 'requirements.problem', 'fraud model', PUSHED_BACK);
      expect(ids(state)).toEqual(['ml-without-problem-framing']);
    });

    it('does not fire once the problem is framed, in answers or in a context document', () => {
      expect(ids(withAnswer(emptyState('ml'), 'requirements.problem', framed))).toEqual([]);
      expect(ids(emptyState('ml', [{ name: 'problem_statement.md', text: framed }]))).toEqual([]);
    });

    it('does not fire for a general system', () => {
      expect(ids(emptyState('system'))).toEqual([]);
    });
  });

  describe('realtime-everything', () => {
    const framedMl = (): SessionState =>
      withAnswer(
        emptyState('ml'),
        'requirements.problem',
        'Rank products on the home page to lift orders per visit by 5%.',
      );
    const freshness = (
      state: SessionState,
      prediction: string,
      model: string,
      features: string,
    ): SessionState =>
      withAnswer(
        withAnswer(
          withAnswer(state, 'requirements.prediction-freshness', prediction),
          'requirements.model-update',
          model,
        ),
        'requirements.feature-freshness',
        features,
      );

    it('fires for real-time predictions, real-time features and hourly retraining', () => {
      expect(ids(freshness(framedMl(), 'real-time', 'hourly', 'real-time'))).toEqual(['realtime-everything']);
    });

    it('fires for online serving chosen although predictions may be a day old', () => {
      const state = withDecision(
        freshness(framedMl(), 'daily', 'weekly', 'nightly'),
        'high-level.serving',
        'online',
      );
      expect(ids(state)).toEqual(['realtime-everything']);
    });

    it('does not fire when any part can wait, or when batch serving is chosen', () => {
      expect(ids(freshness(framedMl(), 'real-time', 'weekly', 'real-time'))).toEqual([]);
      expect(ids(freshness(framedMl(), 'real-time', 'hourly', 'nightly'))).toEqual([]);
      const batch = withDecision(
        freshness(framedMl(), 'daily', 'weekly', 'nightly'),
        'high-level.serving',
        'batch',
      );
      expect(ids(batch)).toEqual([]);
    });

    it('does not fire in system scope, where the ML answers do not apply', () => {
      const system = freshness(emptyState('system'), 'real-time', 'hourly', 'real-time');
      expect(ids(system)).toEqual([]);
    });
  });

  it('lists several flags in rule order', () => {
    let state = emptyState('ml');
    state = withAnswer(state, 'requirements.problem', 'a model', PUSHED_BACK);
    state = withAnswer(state, 'operations.degradation', 'n/a', PUSHED_BACK);
    state = withAnswer(state, 'requirements.scale', 'big', PUSHED_BACK);
    state = withDecision(state, 'high-level.architecture', 'microservices');
    expect(ids(state)).toEqual([
      'skipped-estimation',
      'microservices-day-one',
      'ignored-failure-modes',
      'ml-without-problem-framing',
    ]);
  });
});
